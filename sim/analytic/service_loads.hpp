#pragma once

#include <string>
#include <vector>

#include "sim/analytic/plan_result.hpp"
#include "sim/core/workload.hpp"

namespace tsunagu::analytic {

// Every link's busy hour split by service: why one link is busier than another (a Hokkaido
// PoP uplink carrying the regional network's views, a Tokyo one only claims). The planner
// knows each demand entry's share of each link, so a link's load at an hour is a sum over
// the entries, and so over their services.
struct LinkServiceLoads {
  std::vector<std::string> services;  // the plan's service order
  // (links x services) x fiscal years, row link * services + service: bit/s in the link's
  // busier direction at its busy hour (the hour and direction of links.busyBps). Summed over
  // the services of a link, it is links.busyBps.
  Table<double> busyBps;
  Table<double> busyHour;  // links x fiscal years: the hour of the horizon (from plan.start)
};

// Found again from the plan's hourly series and the rollout states of the busy hours only,
// so the plan itself (which sensitivity and uncertainty studies run hundreds of times) does
// not pay for it.
LinkServiceLoads busyHourByService(const core::Workload& workload, const PlanResult& plan);

}  // namespace tsunagu::analytic
