#include "sim/des/core/event_scheduler.hpp"

#include <limits>
#include <stdexcept>

namespace tsunagu::des {

void EventScheduler::at(double time, Action action) {
  if (time < now_) throw std::logic_error("an event was scheduled in the past");
  queue_.push({time, nextSequence_++, std::move(action)});
}

void EventScheduler::runUntil(double until) {
  while (!queue_.empty() && queue_.top().time <= until) {
    Pending next = queue_.top();
    queue_.pop();
    now_ = next.time;
    ++processed_;
    next.action();
  }
  if (until != std::numeric_limits<double>::infinity() && until > now_) now_ = until;
}

}  // namespace tsunagu::des
