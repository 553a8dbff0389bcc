#pragma once

// One direction of a facility's access line as its bulk transfers share it: processor
// sharing, each of n transfers at 1/n of the line (TCP's per-connection fair share when the
// line is their bottleneck). Kept with virtual time: the line's "work done per transfer"
// grows at rate/n, and a transfer of b bytes that joined at virtual time v leaves at v + b.

#include <cstdint>
#include <functional>
#include <map>

#include "sim/des/core/event_scheduler.hpp"

namespace tsunagu::des {

class SharedLine {
 public:
  SharedLine(EventScheduler& scheduler, double bytesPerSecond)
      : scheduler_(scheduler), rate_(bytesPerSecond) {}
  SharedLine(const SharedLine&) = delete;
  SharedLine& operator=(const SharedLine&) = delete;

  // Starts carrying `bytes` now; `done` runs when the line has carried them.
  void add(double bytes, std::function<void()> done);
  int transfers() const { return int(leaving_.size()); }
  double rate() const { return rate_; }

 private:
  void advance();
  void scheduleNext();

  EventScheduler& scheduler_;
  double rate_;
  double virtualTime_ = 0, updatedAt_ = 0;
  std::uint64_t generation_ = 0;  // the departure event in force; older ones do nothing
  std::multimap<double, std::function<void()>> leaving_;  // by virtual departure time
};

}  // namespace tsunagu::des
