#include <fmt/core.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/design_option.hpp"
#include "sim/cli/number_options.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/replication_options.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/cli/window_headline.hpp"
#include "sim/cli/window_option.hpp"
#include "sim/cli/window_progress.hpp"
#include "sim/core/child_process.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/replication_results.hpp"
#include "sim/io/results/results_file.hpp"
#include "sim/io/results/trace_file.hpp"
#include "sim/io/results/transaction_records.hpp"
#include "sim/stats/estimate.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

namespace {

struct SimulateOptions {
  ScenarioOptions scenario;
  std::string tracePath;
  std::string recordsPath;  // one CSV row per transaction or flow
  std::string designPath;
  ReplicationFlags replication;
  double stepSeconds = 300;
  double warmUpSeconds = 3600;
  std::string output;
  std::string commandLine;
  int days = 1;
  std::uint64_t seed = 0;
  bool seedGiven = false;
};

// Every row of a trace names a node of the scenario and one of its services.
void checkTrace(const io::Trace& trace, const Scenario& scenario, const Nation& nation) {
  for (size_t i = 0; i < trace.arrivals.size(); ++i) {
    const auto& row = trace.arrivals[i];
    if (!nation.findAny(row.origin))
      throw io::InputError({trace.file, trace.lines[i], trace.originColumns[i]}, "origin",
                           "no facility or data center named '" + row.origin + "' in scenario '" +
                               scenario.name + "'");
    if (std::find(scenario.services.begin(), scenario.services.end(), row.service) ==
        scenario.services.end())
      throw io::InputError({trace.file, trace.lines[i], trace.serviceColumns[i]}, "service",
                           "unknown service '" + row.service + "'");
  }
}

// The warm-up rule: MSER-5 on the queue of all pools, from the first arrival, must end the
// transient within the warm-up (which is not measured); otherwise the figures still carry it.
std::string warmUpCheck(double transientEndSeconds, double warmUpSeconds, const char* where) {
  if (transientEndSeconds <= 0)
    return fmt::format("Warm-up: {:g} min, not measured; MSER-5 ends the transient within it{}{}\n",
                       warmUpSeconds / 60, *where ? " " : "", where);
  return fmt::format(
      "Warm-up: {:g} min is too short: MSER-5 ends the transient {:g} min into "
      "the window; give a longer --warm-up\n",
      warmUpSeconds / 60, std::ceil(transientEndSeconds / 60));
}

// Replications of one window, each in a child process: every figure with its mean and 95%
// confidence interval, written (group replications) and printed; the exit code.
int simulateReplicated(const SimulateOptions& options, const Scenario& scenario, Window span,
                       const des::WindowOptions& window, const core::Design& design,
                       io::Manifest& manifest, const std::string& output, Progress& progress) {
  des::ReplicationOptions replication = options.replication.options();
  auto started = std::chrono::steady_clock::now();
  progress.step(
      fmt::format("{} replications of the window, in child processes", replication.replications));
  des::ReplicatedWindow result = des::simulateReplications(scenario, design, window, replication);
  manifest.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.step("writing the results");
  if (!output.empty())
    io::writeReplicatedSimulation(output, scenario, result, replication, manifest);
  progress.finish();
  bool conserved = true;
  for (const auto& run : result.runs) conserved = conserved && run.conserved;
  std::cout << fmt::format(
                   "tsunagu simulate: scenario '{}', {} day(s) from {} ({}), {} replications "
                   "(seed {} and {} more), 95% confidence intervals\n",
                   scenario.name, span.days, span.first.toString(),
                   weekdayName(span.first.weekday()), result.runs.size(), window.seed,
                   result.runs.size() - 1)
            << replicationTable(result, false);
  if (replication.precision > 0)
    std::cout << fmt::format(
        "Precision {:g}%: {} after {} replications; the widest watched figure is {}\n",
        100 * replication.precision, result.precisionReached ? "reached" : "NOT reached",
        result.runs.size(), result.decidedBy);
  std::cout << warmUpCheck(result.transientEndSeconds, window.warmUpSeconds,
                           "(on the mean queue of the replications)")
            << fmt::format("{:.1f} s in all\n", manifest.wallSeconds)
            << (conserved ? "Conservation holds in every replication\n"
                          : "CONSERVATION VIOLATED in a replication\n");
  return conserved ? kExitOk : kExitInternal;
}

// One window: simulate, write the results if asked, print the table; the exit code.
int simulateOne(const SimulateOptions& options, const Scenario& scenario, const Nation& nation,
                Window span, const io::Trace* trace, const std::string& output,
                Progress& progress) {
  core::Workload workload(nation);
  des::WindowOptions window;
  window.first = span.first;
  window.days = span.days;
  window.seed = options.seedGiven ? options.seed : scenario.seed;
  window.stepSeconds = options.stepSeconds;
  window.warmUpSeconds = options.warmUpSeconds;
  if (trace) window.trace = &trace->arrivals;
  io::Manifest manifest = io::makeManifest(scenario, window.seed, options.commandLine);
  // The trace and the design are inputs of the run: their checksums make it reproducible.
  if (trace)
    manifest.inputs.push_back({"trace", options.tracePath, io::fileSha256(options.tracePath)});
  core::Design design = designOption(options.designPath, nation, span.first, manifest);
  if (options.replication.replicated())
    return simulateReplicated(options, scenario, span, window, design, manifest, output, progress);
  progress.step(fmt::format("simulating {} day(s) from {}", span.days, span.first.toString()),
                true);
  WindowProgress arrivals(progress, workload, window);
  std::optional<io::TransactionRecords> records;
  std::vector<des::WindowObserver*> observers = {&arrivals};
  if (!options.recordsPath.empty())
    observers.push_back(&records.emplace(options.recordsPath, scenario.services));
  des::WindowResult result = des::simulateWindow(workload, design, window, observers);
  if (records) records->finish();
  progress.detail(
      fmt::format("{} events in {:.1f} s", grouped(double(result.events)), result.wallSeconds));
  manifest.wallSeconds = result.wallSeconds;
  progress.step("writing the results");
  if (!output.empty()) io::writeSimulationResults(output, scenario, result, manifest);
  progress.finish();
  std::cout
      << fmt::format("tsunagu simulate: scenario '{}', {} day(s) from {} ({}), seed {}\n",
                     scenario.name, span.days, span.first.toString(),
                     weekdayName(span.first.weekday()), window.seed)
      << windowOutcomesTable(result)
      << fmt::format("{} events in {:.1f} s ({} events/s); peak memory {}\n",
                     grouped(double(result.events)), result.wallSeconds,
                     grouped(double(result.events) / std::max(result.wallSeconds, 1e-9)),
                     bytesText(peakMemoryBytes()))
      << (result.conserved
              ? "Conservation holds: generated = completed + failed + in flight, per service\n"
              : "CONSERVATION VIOLATED: generated != completed + failed + in flight\n")
      << (options.tracePath.empty()
              ? warmUpCheck(result.transientEndSeconds, window.warmUpSeconds, "")
              : std::string());
  return result.conserved ? kExitOk : kExitInternal;
}

// The peak day of every fiscal year, each in a process of its own (SimGrid's engine is one per
// process); with -o, one file per year, NAME-FY2025.h5.
int simulateEachPeakDay(const SimulateOptions& options, const Scenario& scenario,
                        const Nation& nation, Progress& progress) {
  progress.step("planning every hour of the horizon (to find the peak days)", true);
  analytic::PlanResult plan =
      analytic::runPlan(nation, [&](double done) { progress.update(done); });
  progress.setSteps(3 + int(plan.fiscalYears.size()));
  int worst = kExitOk;
  for (int fy : plan.fiscalYears) {
    Window span{analytic::peakDay(plan, fy), 1};
    std::string output;
    if (!options.output.empty()) {
      fs::path path(options.output);
      output = (path.parent_path() /
                (path.stem().string() + "-FY" + std::to_string(fy) + path.extension().string()))
                   .string();
    }
    progress.step(
        fmt::format("FY{}: the peak day {}, in a child process", fy, span.first.toString()));
    std::cout << fmt::format("FY{}: the peak day\n", fy);
    // The child says nothing on stderr: this process's line tells the time.
    pid_t child = core::runInChild([&] {
      setVerbosity(Verbosity::Quiet);
      Progress quiet("tsunagu simulate", 3);
      return simulateOne(options, scenario, nation, span, nullptr, output, quiet);
    });
    int code = core::waitForChild(child);
    worst = std::max(worst, code > kExitInternal ? kExitInternal : code);
  }
  progress.finish();
  return worst;
}

int simulate(const SimulateOptions& options) {
  Progress progress("tsunagu simulate", 4);
  progress.step("loading the scenario");
  Scenario scenario = options.scenario.loadScenario();
  std::optional<io::Trace> trace;
  if (!options.tracePath.empty()) trace = io::readTrace(options.tracePath);
  if (options.scenario.date.empty() && !trace)
    throw io::InputError({"command line", 0, 0}, "--window",
                         "give a window (or a --trace to replay)");
  if (!options.output.empty() && fs::path(options.output).has_parent_path() &&
      !fs::is_directory(fs::path(options.output).parent_path()))
    throw io::InputError({options.output, 0, 0}, "-o",
                         "cannot write the results file: its directory does not exist");
  if (!options.recordsPath.empty() &&
      (options.replication.replicated() || options.scenario.date == "peak:each"))
    throw io::InputError({"command line", 0, 0}, "--records",
                         "records are written for one run of one window only");
  if (!options.recordsPath.empty() && fs::path(options.recordsPath).has_parent_path() &&
      !fs::is_directory(fs::path(options.recordsPath).parent_path()))
    throw io::InputError({options.recordsPath, 0, 0}, "--records",
                         "cannot write the records: their directory does not exist");
  if (!trace && options.scenario.date == "peak:each") {
    if (options.replication.replicated())
      throw io::InputError({"command line", 0, 0}, "--replications",
                           "peak:each runs one window a year; replicate one window at a time");
    progress.step("building the network");
    auto nation = buildNation(scenario);
    return simulateEachPeakDay(options, scenario, *nation, progress);
  }
  Window span = trace ? Window{trace->first, trace->days}
                      : parseWindow(options.scenario.date, options.days, scenario);
  if (trace && (!scenario.horizon.contains(span.first) ||
                !scenario.horizon.contains(span.first.plusDays(span.days - 1))))
    throw io::InputError({trace->file, 0, 0}, "",
                         "the trace's days lie outside the horizon of '" + scenario.name + "'");
  progress.step("building the network");
  auto nation = buildNation(scenario);
  if (trace) checkTrace(*trace, scenario, *nation);
  return simulateOne(options, scenario, *nation, span, trace ? &*trace : nullptr, options.output,
                     progress);
}

}  // namespace

void addSimulateCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<SimulateOptions>();
  auto* command = app.add_subcommand(
      "simulate",
      "Discrete-event simulation of a window: transactions, queues, bulk flows, failures");
  command->add_option("scenario", options->scenario.scenarioPath, "Scenario file (YAML)")
      ->required();
  command->add_option(
      "--window", options->scenario.date,
      "The window: a first day YYYY-MM-DD (with --days), a range "
      "YYYY-MM-DD..YYYY-MM-DD, claims:YYYY-MM (the 5th-10th), peak:FY2025 (the busiest day of a "
      "fiscal year) or peak:each (every fiscal year's, one process and file each)");
  command->add_option(
      "--trace", options->tracePath,
      "Replay this workload (CSV or HDF5 from 'tsunagu workload', or your own log)");
  command->add_option("--records", options->recordsPath,
                      "Write one CSV row per transaction or flow (start, end, route, bytes, "
                      "attempts, outcome) to this file; one run only");
  command->add_option("--days", options->days, "Days in the window")
      ->check(CLI::Range(1, 31))
      ->capture_default_str();
  command->add_option("--design", options->designPath,
                      "Run the design 'tsunagu size' chose (its results file) for the window's "
                      "fiscal year, instead of the scenario's");
  command
      ->add_option("--step", options->stepSeconds,
                   "Seconds between samples of the queue and utilisation series")
      ->check(finiteRange(1.0, 86400.0));
  addSeedOption(*command, options->seed, "Random seed (default: the scenario's)");
  options->replication.addTo(*command);
  command
      ->add_option("--warm-up", options->warmUpSeconds,
                   "Seconds of arrivals before the window, not measured (checked by MSER-5)")
      ->check(finiteRange(0.0, 7 * 86400.0))
      ->capture_default_str();
  command->add_option("-o,--output", options->output,
                      "Also write the results (HDF5, group des; with replications, group "
                      "replications) to this file");
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    options->commandLine =
        "tsunagu simulate " + options->scenario.scenarioPath +
        (options->scenario.date.empty() ? "" : " --window " + options->scenario.date) + " --days " +
        std::to_string(options->days) +
        (options->tracePath.empty() ? "" : " --trace " + options->tracePath) +
        (options->recordsPath.empty() ? "" : " --records " + options->recordsPath) +
        (options->designPath.empty() ? "" : " --design " + options->designPath) +
        (command->count("--step") ? fmt::format(" --step {:g}", options->stepSeconds) : "") +
        (options->seedGiven ? " --seed " + std::to_string(options->seed) : "") +
        options->replication.commandLine() +
        (command->count("--warm-up") ? fmt::format(" --warm-up {:g}", options->warmUpSeconds)
                                     : "") +
        (options->scenario.aggregate ? " --aggregate" : "");
    action = [options] { return simulate(*options); };
  });
}

}  // namespace tsunagu::cli
