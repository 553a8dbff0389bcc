#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/des/isolated/isolated_window.hpp"
#include "sim/stats/estimate.hpp"

namespace tsunagu::des {

// The seed of replication r (from 0) of a run seeded `seed`: replication 0 is the run itself,
// the others independent streams (a different Random123 key for every stream of the run).
std::uint64_t replicationSeed(std::uint64_t seed, int replication);

// One figure of a window, per replication: "eligibility p95 (s)", "eligibility@dc max queue".
struct Figure {
  std::string name;
  std::string unit;
  std::vector<double> values;  // one per replication
  stats::Estimate estimate;
  bool steersPrecision = false;  // one of the figures --precision watches
};

struct ReplicationOptions {
  int replications = 1;  // run at least this many
  double precision = 0;  // > 0: add replications until every steering figure's relative
                         // half-width is at most this (sequential stopping)
  int maxReplications = 50;
  int jobs = 2;
  double confidence = 0.95;
};

struct ReplicatedWindow {
  std::vector<std::uint64_t> seeds;
  std::vector<WindowSummary> runs;
  std::vector<Figure> figures;
  // With --precision: the steering figure with the widest relative half-width at the last
  // check (the one that decided when to stop), and whether the target was reached.
  std::string decidedBy;
  bool precisionReached = true;
  // MSER-5 on the average of the replications' total-queue series (less noisy than any one):
  // where the transient ends, in seconds after the window's start (<= 0: within the warm-up).
  double transientEndSeconds = 0;
};

// Runs the window `options.replications` times (or, with a precision, until the precision or
// the maximum is reached, adding as many runs at a time as there are jobs), each replication in
// a child process, and estimates every figure.
ReplicatedWindow simulateReplications(const Scenario& scenario, const core::Design& design,
                                      const WindowOptions& options,
                                      const ReplicationOptions& replication);

// Replications of one window as one summary, for the studies that judge a window by its
// summary (the sizing's DES checks, the failures' DES runs): response times, counts and link
// loads are the means over the replications, except time-outs, which are summed (a level with
// a time-out in any replication is missed).
WindowSummary pooledSummary(const std::vector<WindowSummary>& runs);

// `runs` repeated `replications` times with the replications' seeds, in that order (all of
// run 0's replications first).
std::vector<IsolatedRun> replicate(const std::vector<IsolatedRun>& runs, int replications);

// The figures of a set of runs, with their estimates (services: counts, mean and percentiles,
// throughput; pools: the longest queue and utilisation; links: the busiest hour).
std::vector<Figure> figuresOf(const Scenario& scenario, const std::vector<WindowSummary>& runs,
                              double confidence);

}  // namespace tsunagu::des
