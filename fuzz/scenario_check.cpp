// Loads each scenario named on the command line with the sanitized readers and prints the
// error each one gives: `make fuzz` runs it on tests/scenarios/bad/ (real paths, so `extends:`
// resolves), and any crash, leak or unlocated error fails the run.
#include <cstdio>

#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"

int main(int argc, char** argv) {
  int unlocated = 0;
  for (int i = 1; i < argc; ++i) {
    try {
      tsunagu::io::loadScenario(argv[i]);
      std::printf("ok: %s\n", argv[i]);
    } catch (const tsunagu::io::InputError& e) {
      std::printf("error: %s\n", e.what());
      if (e.where().line <= 0) ++unlocated;
    }
  }
  return unlocated == 0 ? 0 : 1;
}
