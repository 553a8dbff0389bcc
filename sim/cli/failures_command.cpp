#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>

#include "models/nation/nation_builder.hpp"
#include "models/network/failure_points.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/design_option.hpp"
#include "sim/cli/number_options.hpp"
#include "sim/cli/output_files.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/failures/failure_simulation.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/failure_results.hpp"

namespace tsunagu::cli {

namespace {

struct FailuresOptions {
  ScenarioOptions scenario;  // date: the window
  std::string start;         // HH:MM, default the busiest hour of the day
  std::string duration = "2h";
  std::string desTop = "5";
  std::string output;
  std::string designPath;
  int jobs = 2;
  int replications = 1;
  std::uint64_t seed = 0;
  bool seedGiven = false;
  std::string commandLine;
};

io::InputError badOption(const std::string& option, const std::string& why,
                         const std::string& text) {
  return io::InputError({"command line", 0, 0}, option, why + ", got '" + text + "'");
}

// The day: peak:FY2025 (the plan's busiest day of that year; the default is the last year's) or
// a date of the horizon.
Date failureDay(const std::string& text, const Scenario& scenario,
                const analytic::PlanResult& plan) {
  if (text.empty()) return analytic::peakDay(plan, plan.fiscalYears.back());
  if (text.rfind("peak:FY", 0) == 0) {
    auto year = io::parseNumber(text.substr(7));
    int fy = io::ok(year) ? int(std::get<double>(year)) : 0;
    if (std::find(plan.fiscalYears.begin(), plan.fiscalYears.end(), fy) == plan.fiscalYears.end())
      throw badOption("--window", "expected peak:FY<year> with a fiscal year of the horizon", text);
    return analytic::peakDay(plan, fy);
  }
  auto day = Date::parse(text);
  if (!day || !scenario.horizon.contains(*day))
    throw badOption("--window", "expected peak:FY<year> or a date YYYY-MM-DD within the horizon",
                    text);
  return *day;
}

double parseStart(const std::string& text) {
  unsigned h = 0, m = 0;
  char colon = 0;
  int read = std::sscanf(text.c_str(), "%2u%c%2u", &h, &colon, &m);
  if (read != 3 || colon != ':' || h > 23 || m > 59 || text.size() != 5)
    throw badOption("--start", "expected a time of day HH:MM", text);
  return h * 3600.0 + m * 60.0;
}

std::string ratioText(double ratio) {
  if (ratio < 0) return "-";
  return std::isinf(ratio) ? "congested" : fmt::format("{:.2f}", ratio);
}

std::string rankedTable(const io::FailureReport& report, size_t rows) {
  TextTable table({"rank", "failure", "kind", "routes", "cut off", "failed (screen)",
                   "failed (DES)", "worst resp./target", "DES", "late claims", "busiest link"});
  for (size_t i = 0; i < std::min(rows, report.impacts.size()); ++i) {
    const auto& f = report.impacts[i];
    table.addRow({std::to_string(f.rank), f.failure.name, f.failure.kind, f.rerouting,
                  grouped(f.facilitiesCutOff), grouped(f.transactionsFailed),
                  f.desFailed < 0 ? "-" : grouped(f.desFailed), ratioText(f.worstResponseRatio),
                  ratioText(f.desWorstResponseRatio),
                  grouped(std::max(f.lateClaims, f.desLateClaims)),
                  fmt::format("{:.1f}%", f.maxLinkUtilisation * 100)});
  }
  return table.render();
}

// The single points of failure from the graph, and whether any IX center is one.
std::string structureText(const SinglePointsOfFailure& structure, const Nation& nation) {
  std::string text = fmt::format(
      "Structure: {} articulation points and {} bridges in the infrastructure; {} nodes and {} "
      "links whose loss alone cuts facilities off; {} facilities on a single line.\n",
      structure.articulationPoints, structure.bridges, structure.nodes.size(),
      structure.links.size(), grouped(structure.singleHomedFacilities));
  std::string ix;
  for (const auto& p : structure.nodes)
    if (p.kind == std::string(nodeKindName(NodeKind::Ix)))
      ix += fmt::format("{}{} ({} facilities)", ix.empty() ? "" : ", ", p.name,
                        grouped(p.facilitiesCutOff));
  int centers = 0;
  const NationGraph& g = nation.graph();
  for (Vertex v : boost::make_iterator_range(boost::vertices(g)))
    centers += g[v].kind == NodeKind::Ix;
  text += ix.empty()
              ? fmt::format("No IX center is a single point of failure ({} IX centers).\n", centers)
              : "IX centers that are single points of failure: " + ix + ".\n";
  return text;
}

// --des-top: how many of the worst screened cases to simulate ("all": every one).
size_t casesToSimulateCount(const std::string& top) {
  if (top == "all") return std::numeric_limits<size_t>::max();
  auto n = io::parseNumber(top);
  if (!io::ok(n) || std::get<double>(n) < 0 ||
      std::get<double>(n) != std::floor(std::get<double>(n)))
    throw badOption("--des-top", "expected a whole number or 'all'", top);
  return size_t(std::get<double>(n));
}

// The `count` worst by the screen, and every failure the scenario names.
std::vector<size_t> casesToSimulate(const io::FailureReport& report, size_t count) {
  std::vector<size_t> chosen;
  for (size_t i = 0; i < report.impacts.size(); ++i)
    if (i < count || report.impacts[i].failure.kind == "scenario") chosen.push_back(i);
  return chosen;
}

int analyseFailures(const FailuresOptions& options) {
  auto started = std::chrono::steady_clock::now();
  Progress progress("tsunagu failures", options.designPath.empty() ? 6 : 7);
  progress.step("loading the scenario");
  Scenario scenario = options.scenario.loadScenario();
  auto duration = io::parseDuration(options.duration);
  if (!io::ok(duration) || std::get<Duration>(duration).seconds <= 0)
    throw badOption("--duration", "expected a duration such as 2h or 90min", options.duration);
  size_t simulateCount = casesToSimulateCount(options.desTop);
  std::string output =
      options.output.empty() ? "results/" + scenario.name + "-failures.h5" : options.output;
  checkOutputPath(output);
  io::Manifest manifest = io::makeManifest(
      scenario, options.seedGiven ? options.seed : scenario.seed, options.commandLine);
  progress.step("building the network");
  auto nation = buildNation(scenario);
  core::Workload workload(*nation);
  core::Design design = core::Design::fromScenario(scenario);
  auto planProgress = [&](double done) { progress.update(done); };
  progress.step("planning every hour of the horizon", true);
  analytic::PlanResult plan = analytic::runPlan(workload, design, planProgress);
  Date day = failureDay(options.scenario.date, scenario, plan);
  if (!options.designPath.empty()) {  // the day's year's design, and its servers in the screen
    design = designOption(options.designPath, *nation, day, manifest);
    progress.step("planning again with the design of --design", true);
    plan = analytic::runPlan(workload, design, planProgress);
  }
  double start =
      options.start.empty() ? analytic::busiestHour(plan, day) * 3600.0 : parseStart(options.start);
  Duration length = std::get<Duration>(duration);

  io::FailureReport report;
  report.scenarioName = scenario.name;
  report.window = fmt::format("{} {:02}:{:02} for {}", day.toString(), int(start / 3600),
                              int(std::fmod(start, 3600) / 60), options.duration);
  report.durationSeconds = length.seconds;
  progress.step("screening every single failure on the routes left");
  auto cases = failures::failureCases(*nation, day, start, length);
  report.impacts = failures::screenFailures(workload, design, plan, cases);
  report.structure = findSinglePointsOfFailure(*nation, RouteTable(*nation, day));
  failures::FailureSimulationOptions simulation;
  simulation.jobs = options.jobs;
  simulation.seed = manifest.seed;
  simulation.replications = options.replications;
  auto chosen = casesToSimulate(report, simulateCount);
  progress.step(fmt::format("simulating the {} worst case(s) in the DES ({} at once)",
                            chosen.size(), options.jobs));
  failures::simulateFailures(scenario, design, report.impacts, chosen, simulation);
  failures::rankFailures(report.impacts);
  manifest.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.step("writing the results");
  io::writeFailureResults(output, report, manifest);
  writeTextFile(besideResults(output, ".csv"), io::failureCasesCsv(report));
  writeTextFile(besideResults(output, "-cut-off.csv"), io::cutOffCsv(report));
  progress.finish();

  bool conserved = true;
  size_t cutOffCases = 0;
  for (const auto& f : report.impacts) {
    conserved = conserved && f.conserved != 0;
    cutOffCases += f.facilitiesCutOff > 0;
  }
  std::cout << fmt::format(
                   "tsunagu failures: scenario '{}', {} cases from {} ({} screened, {} "
                   "simulated)\n",
                   scenario.name, report.impacts.size(), report.window, report.impacts.size(),
                   chosen.size())
            << rankedTable(report, 20)
            << fmt::format("{} cases cut facilities off; every one is listed in {}\n", cutOffCases,
                           besideResults(output, "-cut-off.csv"))
            << structureText(report.structure, *nation)
            << (chosen.empty() ? "No failure was simulated (--des-top 0)\n"
                : conserved    ? "Conservation holds in every simulated failure\n"
                               : "CONSERVATION VIOLATED in a simulated failure\n")
            << fmt::format("Results: {}, {} ({:.1f} s)\n", output, besideResults(output, ".csv"),
                           manifest.wallSeconds);
  return conserved ? kExitOk : kExitInternal;
}

}  // namespace

void addFailuresCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<FailuresOptions>();
  auto* command = app.add_subcommand(
      "failures", "N-1 and the scenario's failures: screened, simulated, ranked by their impact");
  command->add_option("scenario", options->scenario.scenarioPath, "Scenario file (YAML)")
      ->required();
  command->add_option("--window", options->scenario.date,
                      "The day: peak:FY2025 or YYYY-MM-DD (default: the last year's peak day)");
  command->add_option("--start", options->start,
                      "When each N-1 failure starts, HH:MM (default: the day's busiest hour)");
  command->add_option("--duration", options->duration, "How long each N-1 failure lasts")
      ->capture_default_str();
  command
      ->add_option("--des-top", options->desTop,
                   "Simulate this many of the worst screened cases, or 'all' (the scenario's "
                   "own failures are always simulated)")
      ->capture_default_str();
  command->add_option("--jobs", options->jobs, "Simulations run at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command
      ->add_option(
          "--replications", options->replications,
          "Replications of each failure's DES window (different seeds); judged on their means")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  command->add_option("--design", options->designPath,
                      "Study the design 'tsunagu size' chose (its results file) for the day's "
                      "fiscal year, instead of the scenario's");
  addSeedOption(*command, options->seed, "Random seed (default: the scenario's)");
  command->add_option("-o,--output", options->output,
                      "Results file (default results/NAME-failures.h5; CSVs beside it)");
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    options->commandLine =
        "tsunagu failures " + options->scenario.scenarioPath +
        (options->scenario.date.empty() ? "" : " --window " + options->scenario.date) +
        (options->start.empty() ? "" : " --start " + options->start) + " --duration " +
        options->duration + " --des-top " + options->desTop +
        (options->replications > 1 ? " --replications " + std::to_string(options->replications)
                                   : "") +
        (options->designPath.empty() ? "" : " --design " + options->designPath) +
        (options->seedGiven ? " --seed " + std::to_string(options->seed) : "") +
        (options->scenario.aggregate ? " --aggregate" : "");
    action = [options] { return analyseFailures(*options); };
  });
}

}  // namespace tsunagu::cli
