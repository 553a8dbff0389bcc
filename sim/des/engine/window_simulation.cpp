#include "sim/des/engine/window_simulation.hpp"

#include <algorithm>
#include <cmath>

#include "sim/des/engine/progress.hpp"
#include "sim/des/engine/window_engine.hpp"

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

namespace detail {

namespace {

// Engine time 0 is the start of the day the warm-up begins in.
Date engineStart(const WindowOptions& options) {
  return options.first.plusDays(
      -int(std::ceil(std::max(0.0, options.warmUpSeconds - options.fromSeconds) / 86400.0)));
}

}  // namespace

WindowSimulation::WindowSimulation(const core::Workload& workload, const core::Design& design,
                                   const WindowOptions& options)
    : nation_(workload.nation()),
      scenario_(nation_.scenario()),
      workload_(workload),
      design_(design),
      options_(options),
      index_(nation_, workload),
      clock_{engineStart(options)},
      model_(buildWindowModel(workload, index_, design, options_, clock_)) {
  linkBytes_.assign(model_.linkNames.size(), {0.0, 0.0});
  for (size_t r = 0; r < model_.logicalRoutes; ++r) {
    current_.push_back(int(r));
    // Keyed by what the route is, never by its position (common random numbers).
    arrivalStreams_.emplace_back(options_.seed,
                                 core::streamKey("arrivals", model_.routes[r].identity));
    sizeStreams_.emplace_back(options_.seed, core::streamKey("sizes", model_.routes[r].identity));
    facilityStreams_.emplace_back(options_.seed,
                                  core::streamKey("facility", model_.routes[r].identity));
  }
  members_.resize(model_.logicalRoutes);
  active_.resize(model_.routes.size());
  nextCapped_.assign(model_.routes.size(), 0);
}

// SimGrid (once a process), the pools and IX stages, the failures' start and end.
void WindowSimulation::startEngine() {
  flows_ = std::make_unique<FlowNetwork>(model_.links, model_.paths,
                                         scenario_.network.transport.defaults.rttAwareSharing);
  startNetwork();
  for (const PoolSpec& pool : model_.pools)
    pools_.push_back(std::make_unique<ServerPool>(
        scheduler_, pool.servers, pool.serviceSeconds, pool.serviceCv,
        core::RandomStream(options_.seed, core::streamKey("pool", pool.name))));
  for (const std::string& ix : model_.ixStages)
    ixPools_.push_back(std::make_unique<ServerPool>(
        scheduler_, scenario_.network.ixProcessors, scenario_.network.ixProcessingTime.seconds, 1.0,
        core::RandomStream(options_.seed, core::streamKey("ix", ix))));
  for (size_t f = 0; f < model_.failures.size(); ++f) {
    scheduler_.at(model_.failures[f].start, [this, f] { startFailure(f); });
    scheduler_.at(model_.failures[f].end, [this, f] { endFailure(f); });
  }
  std::vector<PoolSeries> series;
  for (const PoolSpec& pool : model_.pools) series.push_back({pool.name, pool.servers, {}, {}});
  recorder_ = std::make_unique<OutcomeRecorder>(scenario_.services, series, model_.linkNames.size(),
                                                toTime(options_.first));
  observers_.insert(observers_.begin(), recorder_.get());
  std::vector<std::string> routes;
  for (const EngineRoute& route : model_.routes)
    routes.push_back(route.routed ? route.identity + " -> " + nation_.name(route.host)
                                  : route.identity);
  for (auto* observer : observers_) observer->begun(toTime(options_.first), routes);
}

WindowResult WindowSimulation::run(const std::vector<WindowObserver*>& observers) {
  auto wallStart = std::chrono::steady_clock::now();
  observers_ = observers;
  startEngine();
  double end = windowEnd();
  if (options_.trace)
    scheduleTrace();
  else
    scheduler_.at(std::max(0.0, windowStart() - options_.warmUpSeconds), [this] {
      for (size_t r = 0; r < model_.logicalRoutes; ++r) scheduleNextArrival(r);
    });
  // Measurement starts with the window: what the warm-up carried is not counted.
  scheduler_.at(windowStart(), [this] {
    std::fill(linkBytes_.begin(), linkBytes_.end(), std::array<double, 2>{0.0, 0.0});
  });
  scheduleSample(windowStart());
  scheduleQueueSample(std::max(0.0, windowStart() - options_.warmUpSeconds));
  Progress progress(options_.progress, windowStart(), end);
  while (!scheduler_.empty() && scheduler_.nextTime() <= end) {
    double next = scheduler_.nextTime();
    if (flows_->flowsInFlight() > 0) next = advanceFlows(next);
    scheduler_.runUntil(next);
    progress.update(next, scheduler_.processed());
  }
  progress.done();
  return finish(wallStart);
}

void WindowSimulation::startFailure(size_t f) {
  WindowFailure& failure = model_.failures[f];
  activeFailures_.insert(f);
  if (failure.spec->target == FailureSpec::Target::Pool) {
    for (size_t p = 0; p < pools_.size(); ++p)
      if (model_.pools[p].name == failure.spec->element)
        pools_[p]->setServers(
            int(std::lround(model_.pools[p].servers * (1 - failure.spec->serversLost))));
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
  WindowFailure& failure = model_.failures[f];
  activeFailures_.erase(f);
  if (failure.spec->target == FailureSpec::Target::Pool) {
    for (size_t p = 0; p < pools_.size(); ++p)
      if (model_.pools[p].name == failure.spec->element)
        pools_[p]->setServers(model_.pools[p].servers);
    return;
  }
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  std::set<size_t> stillDown;
  for (size_t g : activeFailures_)
    stillDown.insert(model_.failures[g].links.begin(), model_.failures[g].links.end());
  for (size_t l : failure.links)
    if (!stillDown.count(l)) flows_->setLinkUp(l, true);
  // A route comes back only if no other failure under way still takes it.
  for (auto [r, alternative] : failure.reroute) {
    current_[r] = int(r);
    for (size_t g : activeFailures_)
      if (auto it = model_.failures[g].reroute.find(r); it != model_.failures[g].reroute.end())
        current_[r] = it->second;
  }
}

// Poisson arrivals whose rate is constant within each hour: draw with this hour's rate, and
// draw again at the hour's end if the next arrival would fall after it (memorylessness).
void WindowSimulation::scheduleNextArrival(size_t r) {
  double now = scheduler_.now();
  double hourEnd = (std::floor(now / 3600.0) + 1) * 3600.0;
  double rate = arrivalsPerSecond(workload_, clock_, model_.routes[r], now);
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

// The route a trace row takes: its origin's group and the service's entry for the origin's
// kind (or data center); the entry's no-route route when the group has no route for it.
std::optional<size_t> WindowSimulation::routeForTrace(const TraceArrival& row) const {
  auto v = nation_.findAny(row.origin);
  if (!v) return std::nullopt;
  const VertexInfo& info = nation_.graph()[*v];
  for (size_t e = 0; e < workload_.size(); ++e) {
    const core::DemandEntry& entry = workload_.entry(e);
    if (entry.service->id != row.service) continue;
    bool fromHere = entry.kind
                        ? (info.kind == NodeKind::Facility && *entry.kind == info.facilityKind)
                        : entry.volume->origin == row.origin;
    if (!fromHere) continue;
    auto origin = model_.originOf.find(*v);
    if (origin != model_.originOf.end())
      if (auto it = model_.routeOf.find({origin->second, e}); it != model_.routeOf.end())
        return it->second;
    if (auto lost = model_.unroutedOf.find(e); lost != model_.unroutedOf.end()) return lost->second;
  }
  return std::nullopt;
}

// The facilities of a route's origin group that generate its entry (those of the entry's kind
// using the service), weighted by their share of its demand.
std::vector<std::pair<Vertex, double>> WindowSimulation::members(size_t r) const {
  const EngineRoute& route = model_.routes[r];
  const core::DemandEntry& entry = workload_.entry(route.entry);
  if (groupVertices_.empty()) {  // once: each origin group's vertices
    groupVertices_.resize(1);
    for (const auto& [v, origin] : model_.originOf) {
      if (origin >= groupVertices_.size()) groupVertices_.resize(origin + 1);
      groupVertices_[origin].push_back(v);
    }
  }
  static const std::vector<Vertex> none;
  const auto& group = route.origin < groupVertices_.size() ? groupVertices_[route.origin] : none;
  std::vector<std::pair<Vertex, double>> list;
  for (Vertex v : group) {
    const VertexInfo& info = nation_.graph()[v];
    if (info.kind != NodeKind::Facility) {
      list.push_back({v, 1.0});
      continue;
    }
    if (!entry.kind || info.facilityKind != *entry.kind) continue;
    double users = nation_.usersOn(v, entry.service->id, options_.first);
    if (users > 0) list.push_back({v, info.weight * users});
  }
  std::sort(list.begin(), list.end());
  return list;
}

// The window's arrivals as the engine would draw them (Poisson, hour by hour), each given to a
// facility of its group. Arrivals with no route at all are not written: they have no origin.
std::vector<TraceArrival> WindowSimulation::arrivals() {
  std::vector<TraceArrival> rows;
  double first = toTime(options_.first), end = windowEnd();
  for (size_t r = 0; r < model_.logicalRoutes; ++r) {
    const EngineRoute& route = model_.routes[r];
    if (!route.routed) continue;
    auto candidates = members(r);
    if (candidates.empty()) continue;
    std::vector<double> cumulative;
    double total = 0;
    for (const auto& [v, weight] : candidates) cumulative.push_back(total += weight);
    core::RandomStream pick(options_.seed, core::streamKey("pick", route.identity));
    for (double t = windowStart(); t < end;) {
      double hourEnd = (std::floor(t / 3600.0) + 1) * 3600.0,
             rate = arrivalsPerSecond(workload_, clock_, route, t);
      double next = rate > 0 ? t + arrivalStreams_[r].exponential(1 / rate) : hourEnd;
      if (next >= hourEnd) {
        t = hourEnd;
        continue;
      }
      t = next;
      size_t who =
          size_t(std::lower_bound(cumulative.begin(), cumulative.end(), pick.uniform() * total) -
                 cumulative.begin());
      Vertex v = candidates[std::min(who, candidates.size() - 1)].first;
      rows.push_back(
          {t - first, nation_.name(v), workload_.entry(route.entry).service->id, -1, -1});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const TraceArrival& a, const TraceArrival& b) {
    return a.seconds < b.seconds;
  });
  return rows;
}

void WindowSimulation::scheduleTrace() {
  double first = toTime(options_.first);
  for (const TraceArrival& row : *options_.trace) {
    auto route = routeForTrace(row);
    if (route) {
      scheduler_.at(first + row.seconds, [this, r = *route, row = &row] { arrive(r, row); });
      continue;
    }
    // An origin that does not use the service here: counted, and failed for want of a route.
    size_t service =
        size_t(std::find(scenario_.services.begin(), scenario_.services.end(), row.service) -
               scenario_.services.begin());
    if (service >= scenario_.services.size()) continue;
    scheduler_.at(first + row.seconds, [this, service] {
      Transaction tx;
      tx.id = ++nextTransactionId_;
      tx.born = scheduler_.now();
      tx.measured = measured(tx.born);
      TransactionEvent event{tx.id, service, tx.born, tx.born, tx.measured};
      for (auto* observer : observers_) observer->arrived(event, false);
      for (auto* observer : observers_) observer->failed(event, FailureReason::NoRoute);
    });
  }
}

TransactionEvent WindowSimulation::eventOf(const Transaction& tx) const {
  return {tx.id,        model_.routes[tx.route].service,
          tx.born,      scheduler_.now(),
          tx.measured,  tx.route,
          tx.bytesSent, tx.attempt};
}

void WindowSimulation::arrive(size_t r, const TraceArrival* row) {
  auto tx = std::make_shared<Transaction>();
  if (row) {
    tx->requestBytes = row->requestBytes;
    tx->responseBytes = row->responseBytes;
  }
  tx->id = ++nextTransactionId_;
  tx->logical = r;
  tx->route = r;
  tx->born = scheduler_.now();
  tx->measured = measured(tx->born);
  TransactionEvent event = eventOf(*tx);
  for (auto* observer : observers_) observer->arrived(event, current_[r] != int(r));
  if (!model_.routes[r].routed || current_[r] < 0) return fail(*tx, FailureReason::NoRoute);
  tx->route = size_t(current_[r]);
  tx->facility = row ? facilityOf(*row) : pickFacility(r);
  if (model_.routes[tx->route].flowPath != -1) return startFlow(tx);
  startAttempt(tx);
}

}  // namespace detail
}  // namespace tsunagu::des
