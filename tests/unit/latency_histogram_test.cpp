#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sim/stats/latency_histogram.hpp"

namespace tsunagu::stats {
namespace {

TEST(LatencyHistogram, QuantilesWithinTheRelativeErrorOfTheExactOnes) {
  std::mt19937_64 generator(7);
  std::lognormal_distribution<double> latency(-3.0, 1.2);
  std::vector<double> values(200'000);
  LatencyHistogram histogram(0.01);
  for (double& v : values) {
    v = latency(generator);
    histogram.add(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.5, 0.9, 0.95, 0.99, 0.999}) {
    double exact = values[size_t(std::ceil(q * double(values.size()))) - 1];
    EXPECT_NEAR(histogram.quantile(q), exact, 0.01 * exact) << q;
  }
  EXPECT_EQ(histogram.count(), values.size());
  EXPECT_DOUBLE_EQ(histogram.max(), values.back());
}

TEST(LatencyHistogram, ZeroWaitsAndMerging) {
  LatencyHistogram a(0.01), b(0.01);
  for (int i = 0; i < 90; ++i) a.add(0.0);
  for (int i = 0; i < 10; ++i) b.add(2.0);
  a.merge(b);
  EXPECT_EQ(a.count(), 100u);
  EXPECT_EQ(a.underflow(), 90u);
  EXPECT_DOUBLE_EQ(a.quantile(0.5), 0.0);
  EXPECT_NEAR(a.quantile(0.95), 2.0, 0.02);
  EXPECT_NEAR(a.mean(), 0.2, 1e-12);
  EXPECT_THROW(a.merge(LatencyHistogram(0.02)), std::invalid_argument);
}

}  // namespace
}  // namespace tsunagu::stats
