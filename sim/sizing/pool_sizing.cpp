#include "sim/sizing/pool_sizing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/queueing/queueing.hpp"

namespace tsunagu::sizing {

ServerOption evaluateServers(const PoolLevel& level, int servers) {
  ServerOption option;
  option.servers = servers;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  double offered = level.arrivalsPerSecond * level.serviceSeconds;
  option.utilisation = servers > 0 ? offered / servers : kInf;
  if (level.arrivalsPerSecond <= 0) {
    option.meets = servers >= 1;
    option.atTarget = option.p99 = level.roundTripSeconds + level.serviceSeconds;
    return option;
  }
  if (option.utilisation >= 1) {
    option.atTarget = option.p99 = kInf;
    return option;
  }
  auto percentileOf = [&](double p) {
    return queueing::mmcResponsePercentile(servers, level.arrivalsPerSecond, level.serviceSeconds,
                                           level.serviceCv, p);
  };
  option.p99 = level.roundTripSeconds + percentileOf(0.99);
  bool withinUtilisation = option.utilisation <= level.utilisationTarget + 1e-12;
  if (level.percentile <= 0) {
    option.atTarget = option.p99;
    option.meets = withinUtilisation;
    return option;
  }
  double pool = percentileOf(level.percentile);
  option.atTarget = level.roundTripSeconds + pool;
  option.meets = withinUtilisation && pool <= level.budgetSeconds * (1 + 1e-9);
  return option;
}

int leastServersForDeadlines(const std::vector<double>& arrivalsPerSecond, double serviceSeconds,
                             const std::vector<size_t>& deadlineHours) {
  auto clears = [&](int servers) {
    double backlog = 0;  // server-seconds of work waiting
    size_t next = 0;
    for (size_t h = 0; h < arrivalsPerSecond.size() && next < deadlineHours.size(); ++h) {
      backlog = std::max(
          0.0, backlog + arrivalsPerSecond[h] * 3600.0 * serviceSeconds - servers * 3600.0);
      if (h != deadlineHours[next]) continue;
      if (backlog > 1e-6) return false;
      ++next;
    }
    return true;
  };
  if (deadlineHours.empty()) return 0;
  int high = 1;
  while (!clears(high)) high *= 2;
  int low = 0;  // clears(low) is false or low is 0
  while (high - low > 1) {
    int mid = low + (high - low) / 2;
    (clears(mid) ? high : low) = mid;
  }
  return high;
}

}  // namespace tsunagu::sizing
