#pragma once

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

#include "sim/analytic/state_loads.hpp"
#include "sim/core/workload.hpp"

namespace tsunagu::analytic {

// A link's load split by service: why one link is busier than another (a Hokkaido PoP uplink
// carrying the regional network's views, a Tokyo one only claims). The planner knows each
// demand entry's share of each link, so a link's load at an hour is a sum over the entries,
// and so over their services.

// Adds to `perService` (a row per service, `serviceOf` maps each entry to its row; a row past
// the end is skipped) the bit/s each service puts on `link` one way in an hour with
// `transactionsPerHour` of each entry: the bytes that cross the link that way (requests one
// way, responses the other, as linkLoads counts them) x 8 / 3600.
void addByService(const StateLoads& state, const core::Workload& workload, size_t link,
                  bool forward, const Eigen::VectorXd& transactionsPerHour,
                  const std::vector<size_t>& serviceOf, std::vector<double>& perService);

// The row of each demand entry's service in `services` (services.size() when not there).
std::vector<size_t> serviceRows(const core::Workload& workload,
                                const std::vector<std::string>& services);

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
