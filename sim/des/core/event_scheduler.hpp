#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <vector>

namespace tsunagu::des {

// The simulated clock and its pending events. Events at the same time run in the order they
// were scheduled, so a run is deterministic.
class EventScheduler {
 public:
  using Action = std::function<void()>;

  double now() const { return now_; }
  void at(double time, Action action);
  void after(double delay, Action action) { at(now_ + delay, std::move(action)); }
  // Runs events until none is left or the next one is later than `until`; the clock then
  // stands at `until` (or at the last event when the queue ran dry first).
  void runUntil(double until);
  void run() { runUntil(std::numeric_limits<double>::infinity()); }
  std::uint64_t processed() const { return processed_; }
  bool empty() const { return queue_.empty(); }
  double nextTime() const {
    return queue_.empty() ? std::numeric_limits<double>::infinity() : queue_.top().time;
  }
  size_t pending() const { return queue_.size(); }

 private:
  struct Pending {
    double time;
    std::uint64_t sequence;
    Action action;
    bool operator>(const Pending& other) const {
      return time != other.time ? time > other.time : sequence > other.sequence;
    }
  };
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue_;
  double now_ = 0;
  std::uint64_t nextSequence_ = 0;
  std::uint64_t processed_ = 0;
};

}  // namespace tsunagu::des
