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

WindowResult WindowSimulation::run() {
  auto wallStart = std::chrono::steady_clock::now();
  setUp();
  double end = windowEnd();
  if (options_.trace)
    scheduleTrace();
  else
    scheduler_.at(std::max(0.0, windowStart() - options_.warmUpSeconds), [this] {
      for (size_t r = 0; r < logicalRoutes_; ++r) scheduleNextArrival(r);
    });
  // Measurement starts with the window: what the warm-up carried is not counted.
  scheduler_.at(windowStart(), [this] {
    std::fill(linkBytes_.begin(), linkBytes_.end(), std::array<double, 2>{0.0, 0.0});
  });
  scheduleSample(windowStart());
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

// The route a trace row takes: its origin's group and the service's entry for the origin's
// kind (or data center); the entry's no-route route when the group has no route for it.
std::optional<size_t> WindowSimulation::routeForTrace(const TraceArrival& row) const {
  Vertex v{};
  if (!nation_.findAny(row.origin, v)) return std::nullopt;
  const VertexInfo& info = nation_.graph()[v];
  for (size_t e = 0; e < entries_.size(); ++e) {
    if (entries_[e].service->id != row.service) continue;
    bool fromHere = entries_[e].kind ? (info.kind == NodeKind::Facility &&
                                        *entries_[e].kind == info.facilityKind)
                                     : entries_[e].volume->origin == row.origin;
    if (!fromHere) continue;
    auto origin = originOf_.find(v);
    if (origin != originOf_.end())
      if (auto it = routeOf_.find({origin->second, e}); it != routeOf_.end()) return it->second;
    if (auto lost = unroutedOf_.find(e); lost != unroutedOf_.end()) return lost->second;
  }
  return std::nullopt;
}

// The facilities of a route's origin group, weighted by their share of its entry's demand.
std::vector<std::pair<Vertex, double>> WindowSimulation::members(size_t r) const {
  const Route& route = routes_[r];
  std::vector<std::pair<Vertex, double>> list;
  for (const auto& [v, origin] : originOf_) {
    if (origin != route.origin) continue;
    const VertexInfo& info = nation_.graph()[v];
    if (info.kind != NodeKind::Facility) {
      list.push_back({v, 1.0});
      continue;
    }
    double users = nation_.usersOn(v, entries_[route.entry].service->id, options_.first);
    if (users > 0) list.push_back({v, info.weight * users});
  }
  std::sort(list.begin(), list.end());
  return list;
}

// The window's arrivals as the engine would draw them (Poisson, hour by hour), each given to a
// facility of its group. Arrivals with no route at all are not written: they have no origin.
std::vector<TraceArrival> WindowSimulation::workload() {
  setUp(false);
  std::vector<TraceArrival> rows;
  double first = toTime(options_.first), end = windowEnd();
  for (size_t r = 0; r < logicalRoutes_; ++r) {
    if (!routes_[r].routed) continue;
    auto candidates = members(r);
    if (candidates.empty()) continue;
    std::vector<double> cumulative;
    double total = 0;
    for (const auto& [v, weight] : candidates) cumulative.push_back(total += weight);
    RandomStream pick(options_.seed, kEngineStreams * 2 + r);
    for (double t = windowStart(); t < end;) {
      double hourEnd = (std::floor(t / 3600.0) + 1) * 3600.0, rate = rateAt(routes_[r], t);
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
      rows.push_back({t - first, nation_.name(v), entries_[routes_[r].entry].service->id, -1, -1});
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
    size_t service = serviceIndex(row.service);
    scheduler_.at(first + row.seconds, [this, service] {
      if (service >= outcomes_.size() || !measured(scheduler_.now())) return;
      ++outcomes_[service].generated;
      ++outcomes_[service].failed[int(FailureReason::NoRoute)];
    });
  }
}

void WindowSimulation::arrive(size_t r, const TraceArrival* row) {
  auto tx = std::make_shared<Transaction>();
  if (row) {
    tx->requestBytes = row->requestBytes;
    tx->responseBytes = row->responseBytes;
  }
  tx->logical = r;
  tx->route = r;
  tx->born = scheduler_.now();
  tx->measured = measured(tx->born);
  if (tx->measured) {
    ServiceOutcome& outcome = outcomes_[routes_[r].service];
    ++outcome.generated;
    unfinished_[routes_[r].service].insert(tx.get());
    if (current_[r] != int(r)) ++outcome.arrivedInOutage;
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
  if (tx->finished) return;  // a failure ended it while it waited to retry
  if (current_[tx->logical] < 0) return fail(*tx, FailureReason::NoRoute);  // a retry in an outage
  active_[tx->route].erase(tx.get());
  tx->route = size_t(current_[tx->logical]);
  active_[tx->route].insert(tx.get());
  const Route& route = routes_[tx->route];
  const auto& entry = entries_[route.entry];
  std::uint64_t attemptId = ++nextAttemptId_;
  tx->attemptId = attemptId;
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  double requestBytes = tx->requestBytes >= 0 ? tx->requestBytes
                                              : drawByCv(sizeStreams_[tx->logical],
                                                         entry.requestBytes, entry.service->sizeCv);
  scheduler_.after(client_.timeoutFor(*entry.service),
                   [this, tx, attemptId] { timeOut(tx, attemptId); });
  auto atPool = [this, tx, attemptId] {
    throughIx(routes_[tx->route].ixStages, 0, [this, tx, attemptId] {
      pools_[size_t(routes_[tx->route].pool)]->submit(
          [this, tx, attemptId](double, double) { respond(tx, attemptId); },
          [tx, attemptId] { return !tx->finished && tx->attemptId == attemptId; });
    });
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
      tx->responseBytes >= 0
          ? tx->responseBytes
          : drawByCv(sizeStreams_[tx->logical], entry.responseBytes, entry.service->sizeCv);
  auto answered = [this, tx, attemptId] {
    if (tx->finished || tx->attemptId != attemptId) return;  // the client gave up on this attempt
    complete(*tx);
  };
  std::vector<size_t> back(route.ixStages.rbegin(), route.ixStages.rend());
  double transfer = route.responsePath >= 0 ? 0.0 : transferSeconds(route, responseBytes, false);
  throughIx(back, 0, [this, tx, responseBytes, transfer, answered = std::move(answered)]() mutable {
    const Route& r = routes_[tx->route];
    if (r.responsePath >= 0)
      return sendMessage(size_t(r.responsePath), r, responseBytes, std::move(answered));
    scheduler_.after(r.latency + transfer, std::move(answered));
  });
}

void WindowSimulation::throughIx(std::vector<size_t> stages, size_t next,
                                 EventScheduler::Action then) {
  if (next >= stages.size()) return then();
  size_t stage = stages[next];
  ixPools_[stage]->submit(
      [this, stages = std::move(stages), next, then = std::move(then)](double, double) mutable {
        throughIx(std::move(stages), next + 1, std::move(then));
      });
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
  Route& route = routes_[tx->route];
  const auto& entry = entries_[route.entry];
  double bytes = tx->requestBytes >= 0 ? tx->requestBytes
                                       : drawByCv(sizeStreams_[tx->logical], entry.requestBytes,
                                                  entry.service->sizeCv);
  flows_->runUntil(scheduler_.now());
  double latency = route.latency;
  if (route.flowPath == kDirectFlow) {  // only the sender's own line: nothing to share
    double rate = route.accessBytesPerSecond > 0 ? route.accessBytesPerSecond : 1e15;
    if (entry.service->pattern == ServicePattern::Stream)
      rate =
          std::min(rate, entry.requestBytes / std::max(entry.service->serviceTime.seconds, 1e-9));
    scheduler_.after(latency + bytes / rate, [this, tx] { complete(*tx); });
    return;
  }
  size_t path = route.cappedPaths.empty()
                    ? size_t(route.flowPath)
                    : size_t(route.cappedPaths[route.nextCapped++ % route.cappedPaths.size()]);
  // A bulk transfer goes no faster than its sender's line: it ends when the shared links have
  // carried it, or when the line could have, whichever is later. (Capping it inside SimGrid
  // would need a private path per sender: facilities share origin groups, and 3.32 ignores
  // Comm::set_rate for host-to-host comms.)
  double lineEnd = route.cappedPaths.empty() && route.accessBytesPerSecond > 0
                       ? scheduler_.now() + bytes / route.accessBytesPerSecond
                       : 0.0;
  flows_->startFlow(path, bytes, [this, tx, latency, lineEnd](FlowEnd end, double time) {
    double finished = std::max({time, scheduler_.now(), end == FlowEnd::Finished ? lineEnd : 0.0});
    scheduler_.at(finished + (end == FlowEnd::Finished ? latency : 0.0), [this, tx, end] {
      if (end == FlowEnd::Finished)
        complete(*tx);
      else
        fail(*tx, FailureReason::LinkFailure);
    });
  });
}

void WindowSimulation::complete(Transaction& tx) {
  if (tx.finished) return;
  tx.finished = true;
  active_[tx.route].erase(&tx);
  if (!tx.measured) return;
  ServiceOutcome& outcome = outcomes_[routes_[tx.route].service];
  ++outcome.completed;
  unfinished_[routes_[tx.route].service].erase(&tx);
  outcome.latency.add(scheduler_.now() - tx.born);
  // Claims of a month must be processed by 24:00 on the 10th [S] (or the service level's day).
  const ServiceSpec& service = *entries_[routes_[tx.route].entry].service;
  if (service.dayProfile == DayProfile::ClaimsWindow) {
    Date submitted = dayAt(tx.born);
    Date deadline =
        Date::fromYmd(submitted.year(), submitted.month(), unsigned(service.claimsDeadlineDay()))
            .plusDays(1);
    if (scheduler_.now() > toTime(deadline)) ++outcome.missedDeadline;
  }
}

void WindowSimulation::fail(Transaction& tx, FailureReason reason) {
  if (tx.finished) return;
  tx.finished = true;
  active_[tx.route].erase(&tx);
  if (!tx.measured) return;
  ServiceOutcome& outcome = outcomes_[routes_[tx.route].service];
  ++outcome.failed[static_cast<int>(reason)];
  unfinished_[routes_[tx.route].service].erase(&tx);
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
    if (t + 2 * options_.stepSeconds <= windowEnd() + 1e-9)
      scheduleSample(t + options_.stepSeconds);
  });
}

WindowResult WindowSimulation::finish(std::chrono::steady_clock::time_point wallStart) {
  WindowResult result;
  result.first = options_.first;
  result.days = options_.days;
  result.fromSeconds = windowStart() - toTime(options_.first);
  result.untilSeconds = windowEnd() - toTime(options_.first);
  result.stepSeconds = options_.stepSeconds;
  result.events = scheduler_.processed();
  result.conserved = true;
  Date end = dayAt(windowEnd());  // the first day the window does not reach into
  for (size_t i = 0; i < outcomes_.size(); ++i) {
    ServiceOutcome& outcome = outcomes_[i];
    // Counted, not derived: a transaction finished twice, or never, breaks the balance.
    outcome.inFlight = unfinished_[i].size();
    // Claims still unprocessed when the window closes after their deadline are late too.
    const ServiceSpec* spec = scenario_.data.services.find(outcome.service);
    if (spec && spec->dayProfile == DayProfile::ClaimsWindow &&
        (int(end.day()) > spec->claimsDeadlineDay() || end.day() < options_.first.day()))
      outcome.missedDeadline += outcome.inFlight;
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

}  // namespace detail

WindowResult simulateWindow(const Nation& nation, const WindowOptions& options) {
  return detail::WindowSimulation(nation, options).run();
}

std::vector<TraceArrival> generateWorkload(const Nation& nation, const WindowOptions& options) {
  return detail::WindowSimulation(nation, options).workload();
}

}  // namespace tsunagu::des
