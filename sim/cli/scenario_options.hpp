#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "models/nation/nation.hpp"

namespace tsunagu::cli {

// Options shared by commands that work on one scenario at one date.
struct ScenarioOptions {
  std::string scenarioPath;
  std::string date;
  bool aggregate = false;

  void addTo(CLI::App& command, bool dateRequired);
  // Loads the scenario and parses --date (default: the end of the horizon); bad input throws
  // io::InputError.
  Scenario loadScenario() const;
  Date resolveDate(const Scenario& scenario) const;
};

// Peak resident memory of this process so far, in bytes.
double peakMemoryBytes();

}  // namespace tsunagu::cli
