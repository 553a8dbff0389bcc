#pragma once

#include <functional>

#include "models/nation/nation.hpp"
#include "sim/analytic/plan_result.hpp"
#include "sim/core/design.hpp"
#include "sim/core/workload.hpp"

namespace tsunagu::analytic {

// The analytic planner: every hour of the horizon, the demand of each entry (volume x day
// weight x hourly share) pushed through each rollout state's routing, giving the offered load
// on every backbone, IX, hub and data-center link and every server pool; per fiscal year the
// busy hour, the tier needed, queueing estimates, access-line distributions and costs.
// Links run at the design's capacity and pools with its servers (or as many as the rule needs).
// `progress` hears the fraction of the horizon's days planned, after each day.
using PlanProgress = std::function<void(double fraction)>;
PlanResult runPlan(const core::Workload& workload, const core::Design& design,
                   const PlanProgress& progress = {});
// The scenario's own design.
PlanResult runPlan(const Nation& nation, const PlanProgress& progress = {});

// The busiest day of a fiscal year by arrivals at all server pools: the window the main job
// simulates, and `simulate --window peak:FY`.
Date peakDay(const PlanResult& plan, int fiscalYear);

// The busiest hour (0-23) of a day, by arrivals at all server pools.
int busiestHour(const PlanResult& plan, Date day);

// The stretches of the horizon with one network: months (or quarters), also cut at every
// rollout event and fiscal-year start.
std::vector<std::pair<Date, Date>> rolloutStates(const Scenario& scenario);

}  // namespace tsunagu::analytic
