#include "sim/core/servers.hpp"

#include <algorithm>
#include <cmath>

#include "models/queueing/queueing.hpp"

namespace tsunagu::core {

ServerCount serversNeeded(const PoolLevel& level) {
  if (level.arrivalsPerSecond <= 0) return {1, true};
  // A load a hair above a whole number of servers is rounding, not another server.
  double byLoad =
      std::ceil(level.arrivalsPerSecond * level.serviceSeconds / level.utilisationTarget - 1e-9);
  // Beyond any pool anyone builds (and beyond int): a breach, not an overflow.
  if (!(byLoad <= kMaxServers)) return {kMaxServers, false};
  int byUtilisation = std::max(1, int(byLoad));
  if (level.percentile <= 0) return {byUtilisation, true};
  if (level.budgetSeconds <= 0) return {byUtilisation, false};
  int byResponse = queueing::serversNeeded(level.arrivalsPerSecond, level.serviceSeconds,
                                           level.serviceCv, level.percentile, level.budgetSeconds);
  if (byResponse < 0) return {byUtilisation, false};
  return {std::max(byResponse, byUtilisation), true};
}

}  // namespace tsunagu::core
