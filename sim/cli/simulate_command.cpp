#include <fmt/core.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/design_option.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/core/child_process.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/results_file.hpp"
#include "sim/io/results/trace_file.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

namespace {

struct SimulateOptions {
  ScenarioOptions scenario;
  std::string tracePath;
  std::string designPath;
  double stepSeconds = 300;
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

struct Window {
  Date first;
  int days = 1;
};

// "2025-05-07" (with --days), "2025-05-07..2025-05-09", "claims:2025-05" (the 5th-10th), or
// "peak:FY2025" (the busiest day of that fiscal year in the plan).
Window parseWindow(const std::string& text, int days, const Scenario& scenario) {
  auto bad = [&](const std::string& why) {
    return io::InputError({"command line", 0, 0}, "--window", why + ", got '" + text + "'");
  };
  Window window;
  if (text.rfind("peak:FY", 0) == 0) {
    // The busiest day of that fiscal year, found by the planner (a few seconds).
    auto year = io::parseNumber(text.substr(7));
    int fy = io::ok(year) ? int(std::get<double>(year)) : 0;
    if (!io::ok(year) || fy < scenario.horizon.start.fiscalYear() ||
        fy > scenario.horizon.end.fiscalYear())
      throw bad("expected peak:FY<year> with a fiscal year of the horizon");
    auto nation = buildNation(scenario);
    window = {analytic::peakDay(analytic::runPlan(*nation), fy), 1};
  } else if (text.rfind("claims:", 0) == 0) {
    auto month = Date::parse(text.substr(7) + "-05");
    if (!month || text.size() != 14) throw bad("expected claims:YYYY-MM");
    window = {*month, 6};
  } else if (auto dots = text.find(".."); dots != std::string::npos) {
    auto from = Date::parse(text.substr(0, dots)), to = Date::parse(text.substr(dots + 2));
    if (!from || !to || *to < *from) throw bad("expected a date range YYYY-MM-DD..YYYY-MM-DD");
    window = {*from, (*to - *from) + 1};
  } else {
    auto day = Date::parse(text);
    if (!day) throw bad("expected a date YYYY-MM-DD, a range or claims:YYYY-MM");
    window = {*day, days};
  }
  if (window.days > 31) throw bad("a window is at most 31 days");
  if (!scenario.horizon.contains(window.first) ||
      !scenario.horizon.contains(window.first.plusDays(window.days - 1)))
    throw bad("the window must lie within the horizon " + scenario.horizon.start.toString() + ".." +
              scenario.horizon.end.toString());
  return window;
}

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

// One window: simulate, write the results if asked, print the table; the exit code.
int simulateOne(const SimulateOptions& options, const Scenario& scenario, const Nation& nation,
                Window span, const io::Trace* trace, const std::string& output) {
  core::Workload workload(nation);
  des::WindowOptions window;
  window.first = span.first;
  window.days = span.days;
  window.seed = options.seedGiven ? options.seed : scenario.seed;
  window.progress = isatty(fileno(stderr));
  window.stepSeconds = options.stepSeconds;
  if (trace) window.trace = &trace->arrivals;
  io::Manifest manifest = io::makeManifest(scenario, window.seed, options.commandLine);
  // The trace and the design are inputs of the run: their checksums make it reproducible.
  if (trace)
    manifest.inputs.push_back({"trace", options.tracePath, io::fileSha256(options.tracePath)});
  core::Design design = designOption(options.designPath, nation, span.first, manifest);
  des::WindowResult result = des::simulateWindow(workload, design, window);
  manifest.wallSeconds = result.wallSeconds;
  if (!output.empty()) io::writeSimulationResults(output, scenario, result, manifest);
  std::cout
      << fmt::format("tsunagu simulate: scenario '{}', {} day(s) from {} ({}), seed {}\n",
                     scenario.name, span.days, span.first.toString(),
                     weekdayName(span.first.weekday()), window.seed)
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

// The peak day of every fiscal year, each in a process of its own (SimGrid's engine is one per
// process); with -o, one file per year, NAME-FY2025.h5.
int simulateEachPeakDay(const SimulateOptions& options, const Scenario& scenario,
                        const Nation& nation) {
  analytic::PlanResult plan = analytic::runPlan(nation);
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
    std::cout << fmt::format("FY{}: the peak day\n", fy);
    pid_t child = core::runInChild(
        [&] { return simulateOne(options, scenario, nation, span, nullptr, output); });
    int code = core::waitForChild(child);
    worst = std::max(worst, code > kExitInternal ? kExitInternal : code);
  }
  return worst;
}

int simulate(const SimulateOptions& options) {
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
  if (!trace && options.scenario.date == "peak:each") {
    auto nation = buildNation(scenario);
    return simulateEachPeakDay(options, scenario, *nation);
  }
  Window span = trace ? Window{trace->first, trace->days}
                      : parseWindow(options.scenario.date, options.days, scenario);
  if (trace && (!scenario.horizon.contains(span.first) ||
                !scenario.horizon.contains(span.first.plusDays(span.days - 1))))
    throw io::InputError({trace->file, 0, 0}, "",
                         "the trace's days lie outside the horizon of '" + scenario.name + "'");
  auto nation = buildNation(scenario);
  if (trace) checkTrace(*trace, scenario, *nation);
  return simulateOne(options, scenario, *nation, span, trace ? &*trace : nullptr, options.output);
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
  command->add_option("--days", options->days, "Days in the window")->check(CLI::Range(1, 31));
  command->add_option("--design", options->designPath,
                      "Run the design 'tsunagu size' chose (its results file) for the window's "
                      "fiscal year, instead of the scenario's");
  command
      ->add_option("--step", options->stepSeconds,
                   "Seconds between samples of the queue and utilisation series")
      ->check(CLI::Range(1.0, 86400.0));
  command->add_option("--seed", options->seed, "Random seed (default: the scenario's)");
  command->add_option("-o,--output", options->output,
                      "Also write the results (HDF5, group des) to this file");
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    options->commandLine =
        "tsunagu simulate " + options->scenario.scenarioPath +
        (options->scenario.date.empty() ? "" : " --window " + options->scenario.date) + " --days " +
        std::to_string(options->days) +
        (options->tracePath.empty() ? "" : " --trace " + options->tracePath) +
        (options->designPath.empty() ? "" : " --design " + options->designPath) +
        (command->count("--step") ? fmt::format(" --step {:g}", options->stepSeconds) : "") +
        (options->seedGiven ? " --seed " + std::to_string(options->seed) : "") +
        (options->scenario.aggregate ? " --aggregate" : "");
    action = [options] { return simulate(*options); };
  });
}

}  // namespace tsunagu::cli
