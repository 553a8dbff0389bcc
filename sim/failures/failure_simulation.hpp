#pragma once

#include <cstdint>
#include <vector>

#include "sim/failures/failure_analysis.hpp"

namespace tsunagu::failures {

struct FailureSimulationOptions {
  int jobs = 2;  // simulation processes at a time
  std::uint64_t seed = 1;
  int replications = 1;        // of each failure's window; the DES columns are their means
  double afterSeconds = 3600;  // measured after the failure ends: retries, queues draining
};

// Runs the DES on each chosen failure's window (from its start to an hour after its end, with an
// hour of warm-up before), the scenario's own failures replaced by that one, each in a process of
// its own; fills the impacts' DES columns (failed transactions, worst response ratio, late
// claims, conservation).
void simulateFailures(const Scenario& scenario, const core::Design& design,
                      std::vector<FailureImpact>& impacts, const std::vector<size_t>& chosen,
                      const FailureSimulationOptions& options);

}  // namespace tsunagu::failures
