#include "sim/stats/mser.hpp"

#include <limits>

namespace tsunagu::stats {

Truncation mser5(const std::vector<double>& series) {
  constexpr std::size_t kBatch = 5;
  std::vector<double> batches;
  for (std::size_t i = 0; i + kBatch <= series.size(); i += kBatch) {
    double sum = 0;
    for (std::size_t k = i; k < i + kBatch; ++k) sum += series[k];
    batches.push_back(sum / kBatch);
  }
  Truncation best{0, std::numeric_limits<double>::infinity()};
  std::size_t k = batches.size();
  if (k < 2) return {0, 0};
  // Suffix sums make each candidate O(1).
  std::vector<double> sum(k + 1, 0.0), squares(k + 1, 0.0);
  for (std::size_t i = k; i-- > 0;) {
    sum[i] = sum[i + 1] + batches[i];
    squares[i] = squares[i + 1] + batches[i] * batches[i];
  }
  for (std::size_t d = 0; d <= k / 2; ++d) {
    double n = double(k - d), mean = sum[d] / n;
    double spread = squares[d] - n * mean * mean;
    double statistic = (spread < 0 ? 0 : spread) / (n * n);
    if (statistic < best.statistic) best = {d * kBatch, statistic};
  }
  return best;
}

}  // namespace tsunagu::stats
