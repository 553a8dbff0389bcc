#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "models/nation/nation.hpp"
#include "sim/core/design.hpp"
#include "sim/core/trace_arrival.hpp"
#include "sim/core/workload.hpp"
#include "sim/stats/latency_histogram.hpp"

namespace tsunagu::des {

using core::TraceArrival;
class WindowObserver;

struct WindowOptions {
  Date first;    // the window runs from 00:00 of `first`
  int days = 1;  // for this many days
  // Part of a day: measure from this many seconds after 00:00 of `first` until `untilSeconds`
  // (0 = the end of the last day). Failure and sizing runs look at a few busy hours only.
  double fromSeconds = 0;
  double untilSeconds = 0;
  double warmUpSeconds = 3600;  // arrivals start this long before the window, not measured
  std::uint64_t seed = 1;
  double stepSeconds = 300;  // resolution of the queue and utilisation series
  bool progress = false;     // a progress line on stderr
  // The reference path: every request and response a SimGrid comm of its own (slow), instead
  // of the transfer time computed from the bandwidth the flows leave (the fast path).
  bool messagesAsComms = false;
  // Replay these arrivals instead of drawing Poisson ones (sorted by time).
  const std::vector<TraceArrival>* trace = nullptr;
};

enum class FailureReason { Timeout, NoRoute, LinkFailure };
inline constexpr int kFailureReasons = 3;
const char* failureReasonName(FailureReason reason);

// The relative error of the latency histograms: any quantile read from them is within 0.5% of
// a recorded value.
inline constexpr double kLatencyRelativeError = 0.005;

// What happened to one service's transactions (or flows) in the window.
struct ServiceOutcome {
  std::string service;
  stats::LatencyHistogram latency{kLatencyRelativeError};
  std::uint64_t generated = 0, completed = 0, inFlight = 0, timeouts = 0, retries = 0;
  std::uint64_t missedDeadline = 0;   // claims completed after 24:00 on the 10th
  std::uint64_t arrivedInOutage = 0;  // arrivals while a failure had taken their route
  std::array<std::uint64_t, kFailureReasons> failed{};
  // When failures happened, in seconds after the window's start (none: +inf and -inf).
  double firstFailure = std::numeric_limits<double>::infinity();
  double lastFailure = -std::numeric_limits<double>::infinity();
  std::uint64_t failedTotal() const;
};

struct PoolSeries {
  std::string name;
  int servers = 0;
  std::vector<float> queueLength, busyServers;  // sampled every step
};

struct WindowResult {
  Date first;
  int days = 0;
  double fromSeconds = 0, untilSeconds = 0;  // the measured span, after 00:00 of `first`
  double measuredSeconds() const { return untilSeconds - fromSeconds; }
  double stepSeconds = 0;
  std::vector<ServiceOutcome> services;
  std::vector<PoolSeries> pools;
  std::vector<std::string> linkNames;
  std::vector<std::vector<float>> linkUtilisation;  // per link, per step: busier direction
  // The warm-up check: the total queue of all pools sampled every step from the first arrival
  // (warm-up included), and where MSER-5 puts the end of its transient, in seconds after the
  // window's start (negative: within the warm-up, which then deleted it).
  std::vector<float> totalQueue;
  double totalQueueStart = 0;  // seconds after 00:00 of `first` (negative in the day before)
  double transientEndSeconds = 0;
  std::uint64_t events = 0;
  double wallSeconds = 0;
  bool conserved = false;  // generated = completed + failed + in flight, for every service
};

// The discrete-event engine on one window: transactions through access lines, the carrier and
// regional networks, the IX and FCFS server pools (our own events, with the network delay of
// the path's latency plus transfer at the bandwidth the flows leave), bulk transfers as SimGrid
// flows sharing links max-min, clients that time out and retry.
// Links run at the design's capacity and pools with its servers (or as many as the window's
// busiest hour needs); `observers` hear every arrival, end and sample besides the result's own
// recorder.
WindowResult simulateWindow(const core::Workload& workload, const core::Design& design,
                            const WindowOptions& options,
                            const std::vector<WindowObserver*>& observers = {});
// The scenario's own design.
WindowResult simulateWindow(const Nation& nation, const WindowOptions& options);

// The arrivals the engine would draw for the window (no warm-up), each given to one facility
// of its origin group that generates the entry, in proportion to its share of the demand.
std::vector<TraceArrival> generateWorkload(const core::Workload& workload,
                                           const core::Design& design,
                                           const WindowOptions& options);
std::vector<TraceArrival> generateWorkload(const Nation& nation, const WindowOptions& options);

}  // namespace tsunagu::des
