#include "sim/stats/latency_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tsunagu::stats {

LatencyHistogram::LatencyHistogram(double relativeError, double minSeconds, double maxSeconds)
    : error_(relativeError),
      gamma_((1 + relativeError) / (1 - relativeError)),
      logGamma_(std::log(gamma_)),
      min_(minSeconds) {
  if (relativeError <= 0 || relativeError >= 1 || minSeconds <= 0 || maxSeconds <= minSeconds)
    throw std::invalid_argument("latency histogram: bad error or range");
  counts_.assign(size_t(std::ceil(std::log(maxSeconds / minSeconds) / logGamma_)) + 1, 0);
}

size_t LatencyHistogram::bucketOf(double seconds) const {
  size_t bucket = size_t(std::floor(std::log(seconds / min_) / logGamma_));
  return std::min(bucket, counts_.size() - 1);
}

// The point of a bucket whose relative distance to both edges is ε.
double LatencyHistogram::representative(size_t bucket) const {
  double lower = min_ * std::exp(double(bucket) * logGamma_);
  return 2 * lower * gamma_ / (gamma_ + 1);
}

void LatencyHistogram::add(double seconds, std::uint64_t times) {
  count_ += times;
  sum_ += seconds * double(times);
  max_ = std::max(max_, seconds);
  if (seconds < min_) {
    underflow_ += times;
    return;
  }
  counts_[bucketOf(seconds)] += times;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.counts_.size() != counts_.size() || other.error_ != error_ || other.min_ != min_)
    throw std::invalid_argument("latency histogram: merging histograms of different shapes");
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  underflow_ += other.underflow_;
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
}

double LatencyHistogram::quantile(double q) const {
  if (count_ == 0) return 0.0;
  // The rank of the q-quantile among the sorted values, 1-based (nearest-rank definition).
  auto rank = std::uint64_t(std::ceil(q * double(count_)));
  if (rank <= underflow_) return 0.0;
  std::uint64_t seen = underflow_;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(representative(i), max_);
  }
  return max_;
}

std::vector<double> LatencyHistogram::bucketLowerEdges() const {
  std::vector<double> edges(counts_.size());
  for (size_t i = 0; i < edges.size(); ++i) edges[i] = min_ * std::exp(double(i) * logGamma_);
  return edges;
}

}  // namespace tsunagu::stats
