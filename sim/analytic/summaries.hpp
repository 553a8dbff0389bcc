#pragma once

#include <optional>

#include "models/queueing/queueing.hpp"
#include "models/scenario/scenario.hpp"
#include "sim/analytic/plan_result.hpp"
#include "sim/core/design.hpp"

namespace tsunagu::analytic {

// The hours [first, last) of fiscal year index `fy` within the result's horizon.
std::pair<size_t, size_t> hoursOf(const PlanResult& result, size_t fy);

// Per link and fiscal year: busy-hour and mean load, the busy hour's utilisation, the largest
// peak at the peak rule's interval, the least tier of the link's technology that keeps the
// busy hour's mean within the utilisation target and that peak within the peak target, and the
// first hour whose mean breaches the utilisation target.
void summariseLinks(PlanResult& result, const Scenario& scenario);

// One pool at one busy hour: its servers (fixed, or the least meeting the service's level by
// core::serversNeeded), the queueing estimates, and whether it misses the service's level.
struct PoolEstimate {
  int servers = 0;
  int serversNeeded = 0;  // -1 when no count meets the response target
  queueing::PoolStats stats;
  double atTarget = 0;  // the response at the service's target percentile (p95 without one)
  bool missesLevel = false;
};
PoolEstimate estimatePool(const ServiceSpec& service, double busyArrivals,
                          std::optional<int> fixedServers, double utilisationTarget);

// Per pool and fiscal year at the busy hour: servers (the design's, or the least meeting the
// service's level by core::serversNeeded), utilisation and response estimates.
void estimatePools(PlanResult& result, const Scenario& scenario, const core::Design& design);

}  // namespace tsunagu::analytic
