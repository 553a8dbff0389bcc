#include <fmt/core.h>

#include <iostream>

#include "models/nation/nation_builder.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/number_options.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/results/trace_file.hpp"

namespace tsunagu::cli {

namespace {

struct WorkloadOptions {
  ScenarioOptions scenario;
  int days = 1;
  std::uint64_t seed = 0;
  bool seedGiven = false;
  std::string output;
};

int workload(const WorkloadOptions& options) {
  Scenario scenario = options.scenario.loadScenario();
  Date first = options.scenario.resolveDate(scenario);
  if (!scenario.horizon.contains(first.plusDays(options.days - 1)))
    throw io::InputError({"command line", 0, 0}, "--days",
                         "the window runs past the end of the horizon");
  auto nation = buildNation(scenario);
  des::WindowOptions window;
  window.first = first;
  window.days = options.days;
  window.seed = options.seedGiven ? options.seed : scenario.seed;
  auto arrivals = des::generateWorkload(*nation, window);
  io::writeTrace(options.output, first, arrivals);
  std::cout << fmt::format(
      "tsunagu workload: {} arrivals of '{}' over {} day(s) from {} written to {}\n",
      grouped(double(arrivals.size())), scenario.name, options.days, first.toString(),
      options.output);
  return kExitOk;
}

}  // namespace

void addWorkloadCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<WorkloadOptions>();
  auto* command = app.add_subcommand(
      "workload",
      "Write the arrivals of a window as a trace (CSV or .h5) to replay with 'simulate --trace'");
  command->add_option("scenario", options->scenario.scenarioPath, "Scenario file (YAML)")
      ->required();
  command->add_option("--window", options->scenario.date, "First day of the window (YYYY-MM-DD)")
      ->required();
  command->add_option("--days", options->days, "Days in the window")
      ->check(CLI::Range(1, 31))
      ->capture_default_str();
  addSeedOption(*command, options->seed, "Random seed (default: the scenario's)");
  command->add_option("-o,--output", options->output, "Trace file: .csv or .h5")->required();
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    action = [options] { return workload(*options); };
  });
}

}  // namespace tsunagu::cli
