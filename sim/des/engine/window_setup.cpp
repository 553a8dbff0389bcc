#include <algorithm>
#include <cmath>

#include "sim/core/servers.hpp"
#include "sim/des/engine/window_model.hpp"

namespace tsunagu::des::detail {

namespace {

class WindowModelBuilder {
 public:
  WindowModelBuilder(const core::Workload& workload, const core::NetworkIndex& index,
                     const core::Design& design, const WindowOptions& options,
                     const WindowClock& clock)
      : nation_(workload.nation()),
        scenario_(nation_.scenario()),
        workload_(workload),
        index_(index),
        design_(design),
        options_(options),
        clock_(clock) {}

  WindowModel build() {
    Date end = options_.first.plusDays(options_.days);
    core::RouteSet routes = core::compileRoutes(index_, workload_, options_.first);
    for (size_t l = 0; l < index_.linkCount(); ++l) {
      core::LinkId link(l);
      model_.linkNames.push_back(index_.linkName(link));
      // What TCP's payload gets of the line: headers and framing take the rest.
      model_.links.push_back({index_.linkName(link),
                              design_.capacityBps(nation_, index_.edge(link)) *
                                  scenario_.network.transport.defaults.bandwidthFactor(),
                              nation_.graph()[index_.edge(link)].latency.seconds});
    }
    for (const auto& route : routes.routes) {
      model_.routeOf[{route.origin.index(), route.entry}] = model_.routes.size();
      model_.routes.push_back(makeRoute(routes, route));
    }
    const auto& facilities = index_.facilities();
    for (size_t i = 0; i < facilities.size(); ++i)
      if (routes.facilityOrigin[i] >= 0)
        model_.originOf[facilities[i]] = size_t(routes.facilityOrigin[i]);
    for (auto [entry, origin] : routes.dataCenterOrigin)
      model_.originOf[routes.origins[origin.index()].representative] = origin.index();
    addUnrouted(routes);
    model_.logicalRoutes = model_.routes.size();
    addFailures(end);
    addPools();
    return std::move(model_);
  }

 private:
  // The share of each entry with no route at all: its arrivals fail for want of one.
  void addUnrouted(const core::RouteSet& routes) {
    for (size_t e = 0; e < workload_.size(); ++e) {
      if (routes.unroutedShare[e] <= 0) continue;
      EngineRoute lost;
      lost.entry = e;
      lost.service = workload_.entry(e).serviceId.index();
      lost.share = routes.unroutedShare[e];
      lost.routed = false;
      lost.identity = entryIdentity(e) + "|no-route";
      model_.unroutedOf[e] = model_.routes.size();
      model_.routes.push_back(lost);
    }
  }

  std::string entryIdentity(size_t e) const {
    const core::DemandEntry& entry = workload_.entry(e);
    return entry.service->id + "|" + entry.volume->origin;
  }

