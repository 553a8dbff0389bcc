#pragma once

#include <cstdint>

#include "models/scenario/scenario.hpp"
#include "sim/analytic/plan_result.hpp"
#include "sim/des/isolated/isolated_window.hpp"
#include "sim/sizing/sizing_result.hpp"

namespace tsunagu::sizing {

struct DesCheckOptions {
  int jobs = 2;       // simulation processes at a time
  int maxRounds = 3;  // checks per year; capacity is added after each that disagrees
  std::uint64_t seed = 1;
  int replications = 1;      // of each check; the check judges their pooled summary
  double tolerance = 0.005;  // the latency histogram's relative error (ServiceOutcome)
};

// Confirms each year's design with the discrete-event engine on that year's peak window (the
// busiest hour of the plan's peak day, an hour before it and two after): each pool runs with
// the chosen servers and each link at the chosen capacity. Where the simulation misses a level
// (the response percentile, timeouts, a link busier than the target in a simulated hour) the
// design gets more: 10% more servers (at least one) or the next link option, and the window
// runs again.
void confirmWithDes(const Scenario& scenario, const analytic::PlanResult& plan,
                    SizingResult& result, const DesCheckOptions& options);

// One check of one year: records what the simulation saw (response at each pool's target
// percentile, busiest simulated hour of each link) and adds capacity where it missed a level
// by more than `tolerance` (or had timeouts); true when every level was met.
bool recordDesCheck(const Scenario& scenario, int year, const des::WindowSummary& summary,
                    double tolerance, SizingResult& result);

}  // namespace tsunagu::sizing
