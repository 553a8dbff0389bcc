#include "sim/des/engine/window_simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>

#include "models/queueing/queueing.hpp"
#include "sim/analytic/state_loads.hpp"
#include "sim/des/core/event_scheduler.hpp"
#include "sim/des/pool/server_pool.hpp"
#include "sim/des/simgrid/flow_network.hpp"

namespace tsunagu::des {

const char* failureReasonName(FailureReason reason) {
  static const char* names[] = {"timeout", "no-route", "link-failure"};
  return names[static_cast<int>(reason)];
}

std::uint64_t ServiceOutcome::failedTotal() const {
  std::uint64_t total = 0;
  for (auto n : failed) total += n;
  return total;
}

namespace {

// How clients behave [E]: give up on an attempt after a timeout (30 s at the front desk, or
// twice the service's response target when that is longer, e.g. for claims), retry twice with
// doubling back-off, then report the transaction as failed.
struct ClientPolicy {
  double minimumTimeoutSeconds = 30;
  int retries = 2;
  double backoffSeconds = 2;

  double timeoutFor(const ServiceSpec& service) const {
    return std::max(minimumTimeoutSeconds, 2 * service.targetResponse.seconds);
  }
};

constexpr int kDirectFlow = -2;

struct Route {
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
  bool routed = true;
};

struct Transaction {
  size_t logical = 0;  // the arrival process (an unfailed route)
  size_t route = 0;    // the route the current attempt takes
  double born = 0;
  int attempt = 0;
  bool measured = false;
  bool finished = false;
  std::uint64_t attemptId = 0;
};

// A line on stderr, rewritten about once a second, for people watching a long run.
class Progress {
 public:
  Progress(bool enabled, double from, double to) : enabled_(enabled), from_(from), to_(to) {}

