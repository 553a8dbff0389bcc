#pragma once

#include <vector>

#include "models/services/service.hpp"

namespace tsunagu::sizing {

// The service level of one server pool at its busy hour: the response percentile within the
// service's target, less the network's round trip (the budget left to the pool), and the
// utilisation target.
struct PoolLevel {
  double arrivalsPerSecond = 0;
  double serviceSeconds = 0;
  double serviceCv = 1;
  double percentile = 0;        // 0: no response target
  double budgetSeconds = 0;     // for the pool's response at that percentile
  double roundTripSeconds = 0;  // the network's part of the end-to-end response
  double utilisationTarget = 0.7;
};

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

// The least server count meeting the level (the response budget and the utilisation target),
// or -1 when none can (the service time alone exceeds the budget).
int leastServers(const PoolLevel& level);

// The least server count that processes every claim by its deadline: the pool works through
// the backlog hour by hour (a fluid model of the queue), and at 24:00 on each deadline the
// backlog must be gone. `arrivalsPerSecond` is hourly; `deadlineHours` are the indices of the
// hours that end at a deadline.
int leastServersForDeadlines(const std::vector<double>& arrivalsPerSecond, double serviceSeconds,
                             const std::vector<size_t>& deadlineHours);

}  // namespace tsunagu::sizing
