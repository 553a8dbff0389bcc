#include <gtest/gtest.h>

#include "models/nation/nation_builder.hpp"
#include "models/queueing/queueing.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::analytic {
namespace {

// tests/scenarios/plan-check.yaml, worked by hand: 2,400 eligibility checks a day at full
// adoption, spread flat over 24 hours = 100 an hour for the two clinics together. The volume
// scales with the share of facilities using the service: clinic-a alone in FY2022 (50 an
// hour), both from 2023-04-01 (100 an hour). Request 1.5 KB, response 7.5 KB.
class PlanCheck : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new Scenario(io::loadScenario(test::sourcePath("tests/scenarios/plan-check.yaml")));
    nation_ = buildNation(*scenario_).release();
    plan_ = new PlanResult(runPlan(*nation_));
  }
  static void TearDownTestSuite() {
    delete plan_;
    delete nation_;
    delete scenario_;
  }
  size_t link(const std::string& name) const {
    const auto& names = plan_->links.names;
    auto it = std::find(names.begin(), names.end(), name);
    EXPECT_NE(it, names.end()) << name;
    return size_t(it - names.begin());
  }
  static size_t hourOf(const char* date, int hour) {
    return size_t(*Date::parse(date) - plan_->start) * 24 + size_t(hour);
  }
  static Scenario* scenario_;
  static Nation* nation_;
  static PlanResult* plan_;
};

Scenario* PlanCheck::scenario_ = nullptr;
Nation* PlanCheck::nation_ = nullptr;
PlanResult* PlanCheck::plan_ = nullptr;

constexpr double kUpBps = 100 * 1500 * 8 / 3600.0;    // 333.3 b/s towards the data center
constexpr double kDownBps = 100 * 7500 * 8 / 3600.0;  // 1,666.7 b/s back (both clinics)

TEST_F(PlanCheck, HourlyLoadFollowsTheRoute) {
  for (const char* name : {"pop -- core", "core -- dc"}) {
    size_t l = link(name);
    size_t fy2022 = hourOf("2022-06-01", 3), fy2023 = hourOf("2023-12-24", 15);
    EXPECT_NEAR(plan_->links.forwardBps.at(l, fy2022), kUpBps / 2, 1e-3) << name;
    EXPECT_NEAR(plan_->links.backwardBps.at(l, fy2022), kDownBps / 2, 1e-3) << name;
    EXPECT_NEAR(plan_->links.forwardBps.at(l, fy2023), kUpBps, 1e-3) << name;
    EXPECT_NEAR(plan_->links.backwardBps.at(l, fy2023), kDownBps, 1e-3) << name;
  }
  EXPECT_EQ(plan_->hours, size_t(731 * 24));  // 2022-04-01 .. 2024-03-31, a leap year inside
  EXPECT_EQ(plan_->fiscalYears, (std::vector<int>{2022, 2023}));
}

TEST_F(PlanCheck, BusyHourUtilisationAndTier) {
  size_t l = link("core -- dc");
  EXPECT_NEAR(plan_->links.busyBps.at(l, 0), kDownBps / 2, 1e-3);
  EXPECT_NEAR(plan_->links.meanBps.at(l, 1), kDownBps, 1e-3);
  EXPECT_NEAR(plan_->links.peakUtilisation.at(l, 1), kDownBps / 100e6, 1e-10);
  // The smallest dedicated tier (100 Mbps) already keeps the busy hour under 70%.
  EXPECT_EQ(plan_->links.tierNeeded[l][0], "100Mbps");
  EXPECT_TRUE(plan_->links.firstBreach[l].empty());
}

TEST_F(PlanCheck, PoolArrivalsAndServers) {
  ASSERT_EQ(plan_->pools.names.size(), 1u);
  double lambda = 100 / 3600.0;
  EXPECT_NEAR(plan_->pools.arrivalsPerSecond.at(0, hourOf("2023-06-13", 9)), lambda, 1e-9);
  EXPECT_NEAR(plan_->pools.arrivalsPerSecond.at(0, hourOf("2022-05-10", 9)), lambda / 2, 1e-9);
  EXPECT_NEAR(plan_->pools.busyArrivals.at(0, 1), lambda, 1e-9);
  // One server: M/M/1 with mu = 20/s; the p95 target of 3 s is met easily.
  EXPECT_EQ(plan_->pools.servers.at(0, 1), 1);
  double mu = 1 / 0.05;
  EXPECT_NEAR(plan_->pools.p95Response.at(0, 1), std::log(20.0) / (mu - lambda), 1e-6);
  EXPECT_NEAR(plan_->pools.utilisation.at(0, 1), lambda * 0.05, 1e-9);
}