  void update(double simulated, std::uint64_t events) {
    if (!enabled_ || ++calls_ % 65536 != 0) return;
    auto now = std::chrono::steady_clock::now();
    double wall = std::chrono::duration<double>(now - started_).count();
    if (wall - lastPrint_ < 1.0) return;
    lastPrint_ = wall;
    double done = std::clamp((simulated - from_) / (to_ - from_), 0.0, 1.0);
    double eta = done > 0 ? wall * (1 - done) / done : 0;
    int hours = int(std::max(0.0, simulated - from_) / 3600);
    std::fprintf(stderr,
                 "\r  simulated %3d h %02d min | wall %5.0f s | ETA %5.0f s | %8.0f events/s ",
                 hours, int(std::fmod(std::max(0.0, simulated - from_), 3600.0) / 60), wall, eta,
                 double(events) / wall);
  }
  void done() {
    if (enabled_ && lastPrint_ > 0) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  double from_, to_;
  std::uint64_t calls_ = 0;
  double lastPrint_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

class WindowSimulation {
 public:
  WindowSimulation(const Nation& nation, const WindowOptions& options)
      : nation_(nation),
        scenario_(nation.scenario()),
        options_(options),
        entries_(analytic::demandEntries(scenario_)),
        index_(nation, entries_),
        daily_(nation, entries_),
        start_(options.first.plusDays(-int(std::ceil(options.warmUpSeconds / 86400.0)))) {}

  WindowResult run() {
    auto wallStart = std::chrono::steady_clock::now();
    setUp();
    double end = toTime(options_.first.plusDays(options_.days));
    for (size_t r = 0; r < logicalRoutes_; ++r) scheduleNextArrival(r);
    // Measurement starts with the window: what the warm-up carried is not counted.
    scheduler_.at(toTime(options_.first), [this] {
      std::fill(linkBytes_.begin(), linkBytes_.end(), std::array<double, 2>{0.0, 0.0});
    });
    scheduleSample(toTime(options_.first));
    Progress progress(options_.progress, toTime(options_.first), end);
    while (!scheduler_.empty() && scheduler_.nextTime() <= end) {
      double next = scheduler_.nextTime();
      if (flows_->flowsInFlight() > 0) next = advanceFlows(next);
      scheduler_.runUntil(next);
      progress.update(next, scheduler_.processed());
    }
    progress.done();
    return finish(wallStart);
  }

 private:
  double toTime(Date day) const { return double(day - start_) * 86400.0; }
  Date dayAt(double t) const { return start_.plusDays(int(t / 86400.0)); }
  int hourAt(double t) const { return int(std::fmod(t, 86400.0) / 3600.0); }
  bool measured(double t) const { return t >= toTime(options_.first); }

  double rateAt(const Route& route, double t) {
    Date day = dayAt(t);
    auto it = dailyCache_.find(day);
    if (it == dailyCache_.end()) {
      std::vector<double> perEntry;
      daily_.on(day, perEntry);
      it = dailyCache_.emplace(day, perEntry).first;
    }
    return it->second[route.entry] * (*entries_[route.entry].hours)[hourAt(t)] * route.share /
           3600.0;
  }

  struct Failure {
    const FailureSpec* spec = nullptr;
    double start = 0, end = 0;  // engine time
    std::set<size_t> links;     // tracked links it takes down
    std::set<Vertex> nodes;
    std::map<size_t, int> reroute;  // logical route -> route in the outage, or -1
  };

  void setUp();
  size_t serviceIndex(const std::string& id) const;
  Route makeRoute(const analytic::StateLoads::OriginRoute& origin, std::vector<FlowPath>& paths);
  void prepareFailures(Date end, std::vector<FlowPath>& paths);
  bool crosses(const Route& route, const Failure& failure) const;
  void startFailure(size_t f);
  void endFailure(size_t f);
  void setUpPools();
  void scheduleNextArrival(size_t r);
  void arrive(size_t r);
  void startAttempt(std::shared_ptr<Transaction> tx);
  void startFlow(std::shared_ptr<Transaction> tx);
  void sendMessage(size_t path, const Route& route, double bytes, EventScheduler::Action then);
  double advanceFlows(double next);
  double transferSeconds(const Route& route, double bytes, bool request);
  void respond(std::shared_ptr<Transaction> tx, std::uint64_t attemptId);
  void timeOut(std::shared_ptr<Transaction> tx, std::uint64_t attemptId);
  void complete(Transaction& tx);
  void fail(Transaction& tx, FailureReason reason);
  void scheduleSample(double t);
  WindowResult finish(std::chrono::steady_clock::time_point wallStart);

  const Nation& nation_;
  const Scenario& scenario_;
  WindowOptions options_;
  std::vector<analytic::DemandEntry> entries_;
  analytic::PlanIndex index_;
  analytic::DailyVolumes daily_;
  Date start_;
  EventScheduler scheduler_;
  std::unique_ptr<FlowNetwork> flows_;
  std::vector<std::unique_ptr<ServerPool>> pools_;
  std::vector<std::string> poolNames_;
  std::vector<Route> routes_;  // the unfailed routes first, then those of failures
  size_t logicalRoutes_ = 0;
  std::vector<int> current_;  // per unfailed route: the route in use, or -1 (none)
  std::vector<std::unordered_set<Transaction*>> active_;  // attempts under way, per route
  std::vector<Failure> failures_;
  std::vector<RandomStream> arrivalStreams_, sizeStreams_;
  std::vector<ServiceOutcome> outcomes_;
  std::vector<std::array<double, 2>> linkBytes_;  // transaction bytes this step, per direction
  std::vector<PoolSeries> poolSeries_;
  std::vector<std::vector<float>> linkSeries_;
  std::map<Date, std::vector<double>> dailyCache_;
  std::uint64_t nextAttemptId_ = 0;
  ClientPolicy client_;
};

size_t WindowSimulation::serviceIndex(const std::string& id) const {
  return size_t(std::find(scenario_.services.begin(), scenario_.services.end(), id) -
                scenario_.services.begin());
}

// A route of the engine from one the state builder found; bulk routes get a SimGrid path.
Route WindowSimulation::makeRoute(const analytic::StateLoads::OriginRoute& origin,
                                  std::vector<FlowPath>& paths) {
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
  for (Edge link : origin.path) {
    bool along = boost::source(link, g) == at;
    route.hops.push_back({index_.linkOf.at(g[link].id), along});
    at = along ? boost::target(link, g) : boost::source(link, g);
  }
  ServicePattern pattern = entries_[origin.entry].service->pattern;
  bool flow = pattern == ServicePattern::Bulk || pattern == ServicePattern::Stream;
  if (flow && !route.hops.empty()) {
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

void WindowSimulation::setUp() {
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
  std::vector<FlowPath> paths;
  for (const auto& origin : state.originRoutes) routes_.push_back(makeRoute(origin, paths));
  for (size_t e = 0; e < entries_.size(); ++e) {
    if (state.unroutedShare[e] <= 0) continue;
    Route lost;
    lost.entry = e;
    lost.service = serviceIndex(entries_[e].service->id);
    lost.share = state.unroutedShare[e];
    lost.routed = false;
    routes_.push_back(lost);
  }
  logicalRoutes_ = routes_.size();
  for (size_t r = 0; r < logicalRoutes_; ++r) current_.push_back(int(r));
  prepareFailures(end, paths);
  active_.resize(routes_.size());
  flows_ = std::make_unique<FlowNetwork>(links, paths);
  setUpPools();
  for (size_t r = 0; r < logicalRoutes_; ++r) {
    arrivalStreams_.emplace_back(options_.seed, 2 * r);
    sizeStreams_.emplace_back(options_.seed, 2 * r + 1);
  }
  for (size_t f = 0; f < failures_.size(); ++f) {
    scheduler_.at(failures_[f].start, [this, f] { startFailure(f); });
    scheduler_.at(failures_[f].end, [this, f] { endFailure(f); });
  }
}

// For each failure of the scenario within the window: what it takes out, and the routes the
// network has left (Boost Graph re-routing), as extra routes the arrivals switch to.
void WindowSimulation::prepareFailures(Date end, std::vector<FlowPath>& paths) {
  const NationGraph& g = nation_.graph();
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
    Exclusions excluded;
    Vertex a{}, b{};
    if (spec.target == FailureSpec::Target::Node) {
      nation_.find(spec.element, a);
      excluded.nodes.insert(a);
      failure.nodes.insert(a);
    } else {
      nation_.find(spec.from, a);
      nation_.find(spec.to, b);
    }
    for (size_t l = 0; l < index_.links.size(); ++l) {
      Vertex s = boost::source(index_.links[l], g), t = boost::target(index_.links[l], g);
      bool hit = spec.target == FailureSpec::Target::Node
                     ? (s == a || t == a)
                     : ((s == a && t == b) || (s == b && t == a));
      if (!hit) continue;
      failure.links.insert(l);
      excluded.links.insert(g[index_.links[l]].id);
    }
    analytic::StateLoads degraded =
        analytic::buildStateLoads(nation_, index_, entries_, options_.first, end, true, &excluded);
    std::map<std::pair<size_t, size_t>, int> alternative;
    for (const auto& origin : degraded.originRoutes) {
      alternative[{origin.origin, origin.entry}] = int(routes_.size());
      routes_.push_back(makeRoute(origin, paths));
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
  if (failure.spec->target == FailureSpec::Target::Pool) {
    for (size_t p = 0; p < pools_.size(); ++p)
      if (poolNames_[p] == failure.spec->element) pools_[p]->setServers(poolSeries_[p].servers);
    return;
  }
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  for (size_t l : failure.links) flows_->setLinkUp(l, true);
  for (auto [r, alternative] : failure.reroute) current_[r] = int(r);
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
        RandomStream(options_.seed, (std::uint64_t(1) << 40) + p)));
    poolSeries_.push_back({poolNames_[p], servers, {}, {}});
  }
}

// Poisson arrivals whose rate is constant within each hour: draw with this hour's rate, and
// draw again at the hour's end if the next arrival would fall after it (memorylessness).
void WindowSimulation::scheduleNextArrival(size_t r) {
  double now = scheduler_.now();
  double hourEnd = (std::floor(now / 3600.0) + 1) * 3600.0;
  double rate = rateAt(routes_[r], now);
  double next = rate > 0 ? now + arrivalStreams_[r].exponential(1 / rate) : hourEnd;
  if (next >= hourEnd) {
    scheduler_.at(hourEnd, [this, r] { scheduleNextArrival(r); });
    return;
  }
  scheduler_.at(next, [this, r] {
    arrive(r);
    scheduleNextArrival(r);
  });
}

void WindowSimulation::arrive(size_t r) {
  auto tx = std::make_shared<Transaction>();
  tx->logical = r;
  tx->route = r;
  tx->born = scheduler_.now();
  tx->measured = measured(tx->born);
  if (tx->measured) {
    ++outcomes_[routes_[r].service].generated;
    ++outcomes_[routes_[r].service].inFlight;
  }
  if (!routes_[r].routed || current_[r] < 0) return fail(*tx, FailureReason::NoRoute);
  tx->route = size_t(current_[r]);
  if (routes_[tx->route].flowPath != -1) return startFlow(tx);
  startAttempt(tx);
}

// A transaction gets what the bulk flows leave on each link of its route, but at least the
// fair share it would win against them (TCP shares a link per connection); the sender's line
// bounds it too.
double WindowSimulation::transferSeconds(const Route& route, double bytes, bool request) {
  double available = route.accessBytesPerSecond > 0 ? route.accessBytesPerSecond : 1e15;
  for (const auto& hop : route.hops) {
    bool direction = request ? hop.forward : !hop.forward;
    double capacity = flows_->capacityBytesPerSecond(hop.link);
    double left = capacity - flows_->usage(hop.link, direction);
    double fairShare = capacity / (flows_->flowsOn(hop.link, direction) + 1);
    available = std::min(available, std::max(left, fairShare));
    linkBytes_[hop.link][direction ? 0 : 1] += bytes;
  }
  return bytes / available;
}

void WindowSimulation::startAttempt(std::shared_ptr<Transaction> tx) {
  if (current_[tx->logical] < 0) return fail(*tx, FailureReason::NoRoute);  // a retry in an outage
  active_[tx->route].erase(tx.get());
  tx->route = size_t(current_[tx->logical]);
  active_[tx->route].insert(tx.get());
  const Route& route = routes_[tx->route];
  const auto& entry = entries_[route.entry];
  std::uint64_t attemptId = ++nextAttemptId_;
  tx->attemptId = attemptId;
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  double requestBytes =
      drawByCv(sizeStreams_[tx->logical], entry.requestBytes, entry.service->sizeCv);
  scheduler_.after(client_.timeoutFor(*entry.service),
                   [this, tx, attemptId] { timeOut(tx, attemptId); });
  auto atPool = [this, tx, attemptId] {
    pools_[size_t(routes_[tx->route].pool)]->submit(
        [this, tx, attemptId](double, double) { respond(tx, attemptId); });
  };
  if (route.requestPath >= 0)
    return sendMessage(size_t(route.requestPath), route, requestBytes, std::move(atPool));
  scheduler_.after(route.latency + transferSeconds(route, requestBytes, true), std::move(atPool));
}

// SimGrid 3.32 reports a maestro comm's end only when the run it finished in returns (measured:
// at the engine's next event). Bulk flows live long and the national event stream is dense, so
// that is close enough there; the reference path's short messages need the flows stepped in
// fine increments to see their ends on time.
double WindowSimulation::advanceFlows(double next) {
  if (options_.messagesAsComms) {
    constexpr double kStep = 1e-4;
    double t = flows_->now();
    while (flows_->flowsInFlight() > 0 && t + kStep < next) {
      t += kStep;
      flows_->runUntil(t);
      if (scheduler_.nextTime() < next) return scheduler_.nextTime();  // an end scheduled something
    }
  }
  flows_->runUntil(next);
  return std::min(next, scheduler_.nextTime());
}

// The reference path: the message is a SimGrid comm on the route's links; its propagation
// latency and the sender's line are added as in the fast path.
void WindowSimulation::sendMessage(size_t path, const Route& route, double bytes,
                                   EventScheduler::Action then) {
  double extra =
      route.latency + (route.accessBytesPerSecond > 0 ? bytes / route.accessBytesPerSecond : 0.0);
  flows_->runUntil(scheduler_.now());
  flows_->startFlow(path, bytes,
                    [this, extra, then = std::move(then)](FlowEnd, double time) mutable {
                      scheduler_.at(std::max(time, scheduler_.now()) + extra, std::move(then));
                    });
}

void WindowSimulation::respond(std::shared_ptr<Transaction> tx, std::uint64_t attemptId) {
  const Route& route = routes_[tx->route];
  const auto& entry = entries_[route.entry];
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  double responseBytes =
      drawByCv(sizeStreams_[tx->logical], entry.responseBytes, entry.service->sizeCv);
  auto answered = [this, tx, attemptId] {
    if (tx->finished || tx->attemptId != attemptId) return;  // the client gave up on this attempt
    complete(*tx);
  };
  if (route.responsePath >= 0)
    return sendMessage(size_t(route.responsePath), route, responseBytes, std::move(answered));
  scheduler_.after(route.latency + transferSeconds(route, responseBytes, false),
                   std::move(answered));
}

void WindowSimulation::timeOut(std::shared_ptr<Transaction> tx, std::uint64_t attemptId) {
  if (tx->finished || tx->attemptId != attemptId) return;
  ServiceOutcome& outcome = outcomes_[routes_[tx->route].service];
  if (tx->measured) ++outcome.timeouts;
  if (tx->attempt >= client_.retries) return fail(*tx, FailureReason::Timeout);
  if (tx->measured) ++outcome.retries;
  tx->attemptId = 0;  // nothing answers the abandoned attempt
  double backoff = client_.backoffSeconds * std::pow(2.0, tx->attempt);
  ++tx->attempt;
  scheduler_.after(backoff, [this, tx] { startAttempt(tx); });
}

void WindowSimulation::startFlow(std::shared_ptr<Transaction> tx) {
  const Route& route = routes_[tx->route];
  const auto& entry = entries_[route.entry];
  double bytes = drawByCv(sizeStreams_[tx->logical], entry.requestBytes, entry.service->sizeCv);
  flows_->runUntil(scheduler_.now());
  double latency = route.latency;
  if (route.flowPath == kDirectFlow) {  // only the sender's own line: nothing to share
    double rate = route.accessBytesPerSecond > 0 ? route.accessBytesPerSecond : 1e15;
    scheduler_.after(latency + bytes / rate, [this, tx] { complete(*tx); });
    return;
  }
  flows_->startFlow(size_t(route.flowPath), bytes, [this, tx, latency](FlowEnd end, double time) {
    scheduler_.at(std::max(time, scheduler_.now()) + (end == FlowEnd::Finished ? latency : 0.0),
                  [this, tx, end] {
                    if (end == FlowEnd::Finished)
                      complete(*tx);
                    else
                      fail(*tx, FailureReason::LinkFailure);
                  });
  });
}

void WindowSimulation::complete(Transaction& tx) {
  tx.finished = true;
  active_[tx.route].erase(&tx);
  if (!tx.measured) return;
  ServiceOutcome& outcome = outcomes_[routes_[tx.route].service];
  ++outcome.completed;
  --outcome.inFlight;
  outcome.latency.add(scheduler_.now() - tx.born);
  // Claims of a month must be processed by 24:00 on the 10th [S].
  if (entries_[routes_[tx.route].entry].service->dayProfile == DayProfile::ClaimsWindow) {
    Date submitted = dayAt(tx.born);
    Date deadline = Date::fromYmd(submitted.year(), submitted.month(), 11);
    if (scheduler_.now() > toTime(deadline)) ++outcome.missedDeadline;
  }
}

void WindowSimulation::fail(Transaction& tx, FailureReason reason) {
  tx.finished = true;
  active_[tx.route].erase(&tx);
  if (!tx.measured) return;
  ServiceOutcome& outcome = outcomes_[routes_[tx.route].service];
  ++outcome.failed[static_cast<int>(reason)];
  --outcome.inFlight;
  double at = scheduler_.now() - toTime(options_.first);
  outcome.firstFailure = std::min(outcome.firstFailure, at);
  outcome.lastFailure = std::max(outcome.lastFailure, at);
}

void WindowSimulation::scheduleSample(double t) {
  scheduler_.at(t + options_.stepSeconds, [this, t] {
    for (size_t p = 0; p < pools_.size(); ++p) {
      poolSeries_[p].queueLength.push_back(float(pools_[p]->queueLength()));
      poolSeries_[p].busyServers.push_back(float(pools_[p]->busy()));
    }
    if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
    for (size_t l = 0; l < linkBytes_.size(); ++l) {
      double capacity = flows_->capacityBytesPerSecond(l);
      double busier = 0;
      for (int d = 0; d < 2; ++d)
        busier = std::max(
            busier, linkBytes_[l][size_t(d)] / options_.stepSeconds + flows_->usage(l, d == 0));
      linkSeries_[l].push_back(float(busier / capacity));
      linkBytes_[l] = {0.0, 0.0};
    }
    if (t + 2 * options_.stepSeconds <= toTime(options_.first.plusDays(options_.days)) + 1e-9)
      scheduleSample(t + options_.stepSeconds);
  });
}

WindowResult WindowSimulation::finish(std::chrono::steady_clock::time_point wallStart) {
  WindowResult result;
  result.first = options_.first;
  result.days = options_.days;
  result.stepSeconds = options_.stepSeconds;
  result.events = scheduler_.processed();
  result.conserved = true;
  for (auto& outcome : outcomes_) {
    result.conserved =
        result.conserved &&
        outcome.generated == outcome.completed + outcome.failedTotal() + outcome.inFlight;
    result.services.push_back(outcome);
  }
  result.pools = poolSeries_;
  const NationGraph& g = nation_.graph();
  for (Edge e : index_.links)
    result.linkNames.push_back(nation_.name(boost::source(e, g)) + " -- " +
                               nation_.name(boost::target(e, g)));
  result.linkUtilisation = linkSeries_;
  result.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  return result;
}

}  // namespace

WindowResult simulateWindow(const Nation& nation, const WindowOptions& options) {
  return WindowSimulation(nation, options).run();
}

}  // namespace tsunagu::des
