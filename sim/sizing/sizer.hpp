#pragma once

#include <vector>

#include "models/nation/nation.hpp"
#include "sim/analytic/plan_result.hpp"
#include "sim/sizing/sizing_result.hpp"

namespace tsunagu::sizing {

// The analytic screen: for each fiscal year asked for, the cheapest option of every backbone,
// IX, hub and data-center link that keeps its busy hour within the utilisation target, and the
// fewest servers per pool that meet the service's level (its response percentile within the
// target less the network's round trip, the utilisation target, the claims deadline), from the
// plan's loads. Capacity does not change routes or loads in the analytic model, so every
// element is sized on its own.
SizingResult sizeAnalytically(const Nation& nation, const analytic::PlanResult& plan,
                              const std::vector<int>& fiscalYears);

// Re-derives the costs, purchases and Pareto flags of a result whose choices changed (after a
// DES check added capacity).
void settleCosts(const Scenario& scenario, SizingResult& result);

}  // namespace tsunagu::sizing
