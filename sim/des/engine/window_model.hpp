#pragma once

// What the discrete-event engine runs on one window, built before the run and free of SimGrid:
// the routes arrivals take (from the shared core's RouteSet), the pools and IX stages they
// queue at, the scenario's failures with the routes the network has left, and the links and
// paths the flow solver needs. Not part of the interface.

#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/core/design.hpp"
#include "sim/core/route_set.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/des/simgrid/flow_network.hpp"

namespace tsunagu::des::detail {

constexpr int kDirectFlow = -2;

// A route of the engine: one origin group's share of one entry, to one host.
struct EngineRoute {
  size_t origin = 0;
  size_t entry = 0;
  size_t service = 0;
  Vertex attachment{}, host{};
  double share = 0;
  double latency = 0;
  double accessBytesPerSecond = 0;
  std::vector<FlowPath::Hop> hops;
  int pool = -1;
  int flowPath = -1;
  int requestPath = -1, responsePath = -1;  // the reference path's comms
  std::vector<int> cappedPaths;             // streams: rate-capped paths, taken in turn
  std::vector<size_t> ixStages;             // IX centers on the way, in order (processing)
  bool routed = true;
  bool download = false;  // a bulk transfer or stream from the host to the origin
  const TransportSettings* transport = nullptr;
  // Names the arrival process by what it is (service, origin kind, origin group), so that its
  // random streams stay put when other routes come or go.
  std::string identity;
};

struct WindowFailure {
  const FailureSpec* spec = nullptr;
  double start = 0, end = 0;  // engine time
  std::set<size_t> links;     // tracked links it takes down
  std::set<Vertex> nodes;
  std::map<size_t, int> reroute;  // logical route -> route in the outage, or -1
};

struct PoolSpec {
  std::string name;
  int servers = 1;
  double serviceSeconds = 0, serviceCv = 1;
};

struct WindowModel {
  std::vector<FlowLink> links;  // the tracked links first (LinkId order), then private caps
  std::vector<FlowPath> paths;
  std::vector<std::string> linkNames;  // the tracked links
  std::vector<EngineRoute> routes;     // the unfailed (logical) routes first, then failures'
  size_t logicalRoutes = 0;
  std::map<std::pair<size_t, size_t>, size_t> routeOf;  // (origin group, entry) -> route
  std::map<size_t, size_t> unroutedOf;                  // entry -> its no-route route
  std::unordered_map<Vertex, size_t> originOf;          // vertex -> origin group
  std::vector<WindowFailure> failures;
  std::vector<PoolSpec> pools;
  std::vector<std::string> ixStages;  // the IX center of each processing stage
};

// Engine time 0 is 00:00 of `start`; the window's arrivals and failures are placed from there.
struct WindowClock {
  Date start;
  double toTime(Date day) const { return double(day - start) * 86400.0; }
  Date dayAt(double t) const { return start.plusDays(int(t / 86400.0)); }
  int hourAt(double t) const { return int(std::fmod(t, 86400.0) / 3600.0); }
};

// A route's arrivals per second at engine time `t`: its share of the workload's hourly rate.
inline double arrivalsPerSecond(const core::Workload& workload, const WindowClock& clock,
                                const EngineRoute& route, double t) {
  return workload.perHour(route.entry, clock.dayAt(t), clock.hourAt(t)) * route.share / 3600.0;
}

WindowModel buildWindowModel(const core::Workload& workload, const core::NetworkIndex& index,
                             const core::Design& design, const WindowOptions& options,
                             const WindowClock& clock);

}  // namespace tsunagu::des::detail
