#include <fmt/core.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "models/nation/nation_builder.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/results_file.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

namespace {

struct SimulateOptions {
  ScenarioOptions scenario;
  std::string output;
  std::string commandLine;
  int days = 1;
  std::uint64_t seed = 0;
  bool seedGiven = false;
};

std::string outcomesTable(const des::WindowResult& result) {
  TextTable table({"service", "generated", "completed", "failed", "timeouts", "retries",
                   "in flight", "late", "p50 (s)", "p95 (s)", "p99 (s)", "p99.9 (s)"});
  for (const auto& s : result.services) {
    if (s.generated == 0) continue;
    auto q = [&](double p) { return fmt::format("{:.3f}", s.latency.quantile(p)); };
    table.addRow({s.service, grouped(double(s.generated)), grouped(double(s.completed)),
                  grouped(double(s.failedTotal())), grouped(double(s.timeouts)),
                  grouped(double(s.retries)), grouped(double(s.inFlight)),
                  grouped(double(s.missedDeadline)), q(0.5), q(0.95), q(0.99), q(0.999)});
  }
  return table.render();
}

int simulate(const SimulateOptions& options) {
  Scenario scenario = options.scenario.loadScenario();
  if (options.scenario.date.empty())
    throw io::InputError({"command line", 0, 0}, "--window", "give the first day of the window");
  Date first = options.scenario.resolveDate(scenario);
  if (!scenario.horizon.contains(first.plusDays(options.days - 1)))
    throw io::InputError({"command line", 0, 0}, "--days",
                         "the window runs past the end of the horizon");
  auto nation = buildNation(scenario);
  des::WindowOptions window;
  window.first = first;
  window.days = options.days;
  window.seed = options.seedGiven ? options.seed : scenario.seed;
  window.progress = isatty(fileno(stderr));
  if (!options.output.empty() && fs::path(options.output).has_parent_path() &&
      !fs::is_directory(fs::path(options.output).parent_path()))
    throw io::InputError({options.output, 0, 0}, "-o",
                         "cannot write the results file: its directory does not exist");
  io::Manifest manifest = io::makeManifest(scenario.files, window.seed, options.commandLine);
  manifest.dataDirectory = scenario.dataDirectory;
  manifest.dataSha256 = io::dataTablesSha256(scenario.dataDirectory);
  des::WindowResult result = des::simulateWindow(*nation, window);
  manifest.wallSeconds = result.wallSeconds;
  if (!options.output.empty())
    io::writeSimulationResults(options.output, scenario, result, manifest);
  std::cout
      << fmt::format("tsunagu simulate: scenario '{}', {} day(s) from {} ({}), seed {}\n",
                     scenario.name, options.days, first.toString(), weekdayName(first.weekday()),
                     window.seed)
      << outcomesTable(result)
      << fmt::format("{} events in {:.1f} s ({} events/s); peak memory {}\n",
                     grouped(double(result.events)), result.wallSeconds,
                     grouped(double(result.events) / std::max(result.wallSeconds, 1e-9)),
                     bytesText(peakMemoryBytes()))
      << (result.conserved
              ? "Conservation holds: generated = completed + failed + in flight, per service\n"
              : "CONSERVATION VIOLATED: generated != completed + failed + in flight\n");
  return result.conserved ? kExitOk : kExitInternal;
}

}  // namespace

void addSimulateCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<SimulateOptions>();
  auto* command = app.add_subcommand(
      "simulate",
      "Discrete-event simulation of a window: transactions, queues, bulk flows (in progress)");
  command->add_option("scenario", options->scenario.scenarioPath, "Scenario file (YAML)")
      ->required();
  command->add_option("--window", options->scenario.date, "First day of the window (YYYY-MM-DD)")
      ->required();
  command->add_option("--days", options->days, "Days in the window")->check(CLI::Range(1, 31));
  command->add_option("--seed", options->seed, "Random seed (default: the scenario's)");
  command->add_option("-o,--output", options->output,
                      "Also write the results (HDF5, group des) to this file");
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    options->commandLine = "tsunagu simulate " + options->scenario.scenarioPath + " --window " +
                           options->scenario.date + " --days " + std::to_string(options->days) +
                           (options->seedGiven ? " --seed " + std::to_string(options->seed) : "") +
                           (options->scenario.aggregate ? " --aggregate" : "");
    action = [options] { return simulate(*options); };
  });
}

}  // namespace tsunagu::cli
