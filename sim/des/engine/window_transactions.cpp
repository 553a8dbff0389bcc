// Transactions and flows through the window's routes: attempts, the IX stages, pools,
// transfers, time-outs and retries, samples, and the window's result.

#include <algorithm>
#include <cmath>

#include "sim/des/engine/window_engine.hpp"
#include "sim/des/network/tcp_timing.hpp"
#include "sim/stats/mser.hpp"

namespace tsunagu::des::detail {

void WindowSimulation::startAttempt(std::shared_ptr<Transaction> tx) {
  if (tx->finished) return;  // a failure ended it while it waited to retry
  if (current_[tx->logical] < 0) return fail(*tx, FailureReason::NoRoute);  // a retry in an outage
  active_[tx->route].erase(tx.get());
  tx->route = size_t(current_[tx->logical]);
  active_[tx->route].insert(tx.get());
  const EngineRoute& route = model_.routes[tx->route];
  const core::DemandEntry& entry = workload_.entry(route.entry);
  std::uint64_t attemptId = ++nextAttemptId_;
  tx->attemptId = attemptId;
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  double requestBytes = tx->requestBytes >= 0 ? tx->requestBytes
                                              : drawByCv(sizeStreams_[tx->logical],
                                                         entry.requestBytes, entry.service->sizeCv);
  scheduler_.after(client_.timeoutFor(*entry.service),
                   [this, tx, attemptId] { timeOut(tx, attemptId); });
  auto atPool = [this, tx, attemptId] {
    throughIx(model_.routes[tx->route].ixStages, 0, [this, tx, attemptId] {
      pools_[size_t(model_.routes[tx->route].pool)]->submit(
          [this, tx, attemptId](double, double) { respond(tx, attemptId); },
          [tx, attemptId] { return !tx->finished && tx->attemptId == attemptId; });
    });
  };
  double setup = setupSeconds(*route.transport, roundTrip(route));
  auto send = [this, tx, attemptId, requestBytes, atPool = std::move(atPool)]() mutable {
    if (tx->finished || tx->attemptId != attemptId) return;
    const EngineRoute& r = model_.routes[tx->route];
    if (r.requestPath >= 0)
      return sendMessage(size_t(r.requestPath), r, requestBytes, std::move(atPool));
    sendOverRoute(tx, requestBytes, true, 0, std::move(atPool));
  };
  if (setup > 0) return scheduler_.after(setup, std::move(send));
  send();
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
void WindowSimulation::sendMessage(size_t path, const EngineRoute& route, double bytes,
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
  const EngineRoute& route = model_.routes[tx->route];
  const core::DemandEntry& entry = workload_.entry(route.entry);
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
  throughIx(back, 0, [this, tx, responseBytes, answered = std::move(answered)]() mutable {
    const EngineRoute& r = model_.routes[tx->route];
    if (r.responsePath >= 0)
      return sendMessage(size_t(r.responsePath), r, responseBytes, std::move(answered));
    sendOverRoute(tx, responseBytes, false, 0, std::move(answered));
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
  bool retrying = tx->attempt < client_.retries;
  TransactionEvent event = eventOf(*tx);
  for (auto* observer : observers_) observer->timedOut(event, retrying);
  if (!retrying) return fail(*tx, FailureReason::Timeout);
  tx->attemptId = 0;  // nothing answers the abandoned attempt
  double backoff = client_.backoffSeconds * std::pow(2.0, tx->attempt);
  ++tx->attempt;
  scheduler_.after(backoff, [this, tx] { startAttempt(tx); });
}

// Claims of a month must be processed by 24:00 on the 10th [S] (or the service level's day).
bool WindowSimulation::lateClaims(const Transaction& tx) const {
  const ServiceSpec& service = *workload_.entry(model_.routes[tx.route].entry).service;
  if (service.dayProfile != DayProfile::ClaimsWindow) return false;
  Date submitted = dayAt(tx.born);
  Date deadline =
      Date::fromYmd(submitted.year(), submitted.month(), unsigned(service.claimsDeadlineDay()))
          .plusDays(1);
  return scheduler_.now() > toTime(deadline);
}

void WindowSimulation::complete(Transaction& tx) {
  if (tx.finished) return;
  tx.finished = true;
  active_[tx.route].erase(&tx);
  TransactionEvent event = eventOf(tx);
  bool late = tx.measured && lateClaims(tx);
  for (auto* observer : observers_) observer->completed(event, late);
}

void WindowSimulation::fail(Transaction& tx, FailureReason reason) {
  if (tx.finished) return;
  tx.finished = true;
  active_[tx.route].erase(&tx);
  TransactionEvent event = eventOf(tx);
  for (auto* observer : observers_) observer->failed(event, reason);
}

void WindowSimulation::scheduleSample(double t) {
  scheduler_.at(t + options_.stepSeconds, [this, t] {
    std::vector<WindowObserver::PoolState> pools;
    for (const auto& pool : pools_) pools.push_back({pool->queueLength(), pool->busy()});
    if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
    std::vector<float> links(linkBytes_.size());
    for (size_t l = 0; l < linkBytes_.size(); ++l) {
      double busier = 0;
      for (int d = 0; d < 2; ++d)
        busier = std::max(
            busier, linkBytes_[l][size_t(d)] / options_.stepSeconds + flows_->usage(l, d == 0));
      links[l] = float(busier / lineRate(l));
      linkBytes_[l] = {0.0, 0.0};
    }
    for (auto* observer : observers_) observer->sampled(scheduler_.now(), pools, links);
    if (t + 2 * options_.stepSeconds <= windowEnd() + 1e-9)
      scheduleSample(t + options_.stepSeconds);
  });
}

void WindowSimulation::scheduleQueueSample(double t) {
  scheduler_.at(t, [this, t] {
    double total = 0;
    for (const auto& pool : pools_) total += double(pool->queueLength());
    for (auto* observer : observers_) observer->queueSampled(scheduler_.now(), total);
    if (t + options_.stepSeconds <= windowEnd() + 1e-9)
      scheduleQueueSample(t + options_.stepSeconds);
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
  // Claims still unprocessed when the window closes after their deadline are late too.
  Date end = dayAt(windowEnd());  // the first day the window does not reach into
  std::vector<bool> lateIfUnfinished;
  for (const auto& id : scenario_.services) {
    const ServiceSpec* spec = scenario_.data.services.find(id);
    lateIfUnfinished.push_back(
        spec && spec->dayProfile == DayProfile::ClaimsWindow &&
        (int(end.day()) > spec->claimsDeadlineDay() || end.day() < options_.first.day()));
  }
  recorder_->finish(result, lateIfUnfinished);
  // MSER-5 on the queue from the first arrival: where the transient ends, against the window.
  std::vector<double> series(result.totalQueue.begin(), result.totalQueue.end());
  result.transientEndSeconds = result.totalQueueStart +
                               double(stats::mser5(series).observations) * options_.stepSeconds -
                               result.fromSeconds;
  result.linkNames = model_.linkNames;
  result.wallSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  return result;
}

}  // namespace tsunagu::des::detail

namespace tsunagu::des {

WindowResult simulateWindow(const core::Workload& workload, const core::Design& design,
                            const WindowOptions& options,
                            const std::vector<WindowObserver*>& observers) {
  return detail::WindowSimulation(workload, design, options).run(observers);
}

WindowResult simulateWindow(const Nation& nation, const WindowOptions& options) {
  core::Workload workload(nation);
  return simulateWindow(workload, core::Design::fromScenario(nation.scenario()), options);
}

std::vector<TraceArrival> generateWorkload(const core::Workload& workload,
                                           const core::Design& design,
                                           const WindowOptions& options) {
  return detail::WindowSimulation(workload, design, options).arrivals();
}

std::vector<TraceArrival> generateWorkload(const Nation& nation, const WindowOptions& options) {
  core::Workload workload(nation);
  return generateWorkload(workload, core::Design::fromScenario(nation.scenario()), options);
}

}  // namespace tsunagu::des
