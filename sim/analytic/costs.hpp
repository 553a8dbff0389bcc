#pragma once

#include "models/nation/nation.hpp"
#include "sim/analytic/plan_result.hpp"

namespace tsunagu::analytic {

// Costs per fiscal year by component: facility lines by technology, inner links by role,
// regional networks, IX centers and central servers; initial (set-up) and running costs,
// totals, net present value, cost per transaction, and what line consolidation saves.
// Needs the pools' servers and the services' transactions already in `result`.
CostResults computeCosts(const Nation& nation, const PlanResult& result);

}  // namespace tsunagu::analytic
