#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compare_kinds.hpp"
#include "sim/cli/compare_tables.hpp"
#include "sim/cli/number_options.hpp"
#include "sim/cli/paired_compare.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/results/output_target.hpp"
#include "sim/io/results/plan_kpis.hpp"
#include "sim/stats/estimate.hpp"

namespace tsunagu::cli {

namespace {

struct CompareOptions {
  std::vector<std::string> files;
  std::string csvPath;
  bool paired = false;
};

// The figures of plans, per fiscal year; each component of the costs gets a row of its own
// (0 where a plan charges nothing to it).
FigureSet planFigures(const std::vector<io::PlanKpis>& runs) {
  FigureSet set;
  set.columnName = "fiscal_year";
  set.columnPrefix = "FY";
  for (int fy : runs.front().fiscalYears) set.columns.push_back(std::to_string(fy));
  for (const auto& run : runs) set.files.push_back(run.file);
  auto add = [&](std::string name, std::string unit, int decimals,
                 const std::function<double(const io::PlanKpis&, size_t)>& value) {
    Figure figure{std::move(name), std::move(unit), decimals, {}, {}};
    for (const auto& run : runs) {
      figure.labels.push_back(run.scenario);
      std::vector<double> row;
      for (size_t fy = 0; fy < run.fiscalYears.size(); ++fy) row.push_back(value(run, fy));
      figure.values.push_back(row);
    }
    set.figures.push_back(std::move(figure));
  };
  add("total cost", "¥M", 1, [](auto& k, size_t fy) { return k.costYen[fy] / 1e6; });
  std::vector<std::string> components;
  for (const auto& run : runs)
    for (const auto& c : run.costComponents)
      if (std::find(components.begin(), components.end(), c) == components.end())
        components.push_back(c);
  for (const auto& component : components)
    add("cost: " + component, "¥M", 1, [&](auto& k, size_t fy) {
      auto it = std::find(k.costComponents.begin(), k.costComponents.end(), component);
      return it == k.costComponents.end()
                 ? 0.0
                 : k.componentYen[size_t(it - k.costComponents.begin())][fy] / 1e6;
    });
  add("saving from line consolidation", "¥M", 1,
      [](auto& k, size_t fy) { return k.consolidationSavingYen[fy] / 1e6; });
  add("transactions", "M", 1, [](auto& k, size_t fy) { return k.transactions[fy] / 1e6; });
  add("central servers", "", 0, [](auto& k, size_t fy) { return k.servers[fy]; });
  add("peak utilisation of the busiest inner link", "%", 2,
      [](auto& k, size_t fy) { return k.peakUtilisation[fy] * 100; });
  add("traffic on inner links", "TB", 1,
      [](auto& k, size_t fy) { return k.innerTrafficBytes[fy] / 1e12; });
  add("eligibility response p95 estimate", "ms", 1,
      [](auto& k, size_t fy) { return k.eligibilityP95Seconds[fy] * 1e3; });
  add("facilities using eligibility verification", "", 0,
      [](auto& k, size_t fy) { return k.eligibilityUsers[fy]; });
  add("of those, with a route", "", 0, [](auto& k, size_t fy) { return k.eligibilityRouted[fy]; });
  return set;
}

// The net present value is one figure for the whole horizon.
FigureSet netPresentValues(const std::vector<io::PlanKpis>& runs) {
  FigureSet set;
  set.columnName = "fiscal_year";
  set.columns = {"all"};
  Figure figure{fmt::format("net present value of the costs at {:g}% a year",
                            runs.front().discountRate * 100),
                "¥M",
                1,
                {},
                {}};
  for (const auto& run : runs) {
    set.files.push_back(run.file);
    figure.labels.push_back(run.scenario);
    figure.values.push_back({run.netPresentValueYen / 1e6});
  }
  set.figures.push_back(std::move(figure));
  return set;
}

void checkSameHorizon(const io::PlanKpis& a, const io::PlanKpis& b) {
  if (a.startDate == b.startDate && a.hours == b.hours && a.fiscalYears == b.fiscalYears) return;
  auto span = [](const io::PlanKpis& k) {
    return fmt::format("{} + {} hours (FY{}..FY{})", k.startDate, k.hours, k.fiscalYears.front(),
                       k.fiscalYears.back());
  };
  throw io::InputError({b.file, 0, 0}, "",
                       "covers another horizon than " + a.file + ": " + span(b) + " against " +
                           span(a) + "; compare runs of the same horizon");
}

// The simulated peak-day figures that `b` and `a` both replicated: each as mean ± half-width,
// the difference b - a with the half-width of independent runs (the half-widths added in
// quadrature) and whether that interval excludes zero. "" unless both files have replications.
std::string replicationTable(const io::PlanKpis& a, const io::PlanKpis& b) {
  if (!a.replications || !b.replications) return "";
  const io::ReplicatedFigures &ra = *a.replications, &rb = *b.replications;
  int percent = int(std::lround(ra.confidence * 100));
  TextTable table({"simulated peak day", fmt::format("{} ({} runs)", a.scenario, ra.replications),
                   fmt::format("{} ({} runs)", b.scenario, rb.replications),
                   fmt::format("{} - {}", b.scenario, a.scenario), "verdict"});
  size_t shared = 0;
  for (size_t f = 0; f < ra.names.size(); ++f) {
    int g = rb.find(ra.names[f]);
    if (g < 0) continue;
    const stats::Estimate &ea = ra.estimates[f], &eb = rb.estimates[size_t(g)];
    stats::Difference d;
    d.estimate.mean = eb.mean - ea.mean;
    d.estimate.halfWidth = std::hypot(ea.halfWidth, eb.halfWidth);
    d.estimate.replications = std::min(ea.replications, eb.replications);
    d.estimate.confidence = ea.confidence;
    const std::string& unit = ra.units[f];
    table.addRow(
        {unit.empty() || unit == "1" ? ra.names[f] : fmt::format("{} ({})", ra.names[f], unit),
         stats::formatEstimate(ea), stats::formatEstimate(eb), stats::formatEstimate(d.estimate),
         d.significant() ? "significant" : "not significant"});
    ++shared;
  }
  if (shared == 0) return "";
  return fmt::format(
      "\nSimulated peak day over replications: mean ± {0}% half-width; the difference's "
      "half-width is sqrt(hwA² + hwB²), and it is significant when its {0}% interval excludes "
      "zero\n{1}Note: the difference's half-width treats the two files' runs as independent, not "
      "paired (common random numbers), so small differences are hard to see; for a paired "
      "comparison use `tsunagu compare --paired A.yaml B.yaml --window ...`.\n",
      percent, table.render());
}

void writeCsv(const std::string& path, const std::string& text) {
  io::writeFileAtomically(path, text, "--csv");
}

int comparePlans(const CompareOptions& options) {
  std::vector<io::PlanKpis> runs;
  for (const auto& file : options.files) {
    runs.push_back(io::readPlanKpis(file));
    checkSameHorizon(runs.front(), runs.back());
  }
  std::string report = "tsunagu compare: " + std::to_string(runs.size()) +
                       " plans, differences against " + runs.front().scenario + "\n\n";
  FigureSet figures = planFigures(runs), npv = netPresentValues(runs);
  report += figureTables(figures) + figureTables(npv);
  TextTable breaches({"scenario", "first link breach", "first pool breach"});
  for (const auto& run : runs)
    breaches.addRow({run.scenario, run.firstBreach.empty() ? "none" : run.firstBreach,
                     run.firstPoolBreach.empty() ? "none" : run.firstPoolBreach});
  report += breaches.render();
  for (size_t r = 1; r < runs.size(); ++r) report += replicationTable(runs.front(), runs[r]);
  if (!options.csvPath.empty()) {
    std::string rows = figuresCsv(npv);
    writeCsv(options.csvPath, figuresCsv(figures) + rows.substr(rows.find('\n') + 1));
  }
  std::cout << report;
  return kExitOk;
}

// Files of one kind, each compared on its own figures: plans per fiscal year, sizings on what
// they buy, simulations per service.
int compare(const CompareOptions& options) {
  std::vector<std::string> kinds;
  for (const auto& file : options.files) kinds.push_back(resultsKind(file));
  for (size_t i = 1; i < kinds.size(); ++i)
    if (kinds[i] != kinds[0])
      throw io::InputError({options.files[i], 0, 0}, "",
                           fmt::format("is the results of a {}, {} of a {}: compare files of one "
                                       "kind (plans, sizings or simulations)",
                                       kinds[i], options.files[0], kinds[0]));
  if (kinds[0] == "plan") return comparePlans(options);
  FigureSet set = kinds[0] == "sizing" ? sizingFigures(options.files)
                  : kinds[0] == "simulation"
                      ? simulationFigures(options.files)
                      : throw io::InputError({options.files[0], 0, 0}, "",
                                             "compare reads plans, sizings and simulations, "
                                             "not the results of a " +
                                                 kinds[0]);
  if (!options.csvPath.empty()) writeCsv(options.csvPath, figuresCsv(set));
  std::cout << compareHeading(kinds[0], options.files) << figureTables(set);
  return kExitOk;
}

}  // namespace

void addCompareCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<CompareOptions>();
  auto* command = app.add_subcommand(
      "compare",
      "Key figures of two or more plans per fiscal year (cost, utilisation, latency, coverage), "
      "sizings (what they buy) or simulations (per service)");
  command
      ->add_option("files", options->files,
                   "Results files of one kind: plans ('tsunagu plan' or 'run'), sizings "
                   "('tsunagu size') or simulations ('tsunagu simulate -o'); with --paired, two "
                   "scenario files. The first is the reference")
      ->required()
      ->expected(2, -1);
  command->add_option("--csv", options->csvPath, "Also write the figures as CSV to this file");
  // --paired: the files are two scenarios, simulated on one window with the same seeds.
  auto paired = std::make_shared<PairedOptions>();
  command->add_flag("--paired", options->paired,
                    "The files are two scenarios A and B: simulate both on --window with the same "
                    "seeds (common random numbers) and give each figure's difference B - A with "
                    "its 95% confidence interval and a verdict");
  command->add_option("--window", paired->window, "With --paired: the window, as for simulate");
  command->add_option("--days", paired->days, "With --paired: days in the window")
      ->check(CLI::Range(1, 31))
      ->capture_default_str();
  addSeedOption(*command, paired->seed, "With --paired: the first replication's seed");
  paired->replication.addTo(*command);
  command->callback([&action, options, paired, command] {
    if (options->paired) {
      paired->scenarios = options->files;
      paired->csvPath = options->csvPath;
      paired->seedGiven = command->count("--seed") > 0;
      if (paired->replication.replications < 2) paired->replication.replications = 10;
      action = [paired] { return comparePaired(*paired); };
      return;
    }
    action = [options] { return compare(*options); };
  });
}

}  // namespace tsunagu::cli
