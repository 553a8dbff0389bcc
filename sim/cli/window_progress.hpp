#pragma once

#include <cstdint>
#include <vector>

#include "sim/cli/progress.hpp"
#include "sim/core/workload.hpp"
#include "sim/des/engine/window_observer.hpp"

namespace tsunagu::cli {

// How far a discrete-event window has come, for the progress line: the share of the window's
// expected arrivals (warm-up included) whose time has passed. Arrivals, not simulated time,
// measure the work: a night hour takes a tenth of a morning one. A trace counts its rows.
class WindowProgress : public des::WindowObserver {
 public:
  WindowProgress(Progress& progress, const core::Workload& workload,
                 const des::WindowOptions& options);

  void arrived(const des::TransactionEvent& event, bool inOutage) override;

 private:
  double fractionAt(double engineTime) const;

  Progress& progress_;
  double firstHour_ = 0;            // engine time of the first hour's start, in seconds
  std::vector<double> cumulative_;  // expected arrivals up to the end of each hour
  std::uint64_t traceRows_ = 0, arrivals_ = 0;
};

}  // namespace tsunagu::cli
