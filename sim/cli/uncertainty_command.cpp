#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <numeric>

#include "models/nation/nation_builder.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/number_options.hpp"
#include "sim/cli/output_files.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/results/design_file.hpp"
#include "sim/io/results/hdf5_file.hpp"
#include "sim/io/results/uncertainty_results.hpp"
#include "sim/study/distributions.hpp"
#include "sim/study/uncertainty.hpp"

namespace tsunagu::cli {

namespace {

struct UncertaintyCommandOptions {
  ScenarioOptions scenario;
  size_t samples = 50;
  std::uint64_t seed = 0;
  bool seedGiven = false;
  std::string designPath;
  std::string output;
  int top = 3;
  std::string commandLine;
};

// --design FILE: the design of each fiscal year the file holds (one design for every year when
// it holds one), checked against the network.
std::map<int, core::Design> readDesigns(const std::string& path, const Scenario& scenario,
                                        io::Manifest& manifest) {
  std::map<int, core::Design> designs;
  if (path.empty()) return designs;
  io::Hdf5Reader in = io::Hdf5Reader::open(path);
  std::vector<std::int32_t> years;
  if (in.exists("designs/fiscal_years"))
    years = in.readVector<std::int32_t>("designs/fiscal_years");
  auto nation = buildNation(scenario);
  for (int fy = scenario.horizon.start.fiscalYear(); fy <= scenario.horizon.end.fiscalYear();
       ++fy) {
    if (years.size() > 1 && std::find(years.begin(), years.end(), fy) == years.end()) continue;
    core::Design design = io::readDesign(path, fy);  // bad files throw InputError here
    auto problems = design.problems(*nation);
    if (!problems.empty()) throw io::InputError({path, 0, 0}, "--design", problems.front());
    designs.emplace(fy, std::move(design));
  }
  if (designs.empty())
    throw io::InputError(
        {path, 0, 0}, "--design",
        fmt::format("the file holds no design for a fiscal year of the horizon "
                    "FY{}..FY{}",
                    scenario.horizon.start.fiscalYear(), scenario.horizon.end.fiscalYear()));
  manifest.inputs.push_back({"design", path, io::fileSha256(path)});
  return designs;
}

std::string percent(double share, int decimals = 0) {
  return fmt::format("{:.{}f}%", share * 100, decimals);
}

std::string probability(double p, double se) {
  return fmt::format("{:.3f} ± {:.3f}", p, se);
}

std::string seconds(double s) {
  if (std::isinf(s)) return "unstable";
  return s >= 100 ? fmt::format("{} s", grouped(s)) : fmt::format("{:.3g} s", s);
}

// Utilisation with the decimals a lightly loaded link needs to show at all.
std::string utilisation(double share) {
  return percent(share, share < 0.01 ? 2 : share < 0.1 ? 1 : 0);
}

std::string inputsTable(const study::UncertaintyResult& result) {
  TextTable table({"input", "key", "distribution", "sample mean", "sample sd"});
  for (size_t i = 0; i < result.inputs.size(); ++i) {
    const UncertainInput& input = result.inputs[i];
    study::SampleMoments moments = study::momentsOf(result.values, i);
    table.addRow({input.id, input.key, study::describe(input.distribution, input.target),
                  study::formatValue(input.target, moments.mean),
                  study::formatValue(input.target, moments.sd)});
  }
  return table.render();
}

// Per fiscal year: P(any link breaches), P(any pool misses) and how many elements ever do.
std::string yearsTable(const study::UncertaintyResult& result) {
  size_t years = result.fiscalYears.size();
  double n = double(result.samples);
  auto anyLink = study::anyBreach(result.links.breach, years);
  auto anyPool = study::anyBreach(result.pools.missed, years);
  auto links = study::estimateBreaches(result.links.breach, years);
  auto pools = study::estimateBreaches(result.pools.missed, years);
  TextTable table({"fiscal year", "P(a link breaches)", "links with P > 0", "P(a pool misses)",
                   "pools with P > 0"});
  for (size_t k = 0; k < years; ++k) {
    auto count = [k](const analytic::Table<double>& p) {
      size_t c = 0;
      for (size_t e = 0; e < p.rows; ++e) c += p.at(e, k) > 0;
      return std::to_string(c);
    };
    auto se = [n](double p) { return std::sqrt(p * (1 - p) / n); };
    table.addRow({fmt::format("FY{}", result.fiscalYears[k]),
                  probability(anyLink[k], se(anyLink[k])), count(links.probability),
                  probability(anyPool[k], se(anyPool[k])), count(pools.probability)});
  }
  return table.render();
}

// The elements of one kind ranked for one fiscal year: by P(breach), then by how close the 95th
// percentile comes to its limit, so that a year without breaches still shows the tightest.
std::vector<size_t> ranked(const analytic::Table<double>& p, const analytic::Table<double>& q95,
                           size_t k, size_t years) {
  std::vector<size_t> order(p.rows);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (p.at(a, k) != p.at(b, k)) return p.at(a, k) > p.at(b, k);
    return q95.at(a * years + k, 0) > q95.at(b * years + k, 0);
  });
  return order;
}

