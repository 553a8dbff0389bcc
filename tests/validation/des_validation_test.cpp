#include <gtest/gtest.h>

#include <fstream>
#include <numeric>

#include "fork_test.hpp"
#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::des {
namespace {

// tests/scenarios/plan-check.yaml in FY2023: both clinics use eligibility, 100 checks an hour
// in all, flat over the day. The DES over a week against the planner's hourly loads.
constexpr double kTolerance = 0.05;

struct Runs {
  WindowResult des;
  analytic::PlanResult plan;
};

Runs runBoth(std::uint64_t seed) {
  Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/plan-check.yaml"));
  auto nation = buildNation(scenario);
  WindowOptions window;
  window.first = *Date::parse("2023-06-05");
  window.days = 7;
  window.seed = seed;
  return {simulateWindow(*nation, window), analytic::runPlan(*nation)};
}

double mean(const std::vector<float>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

TEST(DesValidation, LinkAndPoolLoadsAgreeWithThePlannerWithinFivePercent) {
  test::runForked([] {
    Runs runs = runBoth(3);
    const auto& plan = runs.plan;
    size_t hour = size_t(*Date::parse("2023-06-05") - plan.start) * 24;
    for (const char* name : {"pop -- core", "core -- dc"}) {
      size_t l = size_t(std::find(plan.links.names.begin(), plan.links.names.end(), name) -
                        plan.links.names.begin());
      double planned =
          std::max(plan.links.forwardBps.at(l, hour), plan.links.backwardBps.at(l, hour));
      size_t d = size_t(std::find(runs.des.linkNames.begin(), runs.des.linkNames.end(), name) -
                        runs.des.linkNames.begin());
      double simulated = mean(runs.des.linkUtilisation[d]) * plan.links.capacityBps[l];
      EXPECT_NEAR(simulated, planned, kTolerance * planned) << name;
    }
    const ServiceOutcome& eligibility = runs.des.services.front();
    double arrivals = double(eligibility.generated) / (7 * 86400.0);
    EXPECT_NEAR(arrivals, plan.pools.arrivalsPerSecond.at(0, hour), kTolerance * 100 / 3600.0);
  });
}

TEST(DesValidation, EveryTransactionIsAccountedFor) {
  test::runForked([] {
    Runs runs = runBoth(4);
    EXPECT_TRUE(runs.des.conserved);
    for (const auto& s : runs.des.services)
      EXPECT_EQ(s.generated, s.completed + s.failedTotal() + s.inFlight) << s.service;
    EXPECT_GT(runs.des.services.front().completed, 7 * 2400 * 0.9);
  });
}

TEST(DesValidation, TheSameSeedGivesTheSameRunAndAnotherSeedAnotherOne) {
  std::string file = ::testing::TempDir() + "tsunagu-des-seed.txt";
  auto record = [&](std::uint64_t seed, const std::string& path) {
    test::runForked([seed, path] {
      Runs runs = runBoth(seed);
      FILE* out = std::fopen(path.c_str(), "w");
      const auto& s = runs.des.services.front();
      std::fprintf(out, "%llu %llu %.17g %.17g\n", (unsigned long long)s.generated,
                   (unsigned long long)s.completed, s.latency.quantile(0.5),
                   s.latency.quantile(0.99));
      std::fclose(out);
    });
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
  };
  std::string first = record(5, file), again = record(5, file), other = record(6, file);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, again);
  EXPECT_NE(first, other);
}

}  // namespace
}  // namespace tsunagu::des
