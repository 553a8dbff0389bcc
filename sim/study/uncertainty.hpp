#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "models/scenario/scenario.hpp"
#include "sim/core/design.hpp"
#include "sim/study/uncertainty_result.hpp"

namespace tsunagu::study {

struct UncertaintyOptions {
  size_t samples = 50;
  std::uint64_t seed = 1;
  // The capacity each fiscal year is judged with (link capacities, fixed servers), by fiscal
  // year; a year without one is judged with the scenario's own design (the network's links,
  // planning.servers).
  std::map<int, core::Design> designs;
  // A study of volume growths only is superposed from 1 + inputs plans (GrowthSuperposition)
  // unless this is false or their hourly series would need more than this many bytes.
  bool superpose = true;
  size_t maxSuperpositionBytes = size_t(2) << 30;
  // Called after each plan: (plans done, plans to run).
  std::function<void(size_t, size_t)> progress;
};

// The scenario's uncertain inputs sampled by Latin hypercube (LatinHypercube, keyed by each
// input's name and `seed`; values by the inverse CDF of its distribution), each sample pushed
// through the analytic planner, and every link and pool judged in every fiscal year: a link
// breaches when its busy hour exceeds the utilisation target of its capacity, a pool misses its
// level when its busy hour is unstable or its response at the target percentile is above the
// target (analytic::estimatePool, with the design's servers or the rule's). The scenario must
// have at least one uncertain input, and `samples` at least 2.
UncertaintyResult runUncertainty(const Scenario& scenario, const UncertaintyOptions& options);

// The sampled values, samples x inputs: what runUncertainty pushes through the planner.
analytic::Table<double> sampleInputs(const Scenario& scenario, size_t samples, std::uint64_t seed);

}  // namespace tsunagu::study
