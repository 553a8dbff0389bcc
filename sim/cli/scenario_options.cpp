#include "sim/cli/scenario_options.hpp"

#include <sys/resource.h>

#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"

namespace tsunagu::cli {

void ScenarioOptions::addTo(CLI::App& command, bool dateRequired) {
  command.add_option("scenario", scenarioPath, "Scenario file (YAML)")->required();
  auto* date =
      command.add_option("--date", this->date, "Date (YYYY-MM-DD) within the scenario's horizon");
  if (dateRequired) date->required();
  command.add_flag("--aggregate", aggregate,
                   "Group facilities per prefecture, kind, bed class and regional network");
}

Scenario ScenarioOptions::loadScenario() const {
  Scenario scenario = io::loadScenario(scenarioPath);
  if (aggregate) scenario.aggregate = true;
  return scenario;
}

Date ScenarioOptions::resolveDate(const Scenario& scenario) const {
  if (date.empty()) return scenario.horizon.end;
  auto parsed = Date::parse(date);
  if (!parsed)
    throw io::InputError({"command line", 0, 0}, "--date",
                         "expected a date as YYYY-MM-DD, got '" + date + "'");
  if (!scenario.horizon.contains(*parsed))
    throw io::InputError({"command line", 0, 0}, "--date",
                         "the date " + date + " is outside the horizon of '" + scenario.name +
                             "' (" + scenario.horizon.start.toString() + ".." +
                             scenario.horizon.end.toString() + ")");
  return *parsed;
}

double peakMemoryBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) * 1024.0;
}

}  // namespace tsunagu::cli
