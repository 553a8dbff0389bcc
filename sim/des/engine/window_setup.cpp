#include <algorithm>
#include <cmath>

#include "models/queueing/queueing.hpp"
#include "sim/des/engine/window_engine.hpp"

namespace tsunagu::des::detail {

size_t WindowSimulation::serviceIndex(const std::string& id) const {
  return size_t(std::find(scenario_.services.begin(), scenario_.services.end(), id) -
                scenario_.services.begin());
}

// A route of the engine from one the state builder found; bulk routes get a SimGrid path.
Route WindowSimulation::makeRoute(const analytic::StateLoads::OriginRoute& origin,
                                  std::vector<FlowLink>& links, std::vector<FlowPath>& paths) {
  const NationGraph& g = nation_.graph();
  Route route;
  route.origin = origin.origin;
  route.entry = origin.entry;
  route.service = serviceIndex(entries_[origin.entry].service->id);
  route.attachment = origin.attachment;
  route.host = origin.host;
  route.share = origin.share;
  route.latency = origin.latencySeconds;
  route.accessBytesPerSecond = origin.accessBitsPerSecond / 8.0;
  Vertex at = origin.attachment;
  auto processAt = [&](Vertex v) {
    if (g[v].kind != NodeKind::Ix || scenario_.network.ixProcessingTime.seconds <= 0) return;
    auto [it, added] = ixStageOf_.emplace(v, ixStageOf_.size());
    route.ixStages.push_back(it->second);
  };
  processAt(at);
  for (Edge link : origin.path) {
    bool along = boost::source(link, g) == at;
    route.hops.push_back({index_.linkOf.at(g[link].id), along});
    at = along ? boost::target(link, g) : boost::source(link, g);
    processAt(at);
  }
  ServicePattern pattern = entries_[origin.entry].service->pattern;
  bool flow = pattern == ServicePattern::Bulk || pattern == ServicePattern::Stream;
  if (pattern == ServicePattern::Stream && !route.hops.empty()) {
    const ServiceSpec& service = *entries_[route.entry].service;
    double rateBits =
        entries_[route.entry].requestBytes * 8 / std::max(service.serviceTime.seconds, 1e-9);
    addCappedPaths(route, rateBits, "stream-rate-", links, paths);
  } else if (flow && !route.hops.empty()) {
    route.flowPath = int(paths.size());
    paths.push_back({route.hops});
  } else if (flow) {
    route.flowPath = kDirectFlow;  // straight from the facility's line to its hub
  }
  if (options_.messagesAsComms && !flow && !route.hops.empty()) {
    route.requestPath = int(paths.size());
    paths.push_back({route.hops});
    FlowPath back;
    for (auto hop = route.hops.rbegin(); hop != route.hops.rend(); ++hop)
      back.hops.push_back({hop->link, !hop->forward});
    route.responsePath = int(paths.size());
    paths.push_back(back);
  }
  return route;
}

// A stream runs at its own bit rate (bytes per session / session length, e.g. 36 GB in an hour
// = 80 Mb/s for 8K video): each of a few paths per route ends in a private link of that
// capacity, and sessions take them in turn, so concurrent sessions do not share one cap.
// (SimGrid 3.32's Comm::set_rate does not bound host-to-host comms.)
void WindowSimulation::addCappedPaths(Route& route, double capBitsPerSecond,
                                      const std::string& name, std::vector<FlowLink>& links,
                                      std::vector<FlowPath>& paths) {
  constexpr int kPathsPerRoute = 4;
  route.flowPath = int(paths.size());
  for (int k = 0; k < kPathsPerRoute; ++k) {
    FlowPath path{route.hops};
    path.hops.push_back({links.size(), true});
    links.push_back({name + std::to_string(paths.size()), capBitsPerSecond});
    route.cappedPaths.push_back(int(paths.size()));
    paths.push_back(path);
  }
}

void WindowSimulation::setUp(bool withFlows) {
  Date end = options_.first.plusDays(options_.days);
  analytic::StateLoads state =
      analytic::buildStateLoads(nation_, index_, entries_, options_.first, end, true);
  const NationGraph& g = nation_.graph();
  std::vector<FlowLink> links;
  for (Edge e : index_.links)
    links.push_back({nation_.name(boost::source(e, g)) + " -- " + nation_.name(boost::target(e, g)),
                     g[e].capacity.bitsPerSecond});
  linkBytes_.assign(links.size(), {0.0, 0.0});
  linkSeries_.assign(links.size(), {});
  for (const auto& id : scenario_.services) outcomes_.push_back({id});
  unfinished_.resize(outcomes_.size());
  std::vector<FlowPath> paths;
  for (const auto& origin : state.originRoutes) {
    routeOf_[{origin.origin, origin.entry}] = routes_.size();
    routes_.push_back(makeRoute(origin, links, paths));
  }
  facilities_ = index_.facilities;
  for (size_t i = 0; i < facilities_.size(); ++i)
    if (state.facilityOrigin[i] >= 0) originOf_[facilities_[i]] = size_t(state.facilityOrigin[i]);
  for (auto [entry, origin] : state.dataCenterOrigin) {
    Vertex dc{};
    if (nation_.find(entries_[entry].volume->origin, dc)) originOf_[dc] = origin;
  }
  for (size_t e = 0; e < entries_.size(); ++e) {
    if (state.unroutedShare[e] <= 0) continue;
    Route lost;
    lost.entry = e;
    lost.service = serviceIndex(entries_[e].service->id);
    lost.share = state.unroutedShare[e];
    lost.routed = false;
    unroutedOf_[e] = routes_.size();
    routes_.push_back(lost);
  }
  logicalRoutes_ = routes_.size();
  for (size_t r = 0; r < logicalRoutes_; ++r) current_.push_back(int(r));
  prepareFailures(end, links, paths);
  active_.resize(routes_.size());
  if (withFlows) flows_ = std::make_unique<FlowNetwork>(links, paths);  // SimGrid: once a process
  setUpPools();
  for (size_t i = 0; i < ixStageOf_.size(); ++i)
    ixPools_.push_back(std::make_unique<ServerPool>(
        scheduler_, scenario_.network.ixProcessors, scenario_.network.ixProcessingTime.seconds, 1.0,
        RandomStream(options_.seed, kEngineStreams / 4 + i)));
  for (size_t r = 0; r < logicalRoutes_; ++r) {
    // Stream ids far from those of the facility draws (models/core/random.hpp), so the two never
    // share a key.
    arrivalStreams_.emplace_back(options_.seed, kEngineStreams + 2 * r);
    sizeStreams_.emplace_back(options_.seed, kEngineStreams + 2 * r + 1);
  }
  for (size_t f = 0; f < failures_.size(); ++f) {
    scheduler_.at(failures_[f].start, [this, f] { startFailure(f); });
    scheduler_.at(failures_[f].end, [this, f] { endFailure(f); });
  }
}

// For each failure of the scenario within the window: what it takes out, and the routes the
// network has left (Boost Graph re-routing), as extra routes the arrivals switch to.
void WindowSimulation::prepareFailures(Date end, std::vector<FlowLink>& links,
                                       std::vector<FlowPath>& paths) {
  for (const auto& spec : scenario_.failures) {
    Failure failure;
    failure.spec = &spec;
    failure.start = toTime(spec.date) + spec.startSeconds;
    failure.end = failure.start + spec.duration.seconds;
    if (failure.end <= 0 || failure.start >= toTime(end)) continue;
    failure.start = std::max(failure.start, 0.0);
    if (spec.target == FailureSpec::Target::Pool) {
      failures_.push_back(failure);
      continue;
    }
    analytic::FailedElements failed = analytic::failedElements(nation_, index_, spec);
    failure.nodes = failed.excluded.nodes;
    failure.links = failed.trackedLinks;
    analytic::StateLoads degraded = analytic::buildStateLoads(
        nation_, index_, entries_, options_.first, end, true, &failed.excluded);
    std::map<std::pair<size_t, size_t>, int> alternative;
    for (const auto& origin : degraded.originRoutes) {
      alternative[{origin.origin, origin.entry}] = int(routes_.size());
      routes_.push_back(makeRoute(origin, links, paths));
    }
    for (size_t r = 0; r < logicalRoutes_; ++r) {
      if (!routes_[r].routed || !crosses(routes_[r], failure)) continue;
      auto it = alternative.find({routes_[r].origin, routes_[r].entry});
      failure.reroute[r] = it == alternative.end() ? -1 : it->second;
    }
    failures_.push_back(failure);
  }
}

bool WindowSimulation::crosses(const Route& route, const Failure& failure) const {
  if (failure.nodes.count(route.attachment) || failure.nodes.count(route.host)) return true;
  for (const auto& hop : route.hops)
    if (failure.links.count(hop.link)) return true;
  return false;
}

void WindowSimulation::startFailure(size_t f) {
  Failure& failure = failures_[f];
  activeFailures_.insert(f);
  if (failure.spec->target == FailureSpec::Target::Pool) {
    for (size_t p = 0; p < pools_.size(); ++p)
      if (poolNames_[p] == failure.spec->element)
        pools_[p]->setServers(
            int(std::lround(poolSeries_[p].servers * (1 - failure.spec->serversLost))));
    return;
  }
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  for (size_t l : failure.links) flows_->setLinkUp(l, false);
  for (auto [r, alternative] : failure.reroute) {
    current_[r] = alternative;
    std::vector<Transaction*> caught(active_[r].begin(), active_[r].end());
    for (Transaction* tx : caught) fail(*tx, FailureReason::LinkFailure);
  }
}

void WindowSimulation::endFailure(size_t f) {
  Failure& failure = failures_[f];
  activeFailures_.erase(f);
  if (failure.spec->target == FailureSpec::Target::Pool) {
    for (size_t p = 0; p < pools_.size(); ++p)
      if (poolNames_[p] == failure.spec->element) pools_[p]->setServers(poolSeries_[p].servers);
    return;
  }
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  std::set<size_t> stillDown;
  for (size_t g : activeFailures_)
    stillDown.insert(failures_[g].links.begin(), failures_[g].links.end());
  for (size_t l : failure.links)
    if (!stillDown.count(l)) flows_->setLinkUp(l, true);
  // A route comes back only if no other failure under way still takes it.
  for (auto [r, alternative] : failure.reroute) {
    current_[r] = int(r);
    for (size_t g : activeFailures_)
      if (auto it = failures_[g].reroute.find(r); it != failures_[g].reroute.end())
        current_[r] = it->second;
  }
}

// One pool per (service, host), with the configured servers or as many as the window's busiest
// hour needs for the service's target.
void WindowSimulation::setUpPools() {
  std::map<std::pair<std::string, Vertex>, int> poolOf;
  std::vector<std::vector<size_t>> routesOfPool;
  for (size_t r = 0; r < routes_.size(); ++r) {
    const ServiceSpec& service = *entries_[routes_[r].entry].service;
    bool queued =
        service.pattern == ServicePattern::Transaction || service.pattern == ServicePattern::Batch;
    if (!queued || !routes_[r].routed) continue;
    auto [it, added] =
        poolOf.emplace(std::make_pair(service.id, routes_[r].host), int(poolOf.size()));
    if (added) {
      routesOfPool.emplace_back();
      poolNames_.push_back(service.id + "@" + nation_.name(routes_[r].host));
    }
    routes_[r].pool = it->second;
    routesOfPool[size_t(it->second)].push_back(r);
  }
  for (size_t p = 0; p < routesOfPool.size(); ++p) {
    const ServiceSpec& service = *entries_[routes_[routesOfPool[p].front()].entry].service;
    // Sized for its own traffic; a pool that only fail-over reaches, for what would move there.
    bool ownTraffic = std::any_of(routesOfPool[p].begin(), routesOfPool[p].end(),
                                  [&](size_t r) { return r < logicalRoutes_; });
    double peak = 0;
    for (double t = toTime(options_.first); t < toTime(options_.first.plusDays(options_.days));
         t += 3600) {
      double lambda = 0;
      for (size_t r : routesOfPool[p])
        if ((r < logicalRoutes_) == ownTraffic) lambda += rateAt(routes_[r], t);
      peak = std::max(peak, lambda);
    }
    int servers = 1;
    auto configured = scenario_.planning.servers.find(service.id);
    if (configured != scenario_.planning.servers.end()) {
      servers = configured->second;
    } else if (peak > 0) {
      double s = service.serviceTime.seconds;
      int byUtilisation = int(std::ceil(peak * s / scenario_.planning.utilisationTarget));
      int sized =
          service.targetPercentile > 0
              ? queueing::serversNeeded(peak, s, service.serviceTimeCv, service.targetPercentile,
                                        service.targetResponse.seconds)
              : -1;
      servers = std::max({1, sized, byUtilisation});  // the planner's rule
    }
    pools_.push_back(std::make_unique<ServerPool>(
        scheduler_, servers, service.serviceTime.seconds, service.serviceTimeCv,
        RandomStream(options_.seed, kEngineStreams / 2 + p)));
    poolSeries_.push_back({poolNames_[p], servers, {}, {}});
  }
}

}  // namespace tsunagu::des::detail
