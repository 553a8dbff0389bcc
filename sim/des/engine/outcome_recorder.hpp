#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "sim/des/engine/window_observer.hpp"

namespace tsunagu::des {

// Keeps what WindowResult reports: per service the counts, the latency histogram and when
// failures happened; per pool and link the sampled series. Transactions are counted at each
// end they reach, so the conservation check compares counts kept apart, not derived ones.
class OutcomeRecorder : public WindowObserver {
 public:
  // `windowStart`: engine time of 00:00 of the window's first day (failure times count from it).
  OutcomeRecorder(const std::vector<std::string>& services, const std::vector<PoolSeries>& pools,
                  size_t links, double windowStart);

  void arrived(const TransactionEvent& tx, bool inOutage) override;
  void completed(const TransactionEvent& tx, bool late) override;
  void failed(const TransactionEvent& tx, FailureReason reason) override;
  void timedOut(const TransactionEvent& tx, bool retrying) override;
  void sampled(double now, const std::vector<PoolState>& pools,
               const std::vector<float>& linkUtilisation) override;
  void queueSampled(double now, double totalQueue) override;

  // Fills the outcomes, series and conservation of `result`; `lateIfUnfinished` per service:
  // claims still unprocessed when the window closes after their deadline count as late.
  void finish(WindowResult& result, const std::vector<bool>& lateIfUnfinished) const;

 private:
  bool finishOnce(const TransactionEvent& tx);  // false for the warm-up's transactions

  std::vector<ServiceOutcome> outcomes_;
  std::vector<std::unordered_set<std::uint64_t>> unfinished_;  // per service, measured ones
  std::vector<PoolSeries> pools_;
  std::vector<std::vector<float>> links_;
  std::vector<float> totalQueue_;
  double totalQueueStart_ = -1;
  double windowStart_;
};

}  // namespace tsunagu::des
