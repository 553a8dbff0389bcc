// Links the scenario reader alone (tsunagu_input) and loads each scenario named on the command
// line: the test Layers.ScenarioReaderLinksNoSimGridNorHdf5 checks this program's shared
// libraries, so a dependency of the reader on SimGrid or HDF5 shows up as a failure.
#include <iostream>

#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    try {
      tsunagu::Scenario scenario = tsunagu::io::loadScenario(argv[i]);
      std::cout << scenario.name << ": " << scenario.services.size() << " services\n";
    } catch (const tsunagu::io::InputError& e) {
      std::cerr << e.what() << "\n";
      return 2;
    }
  }
  return 0;
}
