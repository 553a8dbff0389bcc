// Latin hypercube sampling and the inverse CDFs of the uncertainty study (sim/study/).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "sim/study/distributions.hpp"
#include "sim/study/latin_hypercube.hpp"
#include "sim/study/uncertainty_result.hpp"

namespace tsunagu::study {
namespace {

Distribution normal(double mean, double sd) {
  Distribution d;
  d.kind = Distribution::Kind::Normal;
  d.mean = mean;
  d.sd = sd;
  return d;
}

Distribution bounded(Distribution::Kind kind, double min, double mode, double max) {
  Distribution d;
  d.kind = kind;
  d.min = min;
  d.mode = mode;
  d.max = max;
  return d;
}

TEST(LatinHypercube, EveryStratumOfEveryDimensionIsHitExactlyOnce) {
  const size_t n = 137;
  auto points = latinHypercube(n, {"growth", "shift", "third"}, 42);
  ASSERT_EQ(points.size(), 3u);
  for (const auto& column : points) {
    ASSERT_EQ(column.size(), n);
    std::vector<int> hits(n, 0);
    for (double u : column) {
      ASSERT_GT(u, 0.0);
      ASSERT_LT(u, 1.0);
      ++hits[size_t(std::floor(u * double(n)))];
    }
    EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
  // The strata are paired differently in each dimension (a random permutation each), so the
  // points do not all lie on the diagonal.
  std::vector<size_t> a(n), b(n);
  for (size_t i = 0; i < n; ++i) {
    a[i] = size_t(points[0][i] * double(n));
    b[i] = size_t(points[1][i] * double(n));
  }
  EXPECT_NE(a, b);
}

TEST(LatinHypercube, ReproducibleFromTheSeedAndEachDimensionKeyedByItsName) {
  auto first = latinHypercube(50, {"growth", "shift"}, 7);
  EXPECT_EQ(first, latinHypercube(50, {"growth", "shift"}, 7));
  EXPECT_NE(first, latinHypercube(50, {"growth", "shift"}, 8));
  // A dimension's coordinates do not depend on the others: added, removed or reordered.
  auto alone = latinHypercube(50, {"shift"}, 7);
  auto swapped = latinHypercube(50, {"other", "shift", "growth"}, 7);
  EXPECT_EQ(alone[0], first[1]);
  EXPECT_EQ(swapped[1], first[1]);
  EXPECT_EQ(swapped[2], first[0]);
}

TEST(LatinHypercube, ANormalThroughItsQuantileHasTheRightMeanAndVariance) {
  const size_t n = 2000;
  Distribution d = normal(0.03, 0.01);
  auto u = latinHypercube(n, {"growth"}, 1)[0];
  double mean = 0, squares = 0;
  for (double p : u) mean += quantile(d, p) / double(n);
  for (double p : u) squares += std::pow(quantile(d, p) - mean, 2);
  double sd = std::sqrt(squares / double(n - 1));
  // Stratification pins the mean far closer than the plain standard error, 0.01/sqrt(2000).
  EXPECT_NEAR(mean, 0.03, 0.01 / std::sqrt(double(n)));
  EXPECT_NEAR(sd, 0.01, 0.01 * 0.02);
}

TEST(Distributions, QuantilesAreTheInverseCdfs) {
  // The normal: the 97.5th percentile is mean + 1.959964 sd.
  EXPECT_NEAR(quantile(normal(3, 2), 0.975), 3 + 1.959964 * 2, 1e-5);
  EXPECT_NEAR(quantile(normal(3, 2), 0.5), 3, 1e-12);
  // The triangular (0, 1, 4): F(1) = 1/4, F(x) = 1 - (4 - x)^2 / 12 above the mode.
  Distribution t = bounded(Distribution::Kind::Triangular, 0, 1, 4);
  EXPECT_NEAR(quantile(t, 0.25), 1.0, 1e-12);
  EXPECT_NEAR(quantile(t, 1 - 4.0 / 12), 2.0, 1e-12);
  EXPECT_NEAR(quantile(t, 1.0 / 16), 0.5, 1e-12);  // below the mode F(x) = x^2 / 4
  Distribution uniform = bounded(Distribution::Kind::Uniform, -6, 0, 12);
  EXPECT_NEAR(quantile(uniform, 0.25), -1.5, 1e-12);
}

TEST(Distributions, ATruncatedNormalStaysWithinItsBoundsAndKeepsItsShapeInside) {
  Distribution d = normal(0.03, 0.02);
  d.min = 0.0;
  // Below 0 the normal holds Phi(-1.5) = 0.0668072; truncated there, its median is the normal's
  // quantile of 0.0668072 + 0.5 (1 - 0.0668072), z = 0.0838285.
  EXPECT_NEAR(quantile(d, 0.5), 0.03 + 0.02 * 0.0838285, 1e-7);
  EXPECT_GE(quantile(d, 1e-12), 0.0);
  EXPECT_NEAR(quantile(d, 1e-12), 0.0, 1e-9);
  // Its mean moves up by sd phi(alpha) / (1 - Phi(alpha)), alpha = -1.5.
  EXPECT_NEAR(meanOf(d), 0.03 + 0.02 * 0.1295176 / (1 - 0.0668072), 1e-6);
  EXPECT_LT(sdOf(d), 0.02);
}

TEST(Distributions, DegenerateDistributionsGiveTheirOneValue) {
  for (double p : {1e-9, 0.3, 0.999999}) {
    EXPECT_EQ(quantile(normal(0.05, 0), p), 0.05);
    EXPECT_EQ(quantile(bounded(Distribution::Kind::Uniform, 2, 2, 2), p), 2);
    EXPECT_EQ(quantile(bounded(Distribution::Kind::Triangular, 2, 2, 2), p), 2);
  }
  EXPECT_EQ(sdOf(normal(0.05, 0)), 0);
}

TEST(Distributions, MeansAndStandardDeviationsMatchTheTextbook) {
  Distribution t = bounded(Distribution::Kind::Triangular, -6, 0, 12);
  EXPECT_NEAR(meanOf(t), 2.0, 1e-12);
  EXPECT_NEAR(sdOf(t), std::sqrt((36.0 + 0 + 144 - 0 + 72 - 0) / 18), 1e-12);
  Distribution u = bounded(Distribution::Kind::Uniform, 0, 0, 0.1);
  EXPECT_NEAR(meanOf(u), 0.05, 1e-12);
  EXPECT_NEAR(sdOf(u), 0.1 / std::sqrt(12.0), 1e-12);
  EXPECT_NEAR(sdOf(normal(1, 0.5)), 0.5, 1e-12);
}

TEST(UncertaintyStatistics, BreachShareItsStandardErrorAndQuantilesAcrossSamples) {
  // Two elements, two years, four samples; rows element x years + year.
  analytic::Table<int> flags;
  flags.resize(4, 4);
  flags.values = {0, 0, 0, 0,   // element 0, year 0
                  1, 0, 1, 1,   // element 0, year 1
                  0, 0, 0, 1,   // element 1, year 0
                  1, 1, 1, 1};  // element 1, year 1
  BreachEstimate p = estimateBreaches(flags, 2);
  EXPECT_DOUBLE_EQ(p.probability.at(0, 1), 0.75);
  EXPECT_DOUBLE_EQ(p.standardError.at(0, 1), std::sqrt(0.75 * 0.25 / 4));
  EXPECT_DOUBLE_EQ(p.probability.at(1, 0), 0.25);
  EXPECT_DOUBLE_EQ(p.standardError.at(1, 1), 0.0);
  EXPECT_EQ(anyBreach(flags, 2), (std::vector<double>{0.25, 1.0}));
  analytic::Table<double> values;
  values.resize(1, 5);
  values.values = {4, 0, 3, 1, 2};
  auto q = quantilesAcrossSamples(values);
  // numpy.quantile([0..4], [.05, .25, .5, .75, .95]) = 0.2, 1, 2, 3, 3.8
  EXPECT_NEAR(q.at(0, 0), 0.2, 1e-12);
  EXPECT_NEAR(q.at(0, 1), 1.0, 1e-12);
  EXPECT_NEAR(q.at(0, 2), 2.0, 1e-12);
  EXPECT_NEAR(q.at(0, 4), 3.8, 1e-12);
  analytic::Table<double> drawn;  // samples x inputs
  drawn.resize(4, 2);
  drawn.values = {1, 10, 2, 10, 3, 10, 6, 10};
  SampleMoments m = momentsOf(drawn, 0);
  EXPECT_DOUBLE_EQ(m.mean, 3.0);
  EXPECT_DOUBLE_EQ(m.sd, std::sqrt((4.0 + 1 + 0 + 9) / 3));
  EXPECT_DOUBLE_EQ(momentsOf(drawn, 1).sd, 0.0);
}

}  // namespace
}  // namespace tsunagu::study