TEST_F(PlanCheck, ServicesCountTransactionsAndUsers) {
  const auto& s = plan_->services;
  ASSERT_EQ(s.names, (std::vector<std::string>{"eligibility"}));
  EXPECT_NEAR(s.transactions.at(0, 0), 1200.0 * 365, 1e-6);  // FY2022: 365 days, half
  EXPECT_NEAR(s.transactions.at(0, 1), 2400.0 * 366, 1e-6);  // FY2023: to 2024-03-31
  EXPECT_NEAR(s.bytes.at(0, 0), 1200.0 * 365 * 9000, 1e-3);
  EXPECT_EQ(s.users.at(0, 0), 1);
  EXPECT_EQ(s.users.at(0, 1), 2);
  EXPECT_EQ(s.routedUsers.at(0, 1), 2);
  // One way: ip-vpn 5 ms + backbone 1 ms + dedicated 2 ms = 8 ms.
  EXPECT_NEAR(s.networkLatencyMs.at(0, 1), 8.0, 1e-9);
}

TEST_F(PlanCheck, CostsByHand) {
  const auto& c = plan_->costs;
  auto row = [&](const std::string& name) {
    auto it = std::find(c.components.begin(), c.components.end(), name);
    EXPECT_NE(it, c.components.end()) << name;
    return size_t(it - c.components.begin());
  };
  // ip-vpn 1 Gbps: ¥6,200 a month. clinic-a all of both years; clinic-b from 2023-04-01,
  // a new line then (set-up ¥18,800).
  size_t lines = row("lines: ip-vpn");
  EXPECT_NEAR(c.runningYen.at(lines, 0), 6200 * 12 * 365 / 365.0, 1e-6);
  EXPECT_NEAR(c.runningYen.at(lines, 1), 2 * 6200 * 12 * 366 / 365.0, 1e-6);
  EXPECT_NEAR(c.initialYen.at(lines, 0), 0.0, 1e-9);
  EXPECT_NEAR(c.initialYen.at(lines, 1), 18800.0, 1e-9);
  // One server at ¥1,000,000 a year.
  size_t servers = row("central servers");
  EXPECT_NEAR(c.runningYen.at(servers, 0), 1e6, 1e-6);
  EXPECT_NEAR(c.runningYen.at(servers, 1), 1e6 * 366 / 365.0, 1e-6);
  double total0 = 0;
  for (size_t r = 0; r < c.components.size(); ++r) total0 += c.initialYen.at(r, 0) + c.runningYen.at(r, 0);
  EXPECT_NEAR(c.totalYen[0], total0, 1e-6);
  EXPECT_NEAR(c.netPresentValueYen, c.totalYen[0] + c.totalYen[1] / 1.03, 1e-3);
  EXPECT_NEAR(c.yenPerTransaction[0], c.totalYen[0] / (1200.0 * 365), 1e-9);
}

TEST(RolloutStates, MonthsEventsFiscalYearsAndLinkDates) {
  Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/plan-check.yaml"));
  auto states = rolloutStates(scenario);
  EXPECT_EQ(states.size(), 24u);  // 24 months; the link date 2023-04-01 is a month start
  EXPECT_EQ(states.front().first, *Date::parse("2022-04-01"));
  EXPECT_EQ(states.back().second, *Date::parse("2024-04-01"));
  for (size_t i = 1; i < states.size(); ++i) EXPECT_EQ(states[i].first, states[i - 1].second);
  scenario.links[1].since = Date::parse("2023-04-15");
  EXPECT_EQ(rolloutStates(scenario).size(), 25u);
  scenario.planning.monthsPerState = 3;
  EXPECT_EQ(rolloutStates(scenario).size(), 9u);
}

}  // namespace
}  // namespace tsunagu::analytic

namespace tsunagu::analytic {
namespace {

TEST(PlanDirections, ALinkWrittenTheOtherWayCarriesRequestsBackward) {
  Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/plan-check.yaml"));
  std::swap(scenario.links[2].from, scenario.links[2].to);  // now "core -- pop"
  auto nation = buildNation(scenario);
  PlanResult plan = runPlan(*nation);
  size_t l = size_t(std::find(plan.links.names.begin(), plan.links.names.end(), "core -- pop") -
                    plan.links.names.begin());
  ASSERT_LT(l, plan.links.names.size());
  size_t hour = size_t(*Date::parse("2023-06-13") - plan.start) * 24 + 10;
  EXPECT_NEAR(plan.links.backwardBps.at(l, hour), 100 * 1500 * 8 / 3600.0, 1e-3);  // requests
  EXPECT_NEAR(plan.links.forwardBps.at(l, hour), 100 * 7500 * 8 / 3600.0, 1e-3);   // responses
}

}  // namespace
}  // namespace tsunagu::analytic
