#pragma once

#include <optional>
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

// One link on one day (`topology --link`): its busiest hour of the day and the load there, in
// the busier direction, split by service.
struct LinkDaySplit {
  std::vector<std::string> services;  // the scenario's order
  int hour = -1;                      // 0-23
  bool forward = true;                // the busier direction runs from A to B ("A -- B")
  double forwardBps = 0, backwardBps = 0;
  std::vector<double> bps;  // per service, the busier direction
};
// nullopt when `link` ("A -- B") names no infrastructure link.
std::optional<LinkDaySplit> linkDayByService(const core::Workload& workload,
                                             const std::string& link, Date day);

}  // namespace tsunagu::analytic
