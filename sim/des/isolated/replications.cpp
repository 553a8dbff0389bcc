#include "sim/des/isolated/replications.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/random_stream.hpp"
#include "sim/stats/mser.hpp"

namespace tsunagu::des {

std::uint64_t replicationSeed(std::uint64_t seed, int replication) {
  if (replication == 0) return seed;
  // Below 2^62: seeds are written as signed 64-bit integers in results files.
  return core::streamKey("replication", std::to_string(seed) + "/" + std::to_string(replication)) &
         ((std::uint64_t(1) << 62) - 1);
}

WindowSummary pooledSummary(const std::vector<WindowSummary>& runs) {
  WindowSummary pooled = runs.front();
  double n = double(runs.size());
  auto mean = [n](double total) { return total / n; };
  auto count = [n](double total) { return std::uint64_t(std::llround(total / n)); };
  for (size_t s = 0; s < pooled.services.size(); ++s) {
    double generated = 0, completed = 0, failed = 0, inFlight = 0, late = 0, average = 0, p50 = 0,
           p95 = 0, p99 = 0, atTarget = 0, measured = 0;
    std::uint64_t timeouts = 0;
    for (const auto& run : runs) {
      const auto& x = run.services.at(s);
      generated += double(x.generated);
      completed += double(x.completed);
      failed += double(x.failed);
      inFlight += double(x.inFlight);
      late += double(x.missedDeadline);
      timeouts += x.timeouts;
      if (x.completed == 0) continue;
      ++measured;
      average += x.mean;
      p50 += x.p50;
      p95 += x.p95;
      p99 += x.p99;
      atTarget += x.atTarget;
    }
    auto& out = pooled.services[s];
    out.generated = count(generated);
    out.completed = count(completed);
    out.failed = count(failed);
    out.inFlight = count(inFlight);
    out.missedDeadline = count(late);
    out.timeouts = timeouts;
    double m = std::max(measured, 1.0);
    out.mean = average / m;
    out.p50 = p50 / m;
    out.p95 = p95 / m;
    out.p99 = p99 / m;
    out.atTarget = atTarget / m;
  }
  for (size_t l = 0; l < pooled.links.size(); ++l) {
    double total = 0;
    for (const auto& run : runs) total += run.links.at(l).busiestHourUtilisation;
    pooled.links[l].busiestHourUtilisation = mean(total);
  }
  for (const auto& run : runs) pooled.conserved = pooled.conserved && run.conserved;
  return pooled;
}

std::vector<IsolatedRun> replicate(const std::vector<IsolatedRun>& runs, int replications) {
  std::vector<IsolatedRun> all;
  for (const auto& run : runs)
    for (int r = 0; r < std::max(1, replications); ++r) {
      all.push_back(run);
      all.back().options.seed = replicationSeed(run.options.seed, r);
    }
  return all;
}

namespace {

// Collects one named figure across runs; a run without it (a service that completed nothing)
// contributes nothing, so a figure has as many values as runs that measured it.
class FigureTable {
 public:
  // `binError`: a relative error every value carries (a percentile read from a histogram); it
  // widens the interval, which would otherwise read 0 when every replication falls in one bin.
  void add(const std::string& name, const std::string& unit, double value, bool steers = false,
           double binError = 0) {
    auto it = std::find_if(figures_.begin(), figures_.end(),
                           [&](const Figure& f) { return f.name == name; });
    if (it == figures_.end()) {
      it = figures_.insert(figures_.end(), Figure{name, unit, {}, {}, steers});
      binErrors_.push_back(binError);
    }
    it->values.push_back(value);
  }
  std::vector<Figure> take(double confidence) {
    for (size_t f = 0; f < figures_.size(); ++f) {
      Figure& figure = figures_[f];
      figure.estimate = stats::estimate(figure.values, confidence);
      figure.estimate.halfWidth += binErrors_[f] * std::abs(figure.estimate.mean);
    }
    return std::move(figures_);
  }

