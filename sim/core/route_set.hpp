#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "models/network/routing.hpp"
#include "sim/core/network_index.hpp"

namespace tsunagu::core {

// One step of a path: a tracked link, crossed from its source to its target (forward) or back.
struct LinkHop {
  LinkId link;
  bool forward = true;
};

// The infrastructure part of a route: from the first infrastructure node an origin reaches
// (its attachment) to the host, along the lowest-latency links.
struct HostPath {
  Vertex attachment{}, host{};
  std::vector<LinkHop> hops;
};

// Facilities that reach the infrastructure the same way (the same lines, the same regional
// hub) route alike and form one origin group; each data center that originates demand is a
// group of its own. `identity` names the group by its first member, so that random streams
// keyed by it do not move when other groups come or go.
struct OriginGroup {
  Vertex representative{};
  std::string identity;
  std::vector<double> share;  // per entry: the group's share of the entry's volume
};

// A compiled route: the share of one entry's demand that one origin group sends to one host.
struct CompiledRoute {
  OriginId origin;
  size_t entry = 0;
  double share = 0;           // of the entry's volume
  size_t path = 0;            // into RouteSet::paths
  double latencySeconds = 0;  // one way, the access line included
  double accessBitsPerSecond = 0;
};

// Every route of the network at one date for a workload: origin groups, their routes to each
// service's host, and what the planner and the engines summarise from them. Built from the
// Boost graph by compileRoutes; no Eigen, no SimGrid.
struct RouteSet {
  Date date;
  std::vector<OriginGroup> origins;
  std::vector<HostPath> paths;        // one per (attachment, host)
  std::vector<CompiledRoute> routes;  // by origin, then entry
  // Per entry:
  std::vector<double> routedShare;
  std::vector<double> latencySeconds;  // mean one-way latency of the routed share
  std::vector<double> users;           // facilities using it
  std::vector<double> routedUsers;
  std::vector<double> unroutedShare;  // demand with no route (it fails)
  // Per NetworkIndex facility: its origin group (-1: none), its access-line pattern (-1: uses
  // nothing), the capacity and technology of its fastest line.
  std::vector<std::int32_t> facilityOrigin;
  std::vector<std::int32_t> facilityPattern;
  std::vector<float> facilityCapacityBps;
  std::vector<std::uint8_t> facilityTechnology;  // index into `technologies`
  std::vector<std::string> technologies;
  // Access-line patterns: facilities that use the same set of entries share one; per pattern
  // and entry the share of the entry one facility of weight 1 carries.
  std::vector<std::vector<double>> patternShares;
  std::map<size_t, OriginId> dataCenterOrigin;  // per data-center entry: its origin group

  const HostPath& pathOf(const CompiledRoute& route) const { return paths[route.path]; }
};

// The routes at `date`, avoiding `excluded` elements (failures).
RouteSet compileRoutes(const NetworkIndex& index, const Workload& workload, Date date,
                       const Exclusions* excluded = nullptr);

// What the failure of a node or a link takes out: the routes' exclusions and the tracked links
// it cuts. A pool failure takes out nothing here. The one definition for every engine.
struct FailedElements {
  Exclusions excluded;
  std::set<LinkId> links;
};
FailedElements failedElements(const Nation& nation, const NetworkIndex& index,
                              const FailureSpec& spec);

}  // namespace tsunagu::core
