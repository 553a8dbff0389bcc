#include <fmt/core.h>
#include <sstream>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
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

struct Kpi {
  const char* name;
  const char* unit;
  std::function<double(const io::PlanKpis&, size_t)> value;
  int decimals;
};

const std::vector<Kpi>& kpis() {
  static const std::vector<Kpi> list = {
      {"total cost", "¥M", [](const io::PlanKpis& k, size_t fy) { return k.costYen[fy] / 1e6; }, 1},
      {"saving from line consolidation", "¥M",
       [](const io::PlanKpis& k, size_t fy) { return k.consolidationSavingYen[fy] / 1e6; }, 1},
      {"peak utilisation of the busiest inner link", "%",
       [](const io::PlanKpis& k, size_t fy) { return k.peakUtilisation[fy] * 100; }, 2},
      {"traffic on inner links", "TB",
       [](const io::PlanKpis& k, size_t fy) { return k.innerTrafficBytes[fy] / 1e12; }, 1},
      {"eligibility response p95 estimate", "ms",
       [](const io::PlanKpis& k, size_t fy) { return k.eligibilityP95Seconds[fy] * 1e3; }, 1},
      {"facilities using eligibility verification", "",
       [](const io::PlanKpis& k, size_t fy) { return k.eligibilityUsers[fy]; }, 0},
      {"of those, with a route", "",
       [](const io::PlanKpis& k, size_t fy) { return k.eligibilityRouted[fy]; }, 0},
  };
  return list;
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

std::string kpiTable(const Kpi& kpi, const std::vector<io::PlanKpis>& runs) {
  std::vector<std::string> header = {
      fmt::format("{}{}", kpi.name, *kpi.unit ? fmt::format(" ({})", kpi.unit) : "")};
  for (int fy : runs.front().fiscalYears) header.push_back(fmt::format("FY{}", fy));
  TextTable table(header);
  for (const auto& run : runs) {
    std::vector<std::string> row = {run.scenario};
    for (size_t fy = 0; fy < run.fiscalYears.size(); ++fy)
      row.push_back(grouped(kpi.value(run, fy), kpi.decimals));
    table.addRow(row);
  }
  for (size_t r = 1; r < runs.size(); ++r) {
    std::vector<std::string> row = {fmt::format("{} - {}", runs[r].scenario, runs[0].scenario)};
    for (size_t fy = 0; fy < runs[0].fiscalYears.size(); ++fy)
      row.push_back(grouped(kpi.value(runs[r], fy) - kpi.value(runs[0], fy), kpi.decimals));
    table.addRow(row);
  }
  return table.render() + "\n";
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

void writeCsv(const std::string& path, const std::vector<io::PlanKpis>& runs) {
  std::ostringstream out;
  out << "kpi,unit,fiscal_year,scenario,file,value\n";
  for (const auto& kpi : kpis())
    for (const auto& run : runs)
      for (size_t fy = 0; fy < run.fiscalYears.size(); ++fy)
        out << fmt::format("{},{},{},{},{},{:.6g}\n", kpi.name, kpi.unit, run.fiscalYears[fy],
                           run.scenario, run.file, kpi.value(run, fy));
  io::writeFileAtomically(path, out.str(), "--csv");
}

int compare(const CompareOptions& options) {
  std::vector<io::PlanKpis> runs;
  for (const auto& file : options.files) {
    runs.push_back(io::readPlanKpis(file));
    checkSameHorizon(runs.front(), runs.back());
  }
  std::string report = "tsunagu compare: " + std::to_string(runs.size()) +
                       " plans, differences against " + runs.front().scenario + "\n\n";
  for (const auto& kpi : kpis()) report += kpiTable(kpi, runs);
  TextTable breaches({"scenario", "first link breach", "first pool breach"});
  for (const auto& run : runs)
    breaches.addRow({run.scenario, run.firstBreach.empty() ? "none" : run.firstBreach,
                     run.firstPoolBreach.empty() ? "none" : run.firstPoolBreach});
  report += breaches.render();
  for (size_t r = 1; r < runs.size(); ++r) report += replicationTable(runs.front(), runs[r]);
  if (!options.csvPath.empty()) writeCsv(options.csvPath, runs);
  std::cout << report;
  return kExitOk;
}

}  // namespace

void addCompareCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<CompareOptions>();
  auto* command = app.add_subcommand(
      "compare",
      "Key figures of two or more plans per fiscal year (cost, utilisation, latency, coverage)");
  command
      ->add_option("files", options->files,
                   "Results files of 'tsunagu plan' (with --paired: two scenario files); the "
                   "first is the reference")
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
      ->check(CLI::Range(1, 31));
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
