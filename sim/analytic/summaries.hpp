#pragma once

#include "models/scenario/scenario.hpp"
#include "sim/analytic/plan_result.hpp"
#include "sim/core/design.hpp"

namespace tsunagu::analytic {

// The hours [first, last) of fiscal year index `fy` within the result's horizon.
std::pair<size_t, size_t> hoursOf(const PlanResult& result, size_t fy);

// Per link and fiscal year: busy-hour and mean load, peak utilisation, the least tier of the
// link's technology that keeps the busy hour under the target, and the first breach.
void summariseLinks(PlanResult& result, const Scenario& scenario);

// Per pool and fiscal year at the busy hour: servers (the design's, or the least meeting the
// service's level by core::serversNeeded), utilisation and response estimates.
void estimatePools(PlanResult& result, const Scenario& scenario, const core::Design& design);

}  // namespace tsunagu::analytic