  // A route of the engine from a compiled one; bulk routes get a flow path.
  EngineRoute makeRoute(const core::RouteSet& routes, const core::CompiledRoute& compiled) {
    const NationGraph& g = nation_.graph();
    const core::HostPath& path = routes.pathOf(compiled);
    const core::DemandEntry& entry = workload_.entry(compiled.entry);
    EngineRoute route;
    route.origin = compiled.origin.index();
    route.entry = compiled.entry;
    route.service = entry.serviceId.index();
    route.attachment = path.attachment;
    route.host = path.host;
    route.share = compiled.share;
    route.latency = compiled.latencySeconds;
    route.accessBytesPerSecond = compiled.accessBitsPerSecond / 8.0;
    route.identity =
        entryIdentity(compiled.entry) + "|" + routes.origins[compiled.origin.index()].identity;
    route.transport = &scenario_.network.transport.forService(entry.service->id);
    auto processAt = [&](Vertex v) {
      if (g[v].kind != NodeKind::Ix || scenario_.network.ixProcessingTime.seconds <= 0) return;
      auto [it, added] = ixStageOf_.emplace(v, model_.ixStages.size());
      if (added) model_.ixStages.push_back(nation_.name(v));
      route.ixStages.push_back(it->second);
    };
    processAt(path.attachment);
    for (const core::LinkHop& hop : path.hops) {
      route.hops.push_back({hop.link.index(), hop.forward});
      Edge e = index_.edge(hop.link);
      processAt(hop.forward ? boost::target(e, g) : boost::source(e, g));
    }
    ServicePattern pattern = entry.service->pattern;
    bool flow = pattern == ServicePattern::Bulk || pattern == ServicePattern::Stream;
    route.download = flow && entry.service->direction == FlowDirection::Download;
    FlowPath flowHops{route.download ? reversed(route.hops) : route.hops};
    if (pattern == ServicePattern::Stream && !route.hops.empty()) {
      double bytes = route.download ? entry.responseBytes : entry.requestBytes;
      double rateBits = bytes * 8 / std::max(entry.service->serviceTime.seconds, 1e-9);
      addCappedPaths(route, flowHops, rateBits, "stream-rate-");
    } else if (flow && !route.hops.empty()) {
      route.flowPath = int(model_.paths.size());
      if (scenario_.network.transport.defaults.rttAwareSharing) padLatency(route, flowHops);
      model_.paths.push_back(flowHops);
    } else if (flow) {
      route.flowPath = kDirectFlow;  // straight from the facility's line to its hub
    }
    if (options_.messagesAsComms && !flow && !route.hops.empty()) {
      route.requestPath = int(model_.paths.size());
      model_.paths.push_back({route.hops});
      route.responsePath = int(model_.paths.size());
      model_.paths.push_back({reversed(route.hops)});
    }
    return route;
  }

  // The same links from the other end.
  static std::vector<FlowPath::Hop> reversed(const std::vector<FlowPath::Hop>& hops) {
    std::vector<FlowPath::Hop> back;
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop)
      back.push_back({hop->link, !hop->forward});
    return back;
  }

  // RTT-aware sharing weighs a flow by its path's latency in SimGrid. The route's latency
  // beyond the tracked links (the facility's line) becomes a private link of that latency and
  // no bandwidth limit, so that the whole round trip counts.
  void padLatency(const EngineRoute& route, FlowPath& path) {
    constexpr double kUnboundedBitsPerSecond = 1e15;
    double tracked = 0;
    for (const auto& hop : path.hops) tracked += model_.links[hop.link].latencySeconds;
    double missing = route.latency - tracked;
    if (missing <= 1e-9) return;
    path.hops.push_back({model_.links.size(), true});
    model_.links.push_back(
        {"latency-" + std::to_string(model_.paths.size()), kUnboundedBitsPerSecond, missing});
  }

  // A stream runs at its own bit rate (bytes per session / session length, e.g. 36 GB in an
  // hour = 80 Mb/s for 8K video): each of a few paths per route ends in a private link of that
  // capacity, and sessions take them in turn, so concurrent sessions do not share one cap.
  void addCappedPaths(EngineRoute& route, const FlowPath& hops, double capBitsPerSecond,
                      const std::string& name) {
    constexpr int kPathsPerRoute = 4;
    route.flowPath = int(model_.paths.size());
    for (int k = 0; k < kPathsPerRoute; ++k) {
      FlowPath path{hops};
      path.hops.push_back({model_.links.size(), true});
      model_.links.push_back({name + std::to_string(model_.paths.size()), capBitsPerSecond});
      route.cappedPaths.push_back(int(model_.paths.size()));
      model_.paths.push_back(path);
    }
  }

  // For each failure of the scenario within the window: what it takes out, and the routes the
  // network has left (Boost Graph re-routing), as extra routes the arrivals switch to.
  void addFailures(Date end) {
    for (const auto& spec : scenario_.failures) {
      WindowFailure failure;
      failure.spec = &spec;
      failure.start = clock_.toTime(spec.date) + spec.startSeconds;
      failure.end = failure.start + spec.duration.seconds;
      if (failure.end <= 0 || failure.start >= clock_.toTime(end)) continue;
      failure.start = std::max(failure.start, 0.0);
      if (spec.target == FailureSpec::Target::Pool) {
        model_.failures.push_back(failure);
        continue;
      }
      core::FailedElements failed = core::failedElements(nation_, index_, spec);
      failure.nodes = failed.excluded.nodes;
      for (core::LinkId link : failed.links) failure.links.insert(link.index());
      core::RouteSet degraded =
          core::compileRoutes(index_, workload_, options_.first, &failed.excluded);
      std::map<std::pair<size_t, size_t>, int> alternative;
      for (const auto& route : degraded.routes) {
        alternative[{route.origin.index(), route.entry}] = int(model_.routes.size());
        model_.routes.push_back(makeRoute(degraded, route));
      }
      for (size_t r = 0; r < model_.logicalRoutes; ++r) {
        if (!model_.routes[r].routed || !crosses(model_.routes[r], failure)) continue;
        auto it = alternative.find({model_.routes[r].origin, model_.routes[r].entry});
        failure.reroute[r] = it == alternative.end() ? -1 : it->second;
      }
      model_.failures.push_back(failure);
    }
  }

