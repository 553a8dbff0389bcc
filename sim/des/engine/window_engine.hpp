#pragma once

// The run of one window: arrivals, transactions through lines, IX stages and pools, bulk flows,
// failures and samples, told to observers. Built on a WindowModel (window_setup.cpp). Not part
// of the interface.

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include "sim/core/random_stream.hpp"
#include "sim/des/core/event_scheduler.hpp"
#include "sim/des/engine/outcome_recorder.hpp"
#include "sim/des/engine/window_model.hpp"
#include "sim/des/network/link_queue.hpp"
#include "sim/des/network/refill_ramp.hpp"
#include "sim/des/network/shared_line.hpp"
#include "sim/des/pool/server_pool.hpp"
#include "sim/des/simgrid/flow_network.hpp"

namespace tsunagu::des::detail {

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

struct Transaction {
  std::uint64_t id = 0;
  double requestBytes = -1, responseBytes = -1;  // from a trace; negative: drawn
  size_t logical = 0;                            // the arrival process (an unfailed route)
  size_t route = 0;                              // the route the current attempt takes
  double born = 0;
  int attempt = 0;
  bool measured = false;
  bool finished = false;
  std::uint64_t attemptId = 0;
  std::uint64_t facility = 0;  // which facility of the origin group: its access line
  double bytesSent = 0;        // payload put on the network so far
};

// A facility's access line in both directions: the queue its messages pass and the share its
// bulk transfers split (made when the facility first sends).
// What the bulk flows of one link direction may use: the capacity the transactions leave them
// (target) and, after a flow has left, TCP's climb into its share (ramp), which grows with the
// sum of the remaining flows' slopes.
struct LinkShare {
  double target = 0;  // bytes/s
  double slope = 0;   // bytes/s², the flows on the link together
  RefillRamp ramp;
};

struct FacilityLine {
  LinkQueue up, down;
  std::unique_ptr<SharedLine> upFlows, downFlows;
};

// The facilities of an origin group that generate a route's entry, by share of its demand.
struct RouteMembers {
  std::vector<std::uint64_t> facility;  // vertex << 20 | index within an aggregated vertex
  std::vector<double> cumulative;
};

class WindowSimulation {
 public:
  WindowSimulation(const core::Workload& workload, const core::Design& design,
                   const WindowOptions& options);

  WindowResult run(const std::vector<WindowObserver*>& observers = {});
  std::vector<TraceArrival> arrivals();

 private:
  double toTime(Date day) const { return clock_.toTime(day); }
  Date dayAt(double t) const { return clock_.dayAt(t); }
  double windowStart() const { return toTime(options_.first) + options_.fromSeconds; }
  double windowEnd() const {
    return options_.untilSeconds > 0 ? toTime(options_.first) + options_.untilSeconds
                                     : toTime(options_.first.plusDays(options_.days));
  }
  bool measured(double t) const { return t >= windowStart(); }

  void startEngine();
  std::vector<std::pair<Vertex, double>> members(size_t route) const;
  void startFailure(size_t f);
  void endFailure(size_t f);
  void scheduleNextArrival(size_t r);
  void arrive(size_t r, const TraceArrival* row = nullptr);
  void scheduleTrace();
  std::optional<size_t> routeForTrace(const TraceArrival& row) const;
  void startAttempt(std::shared_ptr<Transaction> tx);
  void startFlow(std::shared_ptr<Transaction> tx);
  void sendMessage(size_t path, const EngineRoute& route, double bytes,
                   EventScheduler::Action then);
  // Passes the IX centers of the route from stage `next` on (backwards for responses), then
  // runs `then`.
  void throughIx(std::vector<size_t> stages, size_t next, EventScheduler::Action then);
  double advanceFlows(double next);
  // The network (window_network.cpp): link queues, facility lines, TCP's extra round trips.
  void startNetwork();
  Passage passRoute(const Transaction& tx, const EngineRoute& route, double bytes, bool request);
  void sendOverRoute(std::shared_ptr<Transaction> tx, double bytes, bool request, int losses,
                     EventScheduler::Action then);
  FacilityLine* lineOf(const Transaction& tx, const EngineRoute& route);
  std::uint64_t pickFacility(size_t r);
  std::uint64_t facilityOf(const TraceArrival& row) const;
  void startFlowOn(std::shared_ptr<Transaction> tx, double bytes);
  void scheduleShareUpdate(double t);
  void joinLinks(size_t path, double slope);
  void leaveLinks(size_t path, double slope, bool finished, double time, double lineShare);
  void stepRefill(size_t link, int direction, unsigned generation, int step);
  void giveBandwidth(size_t link, int direction);
  double roundTrip(const EngineRoute& route) const { return 2 * route.latency; }
  // A tracked link's nominal rate (utilisation is payload over it, as in the planner).
  double lineRate(size_t link) const {
    return flows_->capacityBytesPerSecond(link) /
           scenario_.network.transport.defaults.bandwidthFactor();
  }
  void respond(std::shared_ptr<Transaction> tx, std::uint64_t attemptId);
  void timeOut(std::shared_ptr<Transaction> tx, std::uint64_t attemptId);
  void complete(Transaction& tx);
  void fail(Transaction& tx, FailureReason reason);
  bool lateClaims(const Transaction& tx) const;
  TransactionEvent eventOf(const Transaction& tx) const;
  void scheduleSample(double t);
  void scheduleQueueSample(double t);
  WindowResult finish(std::chrono::steady_clock::time_point wallStart);

  const Nation& nation_;
  const Scenario& scenario_;
  const core::Workload& workload_;
  const core::Design& design_;
  WindowOptions options_;
  core::NetworkIndex index_;
  WindowClock clock_;
  WindowModel model_;
  EventScheduler scheduler_;
  std::unique_ptr<FlowNetwork> flows_;
  std::vector<std::unique_ptr<ServerPool>> pools_;
  std::vector<std::unique_ptr<ServerPool>> ixPools_;
  std::vector<int> current_;        // per unfailed route: the route in use, or -1 (none)
  std::vector<size_t> nextCapped_;  // per route: the capped path the next stream takes
  std::vector<std::unordered_set<Transaction*>> active_;  // attempts under way, per route
  std::set<size_t> activeFailures_;
  std::vector<core::RandomStream> arrivalStreams_, sizeStreams_;
  std::vector<std::array<double, 2>> linkBytes_;    // transaction bytes this step, per direction
  std::vector<std::array<double, 2>> recentBytes_;  // since the flows' bandwidth was last set
  std::vector<std::array<LinkQueue, 2>> queues_;    // per tracked link: forward, backward
  std::vector<std::array<LinkShare, 2>> shares_;    // per tracked link: forward, backward
  std::unordered_map<std::uint64_t, FacilityLine> lines_;
  std::vector<std::optional<RouteMembers>> members_;
  mutable std::vector<std::vector<Vertex>>
      groupVertices_;  // per origin group  // per logical route, when first needed
  std::vector<core::RandomStream> facilityStreams_;
  std::unique_ptr<OutcomeRecorder> recorder_;
  std::vector<WindowObserver*> observers_;  // the recorder first
  std::uint64_t nextAttemptId_ = 0, nextTransactionId_ = 0;
  ClientPolicy client_;
};

}  // namespace tsunagu::des::detail
