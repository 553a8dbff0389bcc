#pragma once

#include <Eigen/Dense>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "models/network/routing.hpp"
#include "sim/analytic/demand_entries.hpp"

namespace tsunagu::analytic {

// The links and pools the planner follows hour by hour, fixed for the whole horizon.
struct PlanIndex {
  std::vector<Edge> links;                 // infrastructure links
  std::map<std::uint32_t, size_t> linkOf;  // edge id -> row
  struct Pool {
    std::string service;
    std::string host;  // a node name, or "rhin-hub" for the busiest regional hub
  };
  std::vector<Pool> pools;
  std::vector<int> poolOfEntry;  // per demand entry, or -1
  std::vector<Vertex> facilities;
  std::vector<double> eligibleWeight;  // per entry: sum of weight x facilities that may use it

  PlanIndex(const Nation& nation, const std::vector<DemandEntry>& entries);
};

// What one rollout state (a stretch of the horizon with one network and one adoption level)
// turns demand into: the share of each demand entry that crosses each link and reaches each
// pool. The routing matrix (links x origin groups, Eigen sparse) times the group shares
// (origin groups x entries) gives `links`.
struct StateLoads {
  Date start, end;  // [start, end)
  // Tracked links x entries: the share of each entry whose requests cross the link forward
  // (from the link's source to its target) or backward; responses take the other direction.
  Eigen::MatrixXd linksForward, linksBackward;
  Eigen::MatrixXd pools;               // pools x entries
  std::vector<double> routedShare;     // per entry
  std::vector<double> latencySeconds;  // per entry: mean one-way latency of the routed share
  std::vector<double> users;           // per entry: facilities using it
  std::vector<double> routedUsers;
  // Access lines: facilities that use the same set of entries share a pattern.
  Eigen::MatrixXd patternUp, patternDown;     // patterns x entries: bytes per transaction / weight
  std::vector<std::int32_t> facilityPattern;  // per PlanIndex facility, -1 = none
  std::vector<float> facilityCapacityBps;     // of its fastest line, 0 = no line
  std::vector<std::uint8_t> facilityTechnology;  // index into `technologies`
  std::vector<std::string> technologies;
  // Every routed (origin group, entry) with its route, for the discrete-event engine; the
  // planner itself needs only the matrices above.
  struct OriginRoute {
    size_t origin = 0;  // the origin group (same numbering with or without exclusions)
    size_t entry = 0;
    double share = 0;  // of the entry's volume
    Vertex host{};
    Vertex attachment{};
    double latencySeconds = 0;  // one way, access line included
    double accessBitsPerSecond = 0;
    std::vector<Edge> path;  // infrastructure links from the attachment to the host
  };
  std::vector<OriginRoute> originRoutes;
  std::vector<std::int32_t> facilityOrigin;   // per PlanIndex facility: its origin group
  std::map<size_t, size_t> dataCenterOrigin;  // per data-center entry: its origin group
  std::vector<double> unroutedShare;          // per entry: demand with no route (it fails)
};

// What the failure of a node or a link takes out: the routes' exclusions, and the tracked links
// (rows of PlanIndex::links) it cuts. A pool failure takes out nothing here.
struct FailedElements {
  Exclusions excluded;
  std::set<size_t> trackedLinks;
};
FailedElements failedElements(const Nation& nation, const PlanIndex& index,
                              const FailureSpec& spec);

StateLoads buildStateLoads(const Nation& nation, const PlanIndex& index,
                           const std::vector<DemandEntry>& entries, Date start, Date end,
                           bool withOriginRoutes = false, const Exclusions* excluded = nullptr);

}  // namespace tsunagu::analytic
