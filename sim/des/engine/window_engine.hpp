#pragma once

// The engine of one window, shared by window_simulation.cpp (the run: arrivals, transactions,
// flows, samples) and window_setup.cpp (routes, pools and failures). Not part of the interface.

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "sim/analytic/state_loads.hpp"
#include "sim/des/core/event_scheduler.hpp"
#include "sim/des/engine/window_simulation.hpp"
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

constexpr int kDirectFlow = -2;
// Random123 keys (seed, id) of the engine's streams start here (facility draws use small ids).
constexpr std::uint64_t kEngineStreams = std::uint64_t(1) << 48;

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
  std::vector<int> cappedPaths;             // flows: rate-capped paths, taken in turn
  std::vector<size_t> ixStages;             // IX centers on the way, in order (processing)
  size_t nextCapped = 0;
  bool routed = true;
};

struct Transaction {
  double requestBytes = -1, responseBytes = -1;  // from a trace; negative: drawn
  size_t logical = 0;                            // the arrival process (an unfailed route)
  size_t route = 0;                              // the route the current attempt takes
  double born = 0;
  int attempt = 0;
  bool measured = false;
  bool finished = false;
  std::uint64_t attemptId = 0;
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
        start_(options.first.plusDays(-int(
            std::ceil(std::max(0.0, options.warmUpSeconds - options.fromSeconds) / 86400.0)))) {}

  WindowResult run();
  std::vector<TraceArrival> workload();

 private:
  double toTime(Date day) const { return double(day - start_) * 86400.0; }
  Date dayAt(double t) const { return start_.plusDays(int(t / 86400.0)); }
  int hourAt(double t) const { return int(std::fmod(t, 86400.0) / 3600.0); }
  double windowStart() const { return toTime(options_.first) + options_.fromSeconds; }
  double windowEnd() const {
    return options_.untilSeconds > 0 ? toTime(options_.first) + options_.untilSeconds
                                     : toTime(options_.first.plusDays(options_.days));
  }
  bool measured(double t) const { return t >= windowStart(); }

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

  void setUp(bool withFlows = true);
  std::vector<std::pair<Vertex, double>> members(size_t route) const;
  size_t serviceIndex(const std::string& id) const;
  Route makeRoute(const analytic::StateLoads::OriginRoute& origin, std::vector<FlowLink>& links,
                  std::vector<FlowPath>& paths);
  void addCappedPaths(Route& route, double capBitsPerSecond, const std::string& name,
                      std::vector<FlowLink>& links, std::vector<FlowPath>& paths);
  void prepareFailures(Date end, std::vector<FlowLink>& links, std::vector<FlowPath>& paths);
  bool crosses(const Route& route, const Failure& failure) const;
  void startFailure(size_t f);
  void endFailure(size_t f);
  void setUpPools();
  void scheduleNextArrival(size_t r);
  void arrive(size_t r, const TraceArrival* row = nullptr);
  void scheduleTrace();
  std::optional<size_t> routeForTrace(const TraceArrival& row) const;
  void startAttempt(std::shared_ptr<Transaction> tx);
  void startFlow(std::shared_ptr<Transaction> tx);
  void sendMessage(size_t path, const Route& route, double bytes, EventScheduler::Action then);
  // Passes the IX centers of the route from stage `next` on (backwards for responses), then
  // runs `then`.
  void throughIx(std::vector<size_t> stages, size_t next, EventScheduler::Action then);
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
  std::map<Vertex, size_t> ixStageOf_;  // IX center -> its processing pool
  std::vector<std::unique_ptr<ServerPool>> ixPools_;
  std::map<std::pair<size_t, size_t>, size_t> routeOf_;  // (origin group, entry) -> route
  std::map<size_t, size_t> unroutedOf_;                  // entry -> its no-route route
  std::unordered_map<Vertex, size_t> originOf_;          // vertex -> origin group
  std::vector<Vertex> facilities_;                       // PlanIndex facilities
  std::set<size_t> activeFailures_;
  std::vector<std::unordered_set<Transaction*>> unfinished_;  // per service, measured ones
  std::vector<RandomStream> arrivalStreams_, sizeStreams_;
  std::vector<ServiceOutcome> outcomes_;
  std::vector<std::array<double, 2>> linkBytes_;  // transaction bytes this step, per direction
  std::vector<PoolSeries> poolSeries_;
  std::vector<std::vector<float>> linkSeries_;
  std::map<Date, std::vector<double>> dailyCache_;
  std::uint64_t nextAttemptId_ = 0;
  ClientPolicy client_;
};

}  // namespace tsunagu::des::detail
