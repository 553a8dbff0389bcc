// The network as transactions and flows meet it: the queue of each link direction and of each
// facility's line, TCP's handshakes and slow start, losses and their retransmission timeouts,
// and the bandwidth the bulk flows get once the transactions have taken theirs.

#include <algorithm>
#include <cmath>

#include "sim/des/engine/window_engine.hpp"
#include "sim/des/network/tcp_timing.hpp"

namespace tsunagu::des::detail {

namespace {

constexpr double kShareUpdateSeconds = 60;  // how often the flows learn the transactions' load
constexpr std::uint64_t kIndexBits = 20;    // an aggregated vertex stands for < 2^20 facilities
constexpr double kSaturated = 0.95;         // flows using this much of a link keep a queue there
constexpr double kUnlimitedRate = 1e15;     // bytes/s: no line or stream bounds the flow
constexpr int kRefillSteps = 8;             // a ramp is a staircase of this many steps
constexpr double kShortestRefill = 0.05;    // s; a shorter ramp hands the share back at once

}  // namespace

void WindowSimulation::startNetwork() {
  const NetworkTransport& transport = scenario_.network.transport;
  for (size_t l = 0; l < model_.linkNames.size(); ++l) {
    double rate = flows_->capacityBytesPerSecond(l);
    queues_.push_back({LinkQueue(rate, transport.queue, transport.defaults),
                       LinkQueue(rate, transport.queue, transport.defaults)});
    shares_.push_back({});
    for (LinkShare& share : shares_.back()) share.target = rate;
  }
  recentBytes_.assign(model_.linkNames.size(), {0.0, 0.0});
  scheduleShareUpdate(0);
}

// Transactions go first (they are small and do not back off): the flows of each link direction
// share what the transactions of the last minute left, never less than a twentieth.
void WindowSimulation::scheduleShareUpdate(double t) {
  scheduler_.at(t + kShareUpdateSeconds, [this, t] {
    if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
    for (size_t l = 0; l < recentBytes_.size(); ++l)
      for (int d = 0; d < 2; ++d) {
        double& bytes = recentBytes_[l][size_t(d)];
        if (bytes < 0) continue;  // nothing since the flows last had the whole link
        double capacity = flows_->capacityBytesPerSecond(l);
        shares_[l][size_t(d)].target =
            std::max(capacity / 20, capacity - bytes / kShareUpdateSeconds);
        giveBandwidth(l, d);
        bytes = bytes > 0 ? 0.0 : -1.0;
      }
    if (t + 2 * kShareUpdateSeconds <= windowEnd() + kShareUpdateSeconds)
      scheduleShareUpdate(t + kShareUpdateSeconds);
  });
}

void WindowSimulation::giveBandwidth(size_t link, int direction) {
  const LinkShare& share = shares_[link][size_t(direction)];
  flows_->setBandwidth(link, direction == 0,
                       std::min(share.target, share.ramp.ceiling(flows_->now())));
}

// A newcomer's slow start takes up whatever a ramp had not yet given back.
void WindowSimulation::joinLinks(size_t path, double slope) {
  for (const auto& hop : model_.paths[path].hops) {
    if (hop.link >= shares_.size()) continue;  // a stream's cap or a latency pad: not shared
    int d = hop.forward ? 0 : 1;
    LinkShare& share = shares_[hop.link][size_t(d)];
    share.slope += slope;
    if (!share.ramp.active(flows_->now())) continue;
    share.ramp.cancel();
    giveBandwidth(hop.link, d);
  }
}

// Runs inside SimGrid's completion of the flow, at its time: the links that held it (the
// least per-flow bandwidth on its way, unless its facility's line gave it less) start a ramp.
void WindowSimulation::leaveLinks(size_t path, double slope, bool finished, double time,
                                  double lineShare) {
  std::vector<FlowPath::Hop> hops;  // the tracked links: private ones are nobody's bottleneck
  for (const auto& hop : model_.paths[path].hops)
    if (hop.link < shares_.size()) hops.push_back(hop);
  auto perFlow = [this](const FlowPath::Hop& hop) {
    return flows_->bandwidth(hop.link, hop.forward) / (flows_->flowsOn(hop.link, hop.forward) + 1);
  };
  double held = lineShare;
  for (const auto& hop : hops) {
    LinkShare& share = shares_[hop.link][hop.forward ? 0 : 1];
    share.slope = flows_->flowsOn(hop.link, hop.forward) > 0 ? share.slope - slope : 0.0;
    held = std::min(held, perFlow(hop));
  }
  if (!finished) return;
  for (const auto& hop : hops) {
    int d = hop.forward ? 0 : 1;
    LinkShare& share = shares_[hop.link][size_t(d)];
    if (perFlow(hop) > held * 1.01) continue;
    share.ramp.depart(time, flows_->bandwidth(hop.link, hop.forward),
                      flows_->flowsOn(hop.link, hop.forward), share.slope, kShortestRefill);
    if (share.ramp.active(time)) stepRefill(hop.link, d, share.ramp.generation(), 0);
  }
}

// Each step gives the flows the ramp's mean over the step; the last gives the link back.
void WindowSimulation::stepRefill(size_t link, int direction, unsigned generation, int step) {
  LinkShare& share = shares_[link][size_t(direction)];
  if (share.ramp.generation() != generation) return;
  if (step == kRefillSteps) return giveBandwidth(link, direction);
  double width = (share.ramp.end() - share.ramp.start()) / kRefillSteps;
  double t = share.ramp.start() + step * width;
  flows_->setBandwidth(link, direction == 0,
                       std::min(share.target, share.ramp.ceiling(t + width / 2)));
  scheduler_.at(t + width, [this, link, direction, generation, step] {
    stepRefill(link, direction, generation, step + 1);
  });
}

std::uint64_t WindowSimulation::pickFacility(size_t r) {
  if (!members_[r]) {
    RouteMembers list;
    double total = 0;
    for (const auto& [v, weight] : members(r)) {
      list.facility.push_back(std::uint64_t(v) << kIndexBits);
      list.cumulative.push_back(total += weight);
    }
    members_[r] = std::move(list);
  }
  const RouteMembers& list = *members_[r];
  if (list.facility.empty()) return 0;
  double u = facilityStreams_[r].uniform();
  size_t who = size_t(
      std::lower_bound(list.cumulative.begin(), list.cumulative.end(), u * list.cumulative.back()) -
      list.cumulative.begin());
  std::uint64_t facility = list.facility[std::min(who, list.facility.size() - 1)];
  int count = nation_.graph()[Vertex(facility >> kIndexBits)].count;
  if (count > 1) facility |= std::uint64_t(facilityStreams_[r].uniform() * count);
  return facility;
}

std::uint64_t WindowSimulation::facilityOf(const TraceArrival& row) const {
  auto v = nation_.findAny(row.origin);
  return v ? std::uint64_t(*v) << kIndexBits : 0;
}

FacilityLine* WindowSimulation::lineOf(const Transaction& tx, const EngineRoute& route) {
  if (route.accessBytesPerSecond <= 0) return nullptr;  // a data center: no access line
  auto it = lines_.find(tx.facility);
  if (it == lines_.end()) {
    const NetworkTransport& transport = scenario_.network.transport;
    double rate = route.accessBytesPerSecond * transport.defaults.bandwidthFactor();
    it =
        lines_
            .emplace(tx.facility, FacilityLine{LinkQueue(rate, transport.queue, transport.defaults),
                                               LinkQueue(rate, transport.queue, transport.defaults),
                                               nullptr, nullptr})
            .first;
  }
  return &it->second;
}

// A message crosses its route's links at once (packets pipeline), so it waits in every queue
// but takes only the slowest link's transfer time; a loss anywhere loses it.
Passage WindowSimulation::passRoute(const Transaction& tx, const EngineRoute& route, double bytes,
                                    bool request) {
  double now = scheduler_.now(), slowest = 0;
  Passage total;
  auto cross = [&](LinkQueue& queue, const BulkLoad& bulk) {
    Passage p = queue.pass(now, bytes, bulk);
    total.lost = total.lost || p.lost;
    total.waitSeconds += p.waitSeconds;
    slowest = std::max(slowest, p.transferSeconds);
  };
  if (FacilityLine* line = lineOf(tx, route)) {
    const auto& flows = request ? line->upFlows : line->downFlows;
    int transfers = flows ? flows->transfers() : 0;
    cross(request ? line->up : line->down, {transfers, transfers > 0, roundTrip(route)});
  }
  for (const auto& hop : route.hops) {
    bool direction = request ? hop.forward : !hop.forward;
    int flows = flows_->flowsOn(hop.link, direction);
    bool saturated = flows > 0 && flows_->usage(hop.link, direction) >=
                                      kSaturated * flows_->bandwidth(hop.link, direction);
    cross(queues_[hop.link][direction ? 0 : 1], {flows, saturated, roundTrip(route)});
    linkBytes_[hop.link][direction ? 0 : 1] += bytes;
    double& recent = recentBytes_[hop.link][direction ? 0 : 1];
    recent = std::max(recent, 0.0) + bytes;
  }
  total.transferSeconds = slowest;
  return total;
}

// The message reaches the far end after the route's latency, its queues and its transfer; a
// lost one is sent again after the retransmission timeout (doubling each time).
void WindowSimulation::sendOverRoute(std::shared_ptr<Transaction> tx, double bytes, bool request,
                                     int losses, EventScheduler::Action then) {
  const EngineRoute& route = model_.routes[tx->route];
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  Passage passage = passRoute(*tx, route, bytes, request);
  tx->bytesSent += bytes;
  if (passage.lost) {
    double timeout =
        (roundTrip(route) + route.transport->minRetransmitTimeout.seconds) * std::pow(2.0, losses);
    std::uint64_t attemptId = tx->attemptId;
    scheduler_.after(
        timeout, [this, tx, bytes, request, losses, attemptId, then = std::move(then)]() mutable {
          if (tx->finished || tx->attemptId != attemptId) return;  // the client gave up meanwhile
          sendOverRoute(tx, bytes, request, losses + 1, std::move(then));
        });
    return;
  }
  double delay = route.latency + passage.waitSeconds + passage.transferSeconds;
  if (route.transport->connection != ConnectionSetup::Persistent)  // a fresh connection ramps up
    delay += slowStartPenalty(bytes, bytes / std::max(passage.transferSeconds, 1e-12),
                              roundTrip(route), *route.transport);
  scheduler_.after(delay, std::move(then));
}

// A bulk transfer or a stream session: the handshake, then slow start (bulk), then the bytes
// through the shared links (SimGrid, max-min) and through the facility's line (shared with its
// other transfers); it ends when both have carried it, one latency later.
void WindowSimulation::startFlow(std::shared_ptr<Transaction> tx) {
  const EngineRoute& route = model_.routes[tx->route];
  const core::DemandEntry& entry = workload_.entry(route.entry);
  double traced = route.download ? tx->responseBytes : tx->requestBytes;
  double bytes = traced >= 0 ? traced
                             : drawByCv(sizeStreams_[tx->logical],
                                        route.download ? entry.responseBytes : entry.requestBytes,
                                        entry.service->sizeCv);
  scheduler_.after(setupSeconds(*route.transport, roundTrip(route)),
                   [this, tx, bytes] { startFlowOn(tx, bytes); });
}

void WindowSimulation::startFlowOn(std::shared_ptr<Transaction> tx, double bytes) {
  if (tx->finished) return;
  tx->bytesSent = bytes;
  const EngineRoute& route = model_.routes[tx->route];
  const ServiceSpec& service = *workload_.entry(route.entry).service;
  if (flows_->flowsInFlight() > 0) flows_->runUntil(scheduler_.now());
  FacilityLine* line = lineOf(*tx, route);
  SharedLine* share = nullptr;
  if (line) {  // the line's share is made with its first transfer that way
    auto& flows = route.download ? line->downFlows : line->upFlows;
    if (!flows) flows = std::make_unique<SharedLine>(scheduler_, line->up.bytesPerSecond());
    share = flows.get();
  }
  bool stream = service.pattern == ServicePattern::Stream;
  bool direct = route.flowPath == kDirectFlow;
  size_t path =
      direct ? 0
      : route.cappedPaths.empty()
          ? size_t(route.flowPath)
          : size_t(route.cappedPaths[nextCapped_[tx->route]++ % route.cappedPaths.size()]);
  double rate = share ? share->rate() / (share->transfers() + 1) : kUnlimitedRate;
  if (!direct)
    for (const auto& hop : model_.paths[path].hops)
      rate = std::min(rate, flows_->capacityBytesPerSecond(hop.link) /
                                (flows_->flowsOn(hop.link, hop.forward) + 1));
  double ramp = stream ? 0.0 : slowStartPenalty(bytes, rate, roundTrip(route), *route.transport);
  // The parts still carrying it: the line, the shared links (or a stream's own rate).
  auto parts = std::make_shared<int>(int(share != nullptr) + 1);
  auto partDone = [this, tx, parts](FlowEnd end) {
    if (end == FlowEnd::Failed) return fail(*tx, FailureReason::LinkFailure);
    if (--*parts > 0 || tx->finished) return;
    scheduler_.after(model_.routes[tx->route].latency, [this, tx] { complete(*tx); });
  };
  scheduler_.after(ramp, [this, tx, bytes, share, direct, stream, path, partDone] {
    if (share) share->add(bytes, [partDone] { partDone(FlowEnd::Finished); });
    if (direct) {
      const ServiceSpec& s = *workload_.entry(model_.routes[tx->route].entry).service;
      double own = stream ? bytes / std::max(s.serviceTime.seconds, 1e-9) : kUnlimitedRate;
      scheduler_.after(bytes / own, [partDone] { partDone(FlowEnd::Finished); });
      return;
    }
    flows_->runUntil(scheduler_.now());
    // RTT-aware sharing puts the links' latency into SimGrid's end; the route's is added after.
    double inSimGrid = 0;
    if (scenario_.network.transport.defaults.rttAwareSharing)
      for (const auto& hop : model_.paths[path].hops)
        inSimGrid += model_.links[hop.link].latencySeconds;
    const TransportSettings& transport = *model_.routes[tx->route].transport;
    double slope = transport.slowStart && !stream
                       ? refillSlope(transport.segmentBytes, transport.slowStartGrowth,
                                     roundTrip(model_.routes[tx->route]))
                       : 0.0;
    joinLinks(path, slope);
    flows_->startFlow(path, bytes, [=, this](FlowEnd end, double time) {
      double lineShare = share ? share->rate() / std::max(1, share->transfers()) : kUnlimitedRate;
      leaveLinks(path, slope, end == FlowEnd::Finished && !stream, time, lineShare);
      scheduler_.at(std::max(time - inSimGrid, scheduler_.now()),
                    [partDone, end] { partDone(end); });
    });
  });
}

}  // namespace tsunagu::des::detail
