#include <gtest/gtest.h>

#include <cmath>

#include "sim/stats/estimate.hpp"
#include "sim/stats/mser.hpp"

namespace tsunagu::stats {
namespace {

TEST(Estimate, StudentTIntervalByHand) {
  // 1..5: mean 3, sd sqrt(2.5); t(0.975, 4) = 2.776445.
  Estimate e = estimate({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(e.mean, 3);
  EXPECT_NEAR(e.halfWidth, 2.776445 * std::sqrt(2.5) / std::sqrt(5.0), 1e-5);
  EXPECT_NEAR(e.relativeHalfWidth(), e.halfWidth / 3, 1e-12);
  EXPECT_TRUE(e.covers(3.5));
  EXPECT_FALSE(e.covers(5.0));
  EXPECT_TRUE(std::isinf(estimate({4.0}).halfWidth));  // one replication: no interval
  EXPECT_EQ(estimate({2, 2, 2}).halfWidth, 0);
}

TEST(Estimate, PairedDifferencesAndTheirVerdict) {
  Difference d = pairedDifference({10.1, 10.3, 9.9, 10.2}, {10.0, 10.2, 9.8, 10.1});
  EXPECT_NEAR(d.estimate.mean, 0.1, 1e-12);
  EXPECT_NEAR(d.estimate.halfWidth, 0, 1e-9);  // the same difference every time
  EXPECT_TRUE(d.significant());
  EXPECT_FALSE(pairedDifference({1, 3, 2}, {2, 2, 2}).significant());
}

TEST(Estimate, NoMoreDigitsThanTheUncertaintyHas) {
  EXPECT_EQ(withUncertainty(0.16803, 0.0008), "0.1680");
  EXPECT_EQ(withUncertainty(2.4513, 0.012), "2.45");
  EXPECT_EQ(withUncertainty(1234.4, 30), "1230");
  EXPECT_EQ(formatEstimate({23456, 1234, 10}), "23000 ± 1000");
  EXPECT_EQ(formatEstimate({0.16803, 0.0021, 10}), "0.168 ± 0.002");
  EXPECT_EQ(formatEstimate({51.3, 4.2, 10}), "51 ± 4");
}

TEST(Mser5, DeletesTheTransientAndKeepsAStationarySeries) {
  std::vector<double> series;
  for (int i = 0; i < 50; ++i) series.push_back(100.0 - 2 * i);       // a transient falling to 2
  for (int i = 0; i < 450; ++i) series.push_back(i % 2 ? 1.0 : 3.0);  // then steady around 2
  Truncation cut = mser5(series);
  EXPECT_EQ(cut.observations % 5, 0u);
  EXPECT_GE(cut.observations, 45u);
  EXPECT_LE(cut.observations, 55u);
  std::vector<double> steady(400, 0.0);
  for (size_t i = 0; i < steady.size(); ++i) steady[i] = i % 2 ? 1.0 : 3.0;
  EXPECT_EQ(mser5(steady).observations, 0u);
}

}  // namespace
}  // namespace tsunagu::stats

#include "sim/des/isolated/replications.hpp"

namespace tsunagu::des {
namespace {

// The sizing's and the failures' DES runs judge replications by one pooled summary: means of
// responses, counts and link loads, time-outs summed (one in any replication misses a level).
TEST(PooledSummary, MeansOfResponsesAndCountsTimeoutsSummed) {
  auto run = [](double p99, std::uint64_t failed, std::uint64_t timeouts, double link) {
    WindowSummary s;
    WindowSummary::Service e{"eligibility"};
    e.generated = 1000;
    e.completed = 1000 - failed;
    e.failed = failed;
    e.timeouts = timeouts;
    e.p99 = e.atTarget = p99;
    e.mean = p99 / 4;
    s.services = {e};
    s.links = {{"core -- dc", link}};
    s.conserved = true;
    return s;
  };
  WindowSummary pooled =
      pooledSummary({run(2.0, 10, 0, 0.5), run(3.0, 20, 2, 0.7), run(4.0, 30, 0, 0.6)});
  const auto& e = pooled.services.front();
  EXPECT_DOUBLE_EQ(e.p99, 3.0);
  EXPECT_DOUBLE_EQ(e.atTarget, 3.0);
  EXPECT_DOUBLE_EQ(e.mean, 0.75);
  EXPECT_EQ(e.failed, 20u);
  EXPECT_EQ(e.completed, 980u);
  EXPECT_EQ(e.timeouts, 2u);
  EXPECT_DOUBLE_EQ(pooled.links.front().busiestHourUtilisation, 0.6);
  EXPECT_TRUE(pooled.conserved);
  WindowSummary broken = run(1.0, 0, 0, 0.1);
  broken.conserved = false;
  EXPECT_FALSE(pooledSummary({run(1.0, 0, 0, 0.1), broken}).conserved);
}

TEST(PooledSummary, ReplicationSeedsStartFromTheRunsOwn) {
  EXPECT_EQ(replicationSeed(42, 0), 42u);
  EXPECT_NE(replicationSeed(42, 1), replicationSeed(42, 2));
  EXPECT_NE(replicationSeed(42, 1), replicationSeed(43, 1));
  EXPECT_LT(replicationSeed(42, 1), std::uint64_t(1) << 62);
  std::vector<IsolatedRun> runs(2);
  runs[0].options.seed = 5;
  runs[1].options.seed = 9;
  auto all = replicate(runs, 3);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[0].options.seed, 5u);
  EXPECT_EQ(all[1].options.seed, replicationSeed(5, 1));
  EXPECT_EQ(all[3].options.seed, 9u);
}

}  // namespace
}  // namespace tsunagu::des
