#pragma once

#include <vector>

#include "models/services/service.hpp"
#include "sim/core/servers.hpp"

namespace tsunagu::sizing {

// The sizer's budget for a pool is the service's target less the network's round trip.
using core::PoolLevel;

// One server count the search looked at, with its end-to-end response estimate (M/M/c with
// the Allen-Cunneen correction, plus the round trip).
struct ServerOption {
  int servers = 0;
  double utilisation = 0;
  double atTarget = 0;  // end-to-end response at the target percentile (s), inf if unstable
  double p99 = 0;       // end-to-end p99 (s), inf if unstable
  bool meets = false;
};

ServerOption evaluateServers(const PoolLevel& level, int servers);

// core::serversNeeded as the sizer reports it: -1 when no count meets the response budget.
inline int leastServers(const PoolLevel& level) {
  core::ServerCount needed = core::serversNeeded(level);
  return needed.reachable ? needed.servers : -1;
}

// The least server count that processes every claim by its deadline: the pool works through
// the backlog hour by hour (a fluid model of the queue), and at 24:00 on each deadline the
// backlog must be gone. `arrivalsPerSecond` is hourly; `deadlineHours` are the indices of the
// hours that end at a deadline.
int leastServersForDeadlines(const std::vector<double>& arrivalsPerSecond, double serviceSeconds,
                             const std::vector<size_t>& deadlineHours);

}  // namespace tsunagu::sizing
