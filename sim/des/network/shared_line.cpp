#include "sim/des/network/shared_line.hpp"

#include <algorithm>

namespace tsunagu::des {

void SharedLine::advance() {
  double now = scheduler_.now();
  if (!leaving_.empty()) virtualTime_ += (now - updatedAt_) * rate_ / double(leaving_.size());
  updatedAt_ = now;
}

void SharedLine::add(double bytes, std::function<void()> done) {
  advance();
  leaving_.emplace(virtualTime_ + std::max(bytes, 0.0), std::move(done));
  scheduleNext();
}

void SharedLine::scheduleNext() {
  std::uint64_t generation = ++generation_;
  if (leaving_.empty()) return;
  double delay = (leaving_.begin()->first - virtualTime_) * double(leaving_.size()) / rate_;
  scheduler_.after(std::max(delay, 0.0), [this, generation] {
    if (generation != generation_) return;
    advance();
    auto first = leaving_.begin();
    std::function<void()> done = std::move(first->second);
    // Rounding leaves the virtual time a hair short of the departure: it is due now.
    virtualTime_ = std::max(virtualTime_, first->first);
    leaving_.erase(first);
    scheduleNext();
    done();
  });
}

}  // namespace tsunagu::des
