#include "sim/des/engine/outcome_recorder.hpp"

#include <algorithm>

namespace tsunagu::des {

OutcomeRecorder::OutcomeRecorder(const std::vector<std::string>& services,
                                 const std::vector<PoolSeries>& pools, size_t links,
                                 double windowStart)
    : unfinished_(services.size()), pools_(pools), links_(links), windowStart_(windowStart) {
  for (const auto& id : services) outcomes_.push_back({id});
}

void OutcomeRecorder::arrived(const TransactionEvent& tx, bool inOutage) {
  if (!tx.measured) return;
  ServiceOutcome& outcome = outcomes_[tx.service];
  ++outcome.generated;
  unfinished_[tx.service].insert(tx.id);
  if (inOutage) ++outcome.arrivedInOutage;
}

// Counted whether or not it was still unfinished: an end reported twice breaks the balance.
bool OutcomeRecorder::finishOnce(const TransactionEvent& tx) {
  if (!tx.measured) return false;
  unfinished_[tx.service].erase(tx.id);
  return true;
}

void OutcomeRecorder::completed(const TransactionEvent& tx, bool late) {
  if (!finishOnce(tx)) return;
  ServiceOutcome& outcome = outcomes_[tx.service];
  ++outcome.completed;
  outcome.latency.add(tx.now - tx.born);
  if (late) ++outcome.missedDeadline;
}

void OutcomeRecorder::failed(const TransactionEvent& tx, FailureReason reason) {
  if (!finishOnce(tx)) return;
  ServiceOutcome& outcome = outcomes_[tx.service];
  ++outcome.failed[static_cast<int>(reason)];
  double at = tx.now - windowStart_;
  outcome.firstFailure = std::min(outcome.firstFailure, at);
  outcome.lastFailure = std::max(outcome.lastFailure, at);
}

void OutcomeRecorder::timedOut(const TransactionEvent& tx, bool retrying) {
  if (!tx.measured) return;
  ++outcomes_[tx.service].timeouts;
  if (retrying) ++outcomes_[tx.service].retries;
}

void OutcomeRecorder::sampled(double, const std::vector<PoolState>& pools,
                              const std::vector<float>& linkUtilisation) {
  for (size_t p = 0; p < pools.size(); ++p) {
    pools_[p].queueLength.push_back(float(pools[p].queueLength));
    pools_[p].busyServers.push_back(float(pools[p].busy));
  }
  for (size_t l = 0; l < links_.size(); ++l) links_[l].push_back(linkUtilisation[l]);
}

void OutcomeRecorder::queueSampled(double now, double totalQueue) {
  if (totalQueueStart_ < 0) totalQueueStart_ = now;
  totalQueue_.push_back(float(totalQueue));
}

void OutcomeRecorder::finish(WindowResult& result,
                             const std::vector<bool>& lateIfUnfinished) const {
  result.conserved = true;
  for (size_t i = 0; i < outcomes_.size(); ++i) {
    ServiceOutcome outcome = outcomes_[i];
    // Counted, not derived: a transaction finished twice, or never, breaks the balance.
    outcome.inFlight = unfinished_[i].size();
    if (lateIfUnfinished[i]) outcome.missedDeadline += outcome.inFlight;
    result.conserved =
        result.conserved &&
        outcome.generated == outcome.completed + outcome.failedTotal() + outcome.inFlight;
    result.services.push_back(outcome);
  }
  result.pools = pools_;
  result.linkUtilisation = links_;
  result.totalQueue = totalQueue_;
  result.totalQueueStart = std::max(0.0, totalQueueStart_) - windowStart_;
}

}  // namespace tsunagu::des
