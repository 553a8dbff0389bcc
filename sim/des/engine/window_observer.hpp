#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/des/engine/window_simulation.hpp"

namespace tsunagu::des {

// What the engine tells about one transaction (or flow) when something happens to it.
struct TransactionEvent {
  std::uint64_t id = 0;
  size_t service = 0;    // index into the scenario's services
  double born = 0;       // engine time of its arrival
  double now = 0;        // engine time of this event
  bool measured = true;  // arrived within the window (not in the warm-up)
  size_t route = 0;      // the engine route of its current attempt (see WindowObserver::begun)
  double bytes = 0;      // payload sent so far: requests and responses, or the flow
  int attempt = 0;       // 0 for the first
};

// The engine fires these as the run goes, the way ns-3 models fire trace sources; observers
// decide what to keep, so a new measurement does not touch the engine.
class WindowObserver {
 public:
  virtual ~WindowObserver() = default;
  // Before the first event: engine time of 00:00 on the window's first day, and what each
  // engine route is ("service: origin -> host").
  virtual void begun(double /*dayStart*/, const std::vector<std::string>& /*routes*/) {}
  // `inOutage`: a failure had taken the route it would have used.
  virtual void arrived(const TransactionEvent&, bool /*inOutage*/) {}
  // `late`: claims finished after their deadline.
  virtual void completed(const TransactionEvent&, bool /*late*/) {}
  virtual void failed(const TransactionEvent&, FailureReason) {}
  virtual void timedOut(const TransactionEvent&, bool /*retrying*/) {}
  // Every step: each pool's queue and busy servers, each tracked link's utilisation over the
  // step (the busier direction).
  struct PoolState {
    std::size_t queueLength = 0;
    int busy = 0;
  };
  virtual void sampled(double /*now*/, const std::vector<PoolState>&,
                       const std::vector<float>& /*linkUtilisation*/) {}
  // Every step from the first arrival on, warm-up included: the queue of all pools together.
  virtual void queueSampled(double /*now*/, double /*totalQueue*/) {}
};

}  // namespace tsunagu::des