 private:
  std::vector<Figure> figures_;
  std::vector<double> binErrors_;
};

}  // namespace

std::vector<Figure> figuresOf(const Scenario& scenario, const std::vector<WindowSummary>& runs,
                              double confidence) {
  FigureTable table;
  for (const auto& run : runs) {
    for (const auto& s : run.services) {
      if (s.generated == 0) continue;
      table.add(s.name + " generated", "1", double(s.generated));
      table.add(s.name + " failed", "1", double(s.failed));
      table.add(s.name + " timeouts", "1", double(s.timeouts));
      const ServiceSpec* spec = scenario.data.services.find(s.name);
      if (spec && spec->dayProfile == DayProfile::ClaimsWindow)
        table.add(s.name + " late", "1", double(s.missedDeadline));
      if (s.completed == 0) continue;
      table.add(s.name + " throughput", "1/s",
                double(s.completed) / std::max(run.measuredSeconds, 1.0));
      table.add(s.name + " mean", "s", s.mean, true);
      table.add(s.name + " p50", "s", s.p50, false, kLatencyRelativeError);
      table.add(s.name + " p95", "s", s.p95, true, kLatencyRelativeError);
      table.add(s.name + " p99", "s", s.p99, false, kLatencyRelativeError);
    }
    for (const auto& p : run.pools) {
      table.add(p.name + " max queue", "1", p.maxQueue);
      table.add(p.name + " utilisation", "1", p.utilisation);
    }
    for (const auto& l : run.links)
      if (l.busiestHourUtilisation > 0)
        table.add(l.name + " busiest hour", "1", l.busiestHourUtilisation);
  }
  return table.take(confidence);
}

namespace {

// MSER-5 on the point-by-point mean of the runs' total-queue series.
double ensembleTransient(const std::vector<WindowSummary>& runs) {
  std::vector<double> mean;
  for (const auto& run : runs) {
    mean.resize(std::max(mean.size(), run.totalQueue.size()), 0.0);
    for (size_t k = 0; k < run.totalQueue.size(); ++k)
      mean[k] += run.totalQueue[k] / double(runs.size());
  }
  const WindowSummary& first = runs.front();
  return first.totalQueueStart + double(stats::mser5(mean).observations) * first.stepSeconds;
}

// The steering figure with the widest relative half-width.
const Figure* widest(const std::vector<Figure>& figures) {
  const Figure* worst = nullptr;
  for (const auto& f : figures)
    if (f.steersPrecision &&
        (!worst || f.estimate.relativeHalfWidth() > worst->estimate.relativeHalfWidth()))
      worst = &f;
  return worst;
}

}  // namespace

ReplicatedWindow simulateReplications(const Scenario& scenario, const core::Design& design,
                                      const WindowOptions& options,
                                      const ReplicationOptions& replication) {
  ReplicatedWindow result;
  int target = std::max(1, replication.replications);
  if (replication.precision > 0) target = std::max(target, 2);  // a half-width needs two
  while (true) {
    std::vector<IsolatedRun> runs;
    for (int r = int(result.runs.size()); r < target; ++r) {
      WindowOptions window = options;
      window.seed = replicationSeed(options.seed, r);
      window.progress = false;
      result.seeds.push_back(window.seed);
      runs.push_back({scenario, design, window});
    }
    for (auto& summary : simulateIsolated(runs, replication.jobs))
      result.runs.push_back(std::move(summary));
    result.figures = figuresOf(scenario, result.runs, replication.confidence);
    result.transientEndSeconds = ensembleTransient(result.runs);
    if (replication.precision <= 0) break;
    const Figure* decides = widest(result.figures);
    result.decidedBy = decides ? decides->name : "";
    result.precisionReached =
        !decides || decides->estimate.relativeHalfWidth() <= replication.precision;
    if (result.precisionReached || target >= replication.maxReplications) break;
    target = std::min(replication.maxReplications, target + std::max(1, replication.jobs));
  }
  return result;
}

}  // namespace tsunagu::des
