// Morris elementary effects on functions whose answer is known.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <set>

#include "sim/study/morris.hpp"

namespace tsunagu::study {
namespace {

using Function = std::function<double(const std::vector<double>&)>;

std::vector<std::vector<double>> outputsOf(const std::vector<Trajectory>& trajectories,
                                           const Function& f) {
  std::vector<std::vector<double>> outputs;
  for (const auto& t : trajectories) {
    outputs.emplace_back();
    for (size_t k = 0; k < t.points(); ++k) outputs.back().push_back(f(t.point(k)));
  }
  return outputs;
}

TEST(Morris, TrajectoriesStepEveryInputOnceAlongTheGrid) {
  const int levels = 4;
  double delta = morrisDelta(levels);
  EXPECT_DOUBLE_EQ(delta, 2.0 / 3.0);
  auto trajectories = morrisTrajectories(5, 20, levels, 7);
  ASSERT_EQ(trajectories.size(), 20u);
  std::set<double> starts;
  for (const auto& t : trajectories) {
    std::set<size_t> stepped(t.order.begin(), t.order.end());
    EXPECT_EQ(stepped.size(), 5u);  // a permutation
    for (size_t k = 0; k < t.points(); ++k) {
      auto x = t.point(k);
      for (double v : x) {
        EXPECT_GE(v, -1e-12);
        EXPECT_LE(v, 1 + 1e-12);
        double level = v * (levels - 1);
        EXPECT_NEAR(level, std::round(level), 1e-9);  // on the grid
      }
      if (k == 0) continue;
      auto before = t.point(k - 1);
      int changed = 0;
      for (size_t i = 0; i < x.size(); ++i)
        if (x[i] != before[i]) {
          ++changed;
          EXPECT_NEAR(std::abs(x[i] - before[i]), delta, 1e-12);
        }
      EXPECT_EQ(changed, 1);
    }
    starts.insert(t.start.begin(), t.start.end());
  }
  EXPECT_EQ(starts.size(), 4u);  // every level is drawn as a start
}

TEST(Morris, TheSameSeedGivesTheSameTrajectoriesAndAnotherSeedOthers) {
  auto a = morrisTrajectories(6, 3, 4, 42), b = morrisTrajectories(6, 3, 4, 42);
  auto c = morrisTrajectories(6, 3, 4, 43);
  for (size_t t = 0; t < a.size(); ++t) {
    EXPECT_EQ(a[t].start, b[t].start);
    EXPECT_EQ(a[t].order, b[t].order);
  }
  bool differs = false;
  for (size_t t = 0; t < a.size(); ++t)
    differs |= a[t].start != c[t].start || a[t].order != c[t].order;
  EXPECT_TRUE(differs);
}

// A linear function: every elementary effect of input i is its coefficient, so mu = a_i,
// mu* = |a_i| and sigma = 0; an input the function ignores has none.
TEST(Morris, ALinearFunctionHasItsCoefficientsAsMuStarAndNoSpread) {
  const std::vector<double> a = {3.0, -2.0, 0.5, 0.0};
  auto trajectories = morrisTrajectories(a.size(), 10, 4, 1);
  auto outputs = outputsOf(trajectories, [&](const std::vector<double>& x) {
    double y = 10;
    for (size_t i = 0; i < a.size(); ++i) y += a[i] * x[i];
    return y;
  });
  auto ee = elementaryEffects(trajectories, outputs, morrisDelta(4));
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_NEAR(ee.mu[i], a[i], 1e-12) << i;
    EXPECT_NEAR(ee.muStar[i], std::abs(a[i]), 1e-12) << i;
    EXPECT_NEAR(ee.sigma[i], 0.0, 1e-12) << i;
  }
}

// y = x0^2: the step from x to x + delta has the effect (2x + delta); on a 4-level grid the
// lower end of a step is 0 or 1/3, so every effect is 2/3 or 4/3 and both occur.
TEST(Morris, ACurvedInputSpreadsItsEffects) {
  auto trajectories = morrisTrajectories(2, 40, 4, 5);
  auto outputs = outputsOf(trajectories, [](const std::vector<double>& x) { return x[0] * x[0]; });
  auto ee = elementaryEffects(trajectories, outputs, morrisDelta(4));
  double low = 0, expected = 0;
  for (const auto& t : trajectories) {
    low = std::min(t.start[0], t.start[0] + t.step[0]);
    expected += 2 * low + 2.0 / 3.0;
  }
  EXPECT_NEAR(ee.muStar[0], expected / double(trajectories.size()), 1e-12);
  EXPECT_GT(ee.sigma[0], 0.3);  // two values 2/3 apart, both drawn
  EXPECT_EQ(ee.muStar[1], 0.0);
}

TEST(Morris, InfiniteOutputs) {
  Trajectory t;
  t.start = {0.0, 0.0};
  t.order = {0, 1};
  t.step = {2.0 / 3.0, 2.0 / 3.0};
  double inf = std::numeric_limits<double>::infinity();
  // Input 0 takes the output from 1 to infinity; input 1 leaves it infinite.
  auto ee = elementaryEffects({t}, {{1.0, inf, inf}}, 2.0 / 3.0);
  EXPECT_TRUE(std::isinf(ee.muStar[0]));
  EXPECT_EQ(ee.muStar[1], 0.0);
}

}  // namespace
}  // namespace tsunagu::study