std::string topTable(const study::UncertaintyResult& result, size_t top) {
  size_t years = result.fiscalYears.size();
  const auto& links = result.links;
  const auto& pools = result.pools;
  auto pl = study::estimateBreaches(links.breach, years);
  auto pp = study::estimateBreaches(pools.missed, years);
  auto ql = study::quantilesAcrossSamples(links.busyBps);
  auto qp = study::quantilesAcrossSamples(pools.atTarget);
  // Ranking keys: the p95 of utilisation (links) and of response ÷ target (pools).
  analytic::Table<double> linkTight, poolTight;
  linkTight.resize(ql.rows, 1);
  poolTight.resize(qp.rows, 1);
  for (size_t l = 0; l < links.names.size(); ++l)
    for (size_t k = 0; k < years; ++k)
      linkTight.at(l * years + k, 0) = ql.at(l * years + k, 4) / links.capacityBps.at(l, k);
  for (size_t p = 0; p < pools.names.size(); ++p)
    for (size_t k = 0; k < years; ++k)
      poolTight.at(p * years + k, 0) =
          pools.targetResponse[p] > 0 ? qp.at(p * years + k, 4) / pools.targetResponse[p] : 0;
  TextTable table({"fiscal year", "element", "P(breach) ± s.e.",
                   "busy hour across samples: p5 / p50 / p95", "limit"});
  for (size_t k = 0; k < years; ++k) {
    std::string fy = fmt::format("FY{}", result.fiscalYears[k]);
    auto order = ranked(pl.probability, linkTight, k, years);
    size_t shown = 0;
    for (size_t l : order) {
      size_t row = l * years + k;
      if (shown == top || ql.at(row, 4) <= 0) continue;  // a link without load that year
      ++shown;
      double capacity = links.capacityBps.at(l, k);
      table.addRow({fy, links.names[l],
                    probability(pl.probability.at(l, k), pl.standardError.at(l, k)),
                    fmt::format("{} / {} / {} of {}", utilisation(ql.at(row, 0) / capacity),
                                utilisation(ql.at(row, 2) / capacity),
                                utilisation(ql.at(row, 4) / capacity), bitRateText(capacity)),
                    percent(result.utilisationTarget) + " of capacity"});
    }
    order = ranked(pp.probability, poolTight, k, years);
    shown = 0;
    for (size_t p : order) {
      size_t row = p * years + k;
      if (shown == top || qp.at(row, 4) <= 0) continue;  // a pool without arrivals that year
      ++shown;
      table.addRow({fy, pools.names[p],
                    probability(pp.probability.at(p, k), pp.standardError.at(p, k)),
                    fmt::format("{} / {} / {} at the target percentile", seconds(qp.at(row, 0)),
                                seconds(qp.at(row, 2)), seconds(qp.at(row, 4))),
                    pools.levels[p]});
    }
  }
  return table.render();
}

