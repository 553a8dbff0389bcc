#include "sim/cli/paired_compare.hpp"

#include <fmt/core.h>

#include <cmath>
#include <fstream>
#include <iostream>

#include "sim/cli/app.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/cli/window_option.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"

namespace tsunagu::cli {

namespace {

struct PairedFigure {
  std::string name, unit;
  stats::Estimate a, b;
  stats::Difference difference;  // B - A, paired by replication
  // The half-width the difference would have from independent runs of A and B (the two
  // intervals combined), for the variance reduction the pairing buys.
  double independentHalfWidth = 0;
};

std::vector<PairedFigure> pair(const std::vector<des::Figure>& a, const std::vector<des::Figure>& b,
                               double confidence) {
  std::vector<PairedFigure> paired;
  for (const auto& fa : a)
    for (const auto& fb : b) {
      if (fa.name != fb.name || fa.values.size() != fb.values.size() || fa.values.size() < 2)
        continue;
      PairedFigure p{fa.name, fa.unit, fa.estimate, fb.estimate, {}, 0};
      p.difference = stats::pairedDifference(fb.values, fa.values, confidence);
      p.independentHalfWidth = std::hypot(fa.estimate.halfWidth, fb.estimate.halfWidth);
      paired.push_back(p);
    }
  return paired;
}

std::string pairedTable(const std::vector<PairedFigure>& figures, const std::string& nameA,
                        const std::string& nameB) {
  TextTable table({"figure", nameA, nameB, "difference (paired)", "verdict at 95%", "unpaired ±"});
  for (const auto& f : figures)
    table.addRow({f.name + (f.unit == "1" ? "" : " (" + f.unit + ")"), stats::formatEstimate(f.a),
                  stats::formatEstimate(f.b), stats::formatEstimate(f.difference.estimate),
                  f.difference.significant() ? "significant" : "not significant",
                  stats::withUncertainty(f.independentHalfWidth, f.independentHalfWidth)});
  return table.render();
}

void writeCsv(const std::string& path, const std::vector<PairedFigure>& figures) {
  std::ofstream out(path);
  out.precision(10);
  out << "figure,unit,mean_a,half_width_a,mean_b,half_width_b,difference,difference_half_width,"
         "significant,unpaired_half_width,replications\n";
  for (const auto& f : figures)
    out << f.name << ',' << f.unit << ',' << f.a.mean << ',' << f.a.halfWidth << ',' << f.b.mean
        << ',' << f.b.halfWidth << ',' << f.difference.estimate.mean << ','
        << f.difference.estimate.halfWidth << ',' << int(f.difference.significant()) << ','
        << f.independentHalfWidth << ',' << f.difference.estimate.replications << '\n';
  if (!out) throw io::InputError({path, 0, 0}, "--csv", "cannot write the file");
}

}  // namespace

int comparePaired(const PairedOptions& options) {
  if (options.scenarios.size() != 2)
    throw io::InputError({"command line", 0, 0}, "--paired",
                         "a paired comparison takes two scenario files, A then B");
  if (options.window.empty())
    throw io::InputError({"command line", 0, 0}, "--window", "a paired comparison needs a window");
  Scenario a = io::loadScenario(options.scenarios[0]);
  Scenario b = io::loadScenario(options.scenarios[1]);
  Window span = parseWindow(options.window, options.days, a);
  parseWindow(options.window, options.days, b);  // within B's horizon too
  des::ReplicationOptions replication = options.replication.options();
  replication.replications = std::max(2, replication.replications);
  des::WindowOptions window;
  window.first = span.first;
  window.days = span.days;
  window.seed = options.seedGiven ? options.seed : a.seed;
  std::vector<des::IsolatedRun> runs;
  std::vector<std::uint64_t> seeds;
  for (int r = 0; r < replication.replications; ++r) {
    window.seed = des::replicationSeed(options.seedGiven ? options.seed : a.seed, r);
    seeds.push_back(window.seed);
    runs.push_back({a, core::Design::fromScenario(a), window});
    runs.push_back({b, core::Design::fromScenario(b), window});
  }
  auto summaries = des::simulateIsolated(runs, replication.jobs);
  std::vector<des::WindowSummary> runsA, runsB;
  bool conserved = true;
  for (size_t i = 0; i < summaries.size(); ++i) {
    (i % 2 == 0 ? runsA : runsB).push_back(summaries[i]);
    conserved = conserved && summaries[i].conserved;
  }
  auto figures = pair(des::figuresOf(a, runsA, replication.confidence),
                      des::figuresOf(b, runsB, replication.confidence), replication.confidence);
  if (!options.csvPath.empty()) writeCsv(options.csvPath, figures);
  std::cout << fmt::format(
                   "tsunagu compare --paired: '{}' (A) against '{}' (B), {} day(s) from {}, {} "
                   "replications on the same seeds (first {})\n",
                   a.name, b.name, span.days, span.first.toString(), replication.replications,
                   seeds.front())
            << pairedTable(figures, "A: " + a.name, "B: " + b.name)
            << "difference = B - A, its 95% confidence interval from the paired replications; "
               "'unpaired ±' is what independent runs of the same count would give\n"
            << (conserved ? "Conservation holds in every run\n"
                          : "CONSERVATION VIOLATED in a run\n");
  return conserved ? kExitOk : kExitInternal;
}

}  // namespace tsunagu::cli
