#include <fmt/core.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/link_breakdown.hpp"
#include "sim/cli/output_files.hpp"
#include "sim/cli/plan_summary.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/replication_options.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/cli/window_headline.hpp"
#include "sim/cli/window_progress.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/results/link_agreement.hpp"
#include "sim/io/results/replication_results.hpp"
#include "sim/io/results/results_file.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

namespace {

struct PlanOptions {
  std::string scenarioPath;
  std::string output;
  bool aggregate = false;
  std::string commandLine;
  std::string link;
};

std::string defaultOutput(const Scenario& scenario) {
  return "results/" + scenario.name + ".h5";
}

}  // namespace

int runPlanCommand(const std::string& scenarioPath, std::string output, bool aggregate,
                   const std::string& commandLine, bool simulatePeakDay, int replications,
                   const std::string& link) {
  auto started = std::chrono::steady_clock::now();
  Progress progress(simulatePeakDay ? "tsunagu run" : "tsunagu plan",
                    simulatePeakDay ? (replications > 1 ? 6 : 5) : 4);
  progress.step("loading the scenario");
  ScenarioOptions options;
  options.scenarioPath = scenarioPath;
  options.aggregate = aggregate;
  Scenario scenario = options.loadScenario();
  if (output.empty()) output = defaultOutput(scenario);
  checkOutputPath(output);
  io::Manifest manifest = io::makeManifest(scenario, scenario.seed, commandLine);
  progress.step("building the network");
  auto nation = buildNation(scenario);
  progress.step("planning every hour of the horizon", true);
  core::Workload workload(*nation);
  core::Design design = core::Design::fromScenario(scenario);
  analytic::PlanResult plan =
      analytic::runPlan(workload, design, [&](double done) { progress.update(done); });
  progress.detail(fmt::format("{} hours, {} rollout states, {} links, {} pools",
                              grouped(double(plan.hours)), plan.states, plan.links.names.size(),
                              plan.pools.names.size()));
  if (!link.empty()) findLink(plan, link);  // bad input before anything is written
  std::optional<des::WindowResult> window;
  std::optional<des::ReplicatedWindow> replicated;
  des::ReplicationOptions replication;
  if (simulatePeakDay) {
    des::WindowOptions peak;
    peak.first = analytic::peakDay(plan, plan.fiscalYears.back());
    peak.seed = scenario.seed;
    if (replications > 1) {  // children first: SimGrid allows one engine per process
      progress.step(fmt::format("{} replications of the peak day {}, in child processes",
                                replications, peak.first.toString()));
      replication.replications = replications;
      replication.jobs = int(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
      replicated = des::simulateReplications(scenario, design, peak, replication);
    }
    progress.step("simulating the peak day " + peak.first.toString(), true);
    WindowProgress arrivals(progress, workload, peak);
    window = des::simulateWindow(workload, design, peak, {&arrivals});
    progress.detail(
        fmt::format("{} events in {:.1f} s", grouped(double(window->events)), window->wallSeconds));
  }
  std::optional<io::LinkAgreement> agreement;
  if (window) agreement = io::compareLinks(plan, *window);
  progress.step("writing the results");
  manifest.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  io::writePlanResults(output, plan, manifest, &scenario, window ? &*window : nullptr,
                       [&](io::Hdf5Writer& out) {
                         if (agreement) io::writeLinkAgreement(out, *agreement);
                         if (replicated) io::writeReplications(out, *replicated, replication);
                       });
  writeTextFile(besideResults(output, ".csv"), planSummaryCsv(plan));
  progress.finish();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << planSummaryText(plan);
  if (window)
    std::cout << fmt::format("Simulated the peak day {} ({}): {} events, conservation {}\n",
                             window->first.toString(), weekdayName(window->first.weekday()),
                             grouped(double(window->events)),
                             window->conserved ? "holds" : "VIOLATED")
              << windowOutcomesTable(*window);
  if (agreement) std::cout << agreementSummaryText(*agreement);
  if (!link.empty()) std::cout << linkBreakdownText(plan, link);
  if (replicated)
    std::cout << fmt::format("The peak day in {} replications (95% confidence intervals):\n",
                             replicated->runs.size())
              << replicationTable(*replicated, false);
  std::cout << fmt::format("Results: {} and {} ({:.1f} s, peak memory {})\n", output,
                           fs::path(output).replace_extension(".csv").string(), seconds,
                           bytesText(peakMemoryBytes()));
  return window && !window->conserved ? kExitInternal : kExitOk;
}

void addPlanCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<PlanOptions>();
  auto* command = app.add_subcommand(
      "plan",
      "Hourly loads, latency estimates and costs for every fiscal year of the horizon (HDF5)");
  command->add_option("scenario", options->scenarioPath, "Scenario file (YAML)")->required();
  command->add_option("-o,--output", options->output, "Results file (default results/NAME.h5)");
  command->add_flag("--aggregate", options->aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->add_option("--link", options->link,
                      "Also print this link's busy hour of each year split by service "
                      "('A -- B', as in links/name)");
  command->callback([&action, options] {
    options->commandLine =
        "tsunagu plan " + options->scenarioPath + (options->aggregate ? " --aggregate" : "");
    action = [options] {
      return runPlanCommand(options->scenarioPath, options->output, options->aggregate,
                            options->commandLine, false, 1, options->link);
    };
  });
}

}  // namespace tsunagu::cli
