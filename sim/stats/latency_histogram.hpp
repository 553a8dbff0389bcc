#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tsunagu::stats {

// Latencies in logarithmic buckets: bucket i covers [min·γ^i, min·γ^(i+1)) with
// γ = (1+ε)/(1−ε), so any quantile read from a bucket is within a relative error ε of a value
// that was recorded (the DDSketch construction). Fixed memory, mergeable, deterministic.
class LatencyHistogram {
 public:
  explicit LatencyHistogram(double relativeError = 0.01, double minSeconds = 1e-6,
                            double maxSeconds = 1e6);

  void add(double seconds, std::uint64_t times = 1);
  void merge(const LatencyHistogram& other);  // same error and range

  std::uint64_t count() const { return count_; }
  double mean() const { return count_ ? sum_ / double(count_) : 0.0; }
  double max() const { return max_; }
  // The q-quantile (0 < q < 1), within the relative error of a recorded value.
  double quantile(double q) const;

  double relativeError() const { return error_; }
  std::vector<double> bucketLowerEdges() const;
  const std::vector<std::uint64_t>& counts() const { return counts_; }
  std::uint64_t underflow() const { return underflow_; }  // below minSeconds (zero waits)

 private:
  std::size_t bucketOf(double seconds) const;
  double representative(std::size_t bucket) const;

  double error_, gamma_, logGamma_, min_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t underflow_ = 0, count_ = 0;
  double sum_ = 0, max_ = 0;
};

}  // namespace tsunagu::stats