  static bool crosses(const EngineRoute& route, const WindowFailure& failure) {
    if (failure.nodes.count(route.attachment) || failure.nodes.count(route.host)) return true;
    for (const auto& hop : route.hops)
      if (failure.links.count(hop.link)) return true;
    return false;
  }

  // One pool per (service, host), with the design's servers or as many as the window's busiest
  // hour needs (core::serversNeeded, the planner's rule).
  void addPools() {
    std::map<std::pair<std::string, Vertex>, int> poolOf;
    std::vector<std::vector<size_t>> routesOfPool;
    for (size_t r = 0; r < model_.routes.size(); ++r) {
      EngineRoute& route = model_.routes[r];
      const ServiceSpec& service = *workload_.entry(route.entry).service;
      bool queued = service.pattern == ServicePattern::Transaction ||
                    service.pattern == ServicePattern::Batch;
      if (!queued || !route.routed) continue;
      auto [it, added] = poolOf.emplace(std::make_pair(service.id, route.host), int(poolOf.size()));
      if (added) {
        routesOfPool.emplace_back();
        model_.pools.push_back({service.id + "@" + nation_.name(route.host), 1,
                                service.serviceTime.seconds, service.serviceTimeCv});
      }
      route.pool = it->second;
      routesOfPool[size_t(it->second)].push_back(r);
    }
    for (size_t p = 0; p < routesOfPool.size(); ++p) {
      const EngineRoute& first = model_.routes[routesOfPool[p].front()];
      const ServiceSpec& service = *workload_.entry(first.entry).service;
      bool regionalHub = nation_.graph()[first.host].kind == NodeKind::RegionalHub;
      if (auto servers = design_.servers(service.id, nation_.name(first.host), regionalHub)) {
        model_.pools[p].servers = *servers;
        continue;
      }
      // Sized for its own traffic; a pool that only fail-over reaches, for what would move there.
      bool ownTraffic = std::any_of(routesOfPool[p].begin(), routesOfPool[p].end(),
                                    [&](size_t r) { return r < model_.logicalRoutes; });
      double peak = 0;
      for (double t = clock_.toTime(options_.first);
           t < clock_.toTime(options_.first.plusDays(options_.days)); t += 3600) {
        double lambda = 0;
        for (size_t r : routesOfPool[p])
          if ((r < model_.logicalRoutes) == ownTraffic)
            lambda += arrivalsPerSecond(workload_, clock_, model_.routes[r], t);
        peak = std::max(peak, lambda);
      }
      model_.pools[p].servers =
          core::serversNeeded({peak, service.serviceTime.seconds, service.serviceTimeCv,
                               service.targetPercentile, service.targetResponse.seconds, 0.0,
                               scenario_.planning.utilisationTarget})
              .servers;
    }
  }

  const Nation& nation_;
  const Scenario& scenario_;
  const core::Workload& workload_;
  const core::NetworkIndex& index_;
  const core::Design& design_;
  const WindowOptions& options_;
  WindowClock clock_;
  WindowModel model_;
  std::map<Vertex, size_t> ixStageOf_;
};

}  // namespace

WindowModel buildWindowModel(const core::Workload& workload, const core::NetworkIndex& index,
                             const core::Design& design, const WindowOptions& options,
                             const WindowClock& clock) {
  return WindowModelBuilder(workload, index, design, options, clock).build();
}

}  // namespace tsunagu::des::detail
