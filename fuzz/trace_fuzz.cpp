// libFuzzer target: the CSV trace reader (workload --trace, simulate --trace) on arbitrary
// bytes. The HDF5 form is not fuzzed: that would fuzz the HDF5 library's own parser.
#include <cstdio>
#include <cstdlib>

#include "fuzz_input_file.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/results/trace_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = tsunagu::fuzz::writeInput(data, size, "trace.csv");
  try {
    tsunagu::io::readTrace(path);
  } catch (const tsunagu::io::InputError& e) {
    if (e.where().file.empty()) {
      std::fprintf(stderr, "unlocated error: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
