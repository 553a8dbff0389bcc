#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/number_options.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/output_files.hpp"
#include "sim/cli/progress.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/size_purchases.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/sizing_results.hpp"
#include "sim/sizing/des_confirmation.hpp"
#include "sim/sizing/sizer.hpp"

namespace tsunagu::cli {

namespace {

struct SizeOptions {
  ScenarioOptions scenario;
  std::string years;
  std::string output;
  bool noDes = false;
  int jobs = 2;
  int replications = 1;
  int rounds = 3;
  std::uint64_t seed = 0;
  bool seedGiven = false;
  std::string commandLine;
};

// "FY2025", "2025", or a range "FY2023..FY2025"; every year within the horizon.
std::vector<int> parseFiscalYears(const std::string& text, const Scenario& scenario) {
  int firstYear = scenario.horizon.start.fiscalYear(), lastYear = scenario.horizon.end.fiscalYear();
  if (text.empty()) {
    std::vector<int> all;
    for (int fy = firstYear; fy <= lastYear; ++fy) all.push_back(fy);
    return all;
  }
  auto bad = [&] {
    return io::InputError({"command line", 0, 0}, "--years",
                          fmt::format("expected a fiscal year FY{0} or a range FY{0}..FY{1} within "
                                      "the horizon, got '{2}'",
                                      firstYear, lastYear, text));
  };
  auto year = [&](std::string part) {
    if (part.rfind("FY", 0) == 0) part = part.substr(2);
    auto value = io::parseNumber(part);
    if (!io::ok(value) || part.empty()) throw bad();
    int fy = int(std::get<double>(value));
    if (fy != std::get<double>(value) || fy < firstYear || fy > lastYear) throw bad();
    return fy;
  };
  auto dots = text.find("..");
  int from = year(text.substr(0, dots));
  int to = dots == std::string::npos ? from : year(text.substr(dots + 2));
  if (to < from) throw bad();
  std::vector<int> years;
  for (int fy = from; fy <= to; ++fy) years.push_back(fy);
  return years;
}

std::string yen(double value) {
  return "¥" + grouped(value / 1e6, 1) + "M";
}

std::string yearsTable(const sizing::SizingResult& result, bool desRan) {
  TextTable table({"fiscal year", "links / year", "servers / year", "set-up", "total", "DES window",
                   "DES rounds", "DES agrees"});
  for (const auto& y : result.years)
    table.addRow({fmt::format("FY{}", y.fiscalYear), yen(y.linksYearlyYen), yen(y.serversYearlyYen),
                  yen(y.setupYen), yen(y.total()), desRan ? y.desWindow : "-",
                  desRan ? std::to_string(y.desRounds) : "-",
                  desRan ? (y.desAgrees ? "yes" : "no, capacity added") : "-"});
  return table.render();
}

int size(const SizeOptions& options) {
  auto started = std::chrono::steady_clock::now();
  Progress progress("tsunagu size", options.noDes ? 5 : 6);
  progress.step("loading the scenario");
  Scenario scenario = options.scenario.loadScenario();
  std::vector<int> years = parseFiscalYears(options.years, scenario);
  std::string output =
      options.output.empty() ? "results/" + scenario.name + "-size.h5" : options.output;
  checkOutputPath(output);
  io::Manifest manifest = io::makeManifest(
      scenario, options.seedGiven ? options.seed : scenario.seed, options.commandLine);
  progress.step("building the network");
  auto nation = buildNation(scenario);
  progress.step("planning every hour of the horizon", true);
  analytic::PlanResult plan =  // the scenario's own design
      analytic::runPlan(*nation, [&](double done) { progress.update(done); });
  progress.step(fmt::format("choosing tiers and servers for {} fiscal year(s)", years.size()));
  sizing::SizingResult result = sizing::sizeAnalytically(*nation, plan, years);
  if (!options.noDes) {
    progress.step(fmt::format("checking {} year(s) in the DES ({} at once, up to {} rounds)",
                              years.size(), options.jobs, options.rounds));
    sizing::DesCheckOptions check;
    check.jobs = options.jobs;
    check.maxRounds = options.rounds;
    check.seed = manifest.seed;
    check.replications = options.replications;
    sizing::confirmWithDes(scenario, plan, result, check);
    sizing::settleCosts(scenario, result);
  }
  manifest.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress.step("writing the results");
  io::writeSizingResults(output, result, manifest);
  writeTextFile(besideResults(output, ".csv"), io::sizingPurchasesCsv(result));
  writeTextFile(besideResults(output, "-options.csv"), io::sizingOptionsCsv(result));
  progress.finish();

  std::cout << fmt::format(
                   "tsunagu size: scenario '{}', link targets: hourly mean {:g}%, busiest {} "
                   "{:g}%\n",
                   scenario.name, result.utilisationTarget * 100, peakRuleName(result.peakRule),
                   result.peakRule.target * 100)
            << yearsTable(result, !options.noDes) << "What to buy (new or changed):\n"
            << purchasesTable(result, 10);
  bool conserved = true, met = true;
  for (const auto& y : result.years) conserved = conserved && y.conserved;
  for (const auto& c : result.checks) {
    met = met && c.met;
    if (!c.met)
      std::cout << fmt::format("FY{} {}: {} NOT MET ({:.4g}; {})\n", c.fiscalYear, c.service,
                               c.level, c.value, c.note);
  }
  for (const auto& p : result.pools) met = met && p.met;
  for (const auto& l : result.links) met = met && l.met;
  std::cout << (met ? "Every service level is met in every year sized.\n"
                    : "Some service levels cannot be met by capacity alone (NOT MET above).\n");
  if (!conserved) std::cout << "CONSERVATION VIOLATED in a DES check\n";
  std::cout << fmt::format("Results: {}, {} and {} ({:.1f} s)\n", output,
                           besideResults(output, ".csv"), besideResults(output, "-options.csv"),
                           manifest.wallSeconds);
  return conserved ? kExitOk : kExitInternal;
}

}  // namespace

void addSizeCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<SizeOptions>();
  auto* command = app.add_subcommand(
      "size",
      "The least-cost link tiers, IX ports and servers meeting every service level, per year");
  command->add_option("scenario", options->scenario.scenarioPath, "Scenario file (YAML)")
      ->required();
  command->add_option("--years", options->years,
                      "Fiscal years to size: FY2025 or FY2023..FY2025 (default: the horizon)");
  command->add_flag("--no-des", options->noDes,
                    "The analytic screen only: no DES check of the peak windows");
  command->add_option("--jobs", options->jobs, "DES checks run at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command
      ->add_option("--replications", options->replications,
                   "Replications of each DES check (different seeds); judged on their means")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  command->add_option("--rounds", options->rounds, "DES checks per year at most")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  addSeedOption(*command, options->seed, "Random seed (default: the scenario's)");
  command->add_option("-o,--output", options->output,
                      "Results file (default results/NAME-size.h5; CSVs beside it)");
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    options->commandLine =
        "tsunagu size " + options->scenario.scenarioPath +
        (options->years.empty() ? "" : " --years " + options->years) +
        (options->noDes ? " --no-des" : " --rounds " + std::to_string(options->rounds)) +
        (options->replications > 1 ? " --replications " + std::to_string(options->replications)
                                   : "") +
        (options->seedGiven ? " --seed " + std::to_string(options->seed) : "") +
        (options->scenario.aggregate ? " --aggregate" : "");
    action = [options] { return size(*options); };
  });
}

}  // namespace tsunagu::cli