int uncertainty(const UncertaintyCommandOptions& options) {
  auto started = std::chrono::steady_clock::now();
  Scenario scenario = options.scenario.loadScenario();
  if (scenario.uncertainty.empty())
    throw io::InputError({scenario.files.front(), 0, 0}, "uncertainty",
                         "the scenario has no uncertainty section: nothing to sample "
                         "(docs/scenario-format.md#uncertainty)");
  std::string output =
      options.output.empty() ? "results/" + scenario.name + "-uncertainty.h5" : options.output;
  checkOutputPath(output);
  io::Manifest manifest = io::makeManifest(
      scenario, options.seedGiven ? options.seed : scenario.seed, options.commandLine);
  study::UncertaintyOptions run;
  run.samples = options.samples;
  run.seed = manifest.seed;
  run.designs = readDesigns(options.designPath, scenario, manifest);
  run.progress = [started](size_t done, size_t total) {
    double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << fmt::format("  plan {}/{} done ({:.1f} s)\n", done, total, elapsed);
  };
  study::UncertaintyResult result = study::runUncertainty(scenario, run);
  manifest.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  io::writeUncertaintyResults(output, result, manifest);
  writeTextFile(besideResults(output, ".csv"), io::uncertaintyCsv(result));

  std::cout << fmt::format(
                   "tsunagu uncertainty: scenario '{}', {} Latin hypercube samples (seed {}), "
                   "utilisation target {}\n",
                   scenario.name, result.samples, result.seed, percent(result.utilisationTarget))
            << "Sampled inputs:\n"
            << inputsTable(result)
            << (result.method == "superposition"
                    ? fmt::format("Every input is a volume growth: {} plans, superposed for each "
                                  "sample.\n",
                                  result.plansRun)
                    : fmt::format("One plan per sample ({} plans).\n", result.plansRun))
            << fmt::format(
                   "P(breach): the share of the {} samples in which a link's busy hour exceeds "
                   "the utilisation target of its capacity, or a pool misses its service level; "
                   "± its standard error sqrt(p(1 - p) / {}).\n",
                   result.samples, result.samples)
            << yearsTable(result)
            << fmt::format(
                   "The links and pools most likely to breach, {} of each per fiscal year "
                   "(links: utilisation; pools: response at the target percentile):\n",
                   options.top)
            << topTable(result, size_t(options.top))
            << fmt::format("Results: {} and {} ({:.1f} s)\n", output, besideResults(output, ".csv"),
                           manifest.wallSeconds);
  return kExitOk;
}

}  // namespace

void addUncertaintyCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<UncertaintyCommandOptions>();
  auto* command = app.add_subcommand(
      "uncertainty",
      "P(breach) per fiscal year of every link and pool when growth and adoption are uncertain");
  command
      ->add_option("scenario", options->scenario.scenarioPath,
                   "Scenario file (YAML) with an uncertainty section")
      ->required();
  command->add_option("--samples", options->samples, "Latin hypercube samples (default 50)")
      ->check(CLI::Range(2, 100000));
  addSeedOption(*command, options->seed, "Random seed (default: the scenario's)");
  command->add_option("--design", options->designPath,
                      "Judge each fiscal year with the design 'tsunagu size' chose for it");
  command->add_option("--top", options->top, "Links and pools listed per fiscal year (default 3)")
      ->check(CLI::Range(1, 1000));
  command->add_option("-o,--output", options->output,
                      "Results file (default results/NAME-uncertainty.h5; a CSV beside it)");
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    options->commandLine = "tsunagu uncertainty " + options->scenario.scenarioPath + " --samples " +
                           std::to_string(options->samples) +
                           (options->seedGiven ? " --seed " + std::to_string(options->seed) : "") +
                           (options->designPath.empty() ? "" : " --design " + options->designPath) +
                           (options->scenario.aggregate ? " --aggregate" : "");
    action = [options] { return uncertainty(*options); };
  });
}

}  // namespace tsunagu::cli
