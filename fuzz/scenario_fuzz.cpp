// libFuzzer target: the scenario loader on arbitrary bytes. Any input must end in a scenario
// or an InputError with a location; any other exception, a crash, a leak or a hang is a bug.
#include <cstdio>
#include <cstdlib>

#include "fuzz_input_file.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = tsunagu::fuzz::writeInput(data, size, "scenario.yaml");
  try {
    tsunagu::io::loadScenario(path);
  } catch (const tsunagu::io::InputError& e) {
    if (e.where().file.empty()) {
      std::fprintf(stderr, "unlocated error: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
