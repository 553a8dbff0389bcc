#include "sim/cli/window_progress.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagu::cli {

namespace {

// Engine time 0 is 00:00 of the day the warm-up starts in (des::WindowClock, the engine's
// convention): whole days before the window's first day.
Date engineStart(const des::WindowOptions& options) {
  return options.first.plusDays(
      -int(std::ceil(std::max(0.0, options.warmUpSeconds - options.fromSeconds) / 86400.0)));
}

constexpr std::uint64_t kArrivalsPerUpdate = 1024;

}  // namespace

WindowProgress::WindowProgress(Progress& progress, const core::Workload& workload,
                               const des::WindowOptions& options)
    : progress_(progress) {
  if (options.trace) {
    traceRows_ = options.trace->size();
    return;
  }
  Date origin = engineStart(options);
  double first = double(options.first - origin) * 86400.0;
  double from = std::max(0.0, first + options.fromSeconds - options.warmUpSeconds);
  double until =
      options.untilSeconds > 0 ? first + options.untilSeconds : first + 86400.0 * options.days;
  firstHour_ = std::floor(from / 3600) * 3600;
  double total = 0;
  for (double t = firstHour_; t < until; t += 3600) {
    Date day = origin.plusDays(int(t / 86400));
    int hour = int(std::fmod(t, 86400) / 3600);
    double rate = 0;
    for (size_t e = 0; e < workload.size(); ++e) rate += workload.perHour(e, day, hour);
    // Only the part of an hour inside the window arrives.
    double inside = std::min(t + 3600, until) - std::max(t, from);
    total += rate * std::max(0.0, inside) / 3600;
    cumulative_.push_back(total);
  }
}

double WindowProgress::fractionAt(double engineTime) const {
  if (cumulative_.empty() || cumulative_.back() <= 0) return 0;
  double hours = (engineTime - firstHour_) / 3600;
  size_t h = size_t(std::clamp(std::floor(hours), 0.0, double(cumulative_.size() - 1)));
  double before = h == 0 ? 0 : cumulative_[h - 1];
  double within = std::clamp(hours - double(h), 0.0, 1.0);
  return (before + within * (cumulative_[h] - before)) / cumulative_.back();
}

void WindowProgress::arrived(const des::TransactionEvent& event, bool) {
  if (++arrivals_ % kArrivalsPerUpdate != 0) return;
  progress_.update(traceRows_ > 0 ? double(arrivals_) / double(traceRows_)
                                  : fractionAt(event.born));
}

}  // namespace tsunagu::cli
