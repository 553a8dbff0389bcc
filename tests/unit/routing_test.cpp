#include <gtest/gtest.h>

#include "models/nation/nation_builder.hpp"
#include "models/network/topology_summary.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

Date d(const char* text) {
  return *Date::parse(text);
}

// scenarios/small-region.yaml: latencies are the technology tiers' (ip-vpn 5 ms, isdn 30 ms,
// ipsec-ike 10 ms, ix-port 0.5 ms, dedicated 2 ms).
class SmallRegion : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = io::loadScenario(test::sourcePath("scenarios/small-region.yaml"));
    nation_ = buildNation(scenario_);
  }
  Vertex vertex(const std::string& name) {
    auto v = nation_->find(name);
    EXPECT_TRUE(v.has_value()) << name;
    return v.value_or(Vertex{});
  }
  Scenario scenario_;
  std::unique_ptr<Nation> nation_;
};

TEST_F(SmallRegion, RouteLatencyIsTheSumOfLinkLatencies) {
  const ServiceSpec& eligibility = *scenario_.data.services.find("eligibility");
  RouteTable before(*nation_, d("2023-05-08"));
  auto hospital = before.route(vertex("hospital-a"), eligibility);
  ASSERT_TRUE(hospital);
  EXPECT_NEAR(hospital->latencySeconds, 0.005 + 0.0005 + 0.002, 1e-12);
  EXPECT_EQ(hospital->hops, 3);
  EXPECT_NEAR(before.route(vertex("clinic-b"), eligibility)->latencySeconds, 0.030 + 0.0025, 1e-12);
  // The ISDN line is replaced on 2024-01-01.
  RouteTable after(*nation_, d("2024-01-01"));
  EXPECT_NEAR(after.route(vertex("clinic-b"), eligibility)->latencySeconds, 0.005 + 0.0025, 1e-12);
}

TEST_F(SmallRegion, ExplicitJoinDatesOverrideAdoption) {
  EXPECT_EQ(nation_->usersOn(vertex("clinic-c"), "eligibility", d("2022-03-31")), 0);
  EXPECT_EQ(nation_->usersOn(vertex("clinic-c"), "eligibility", d("2022-04-01")), 1);
  EXPECT_EQ(nation_->usersOn(vertex("clinic-b"), "eligibility", d("2022-03-31")), 1);
  // The pharmacy has no claims volume in this scenario, so it does not use claims.
  EXPECT_EQ(nation_->usersOn(vertex("pharmacy-d"), "claims", d("2022-03-31")), 0);
}

std::vector<std::string> names(const std::vector<FailurePoint>& points) {
  std::vector<std::string> result;
  for (const auto& p : points) result.push_back(p.name);
  std::sort(result.begin(), result.end());
  return result;
}

TEST_F(SmallRegion, EveryInnerNodeAndLinkIsASinglePointOfFailure) {
  TopologySummary summary = summarizeTopology(*nation_, d("2023-05-08"));
  EXPECT_EQ(names(summary.failures.nodes),
            (std::vector<std::string>{"dc-central", "ix-1", "pop-tokyo"}));
  for (const auto& point : summary.failures.nodes)
    EXPECT_EQ(point.facilitiesCutOff, 4) << point.name;
  EXPECT_EQ(names(summary.failures.links),
            (std::vector<std::string>{"ix-1 -- dc-central", "pop-tokyo -- ix-1"}));
  EXPECT_EQ(summary.failures.articulationPoints, 1);  // ix-1 joins pop-tokyo and dc-central
  EXPECT_EQ(summary.failures.singleHomedFacilities, 4);
  EXPECT_EQ(summary.components, 1);
}

TEST_F(SmallRegion, ASecondPathRemovesTheSinglePointOfFailure) {
  Scenario redundant = scenario_;
  redundant.links.push_back({"pop-tokyo", "dc-central", "dedicated", "", std::nullopt, std::nullopt,
                             std::nullopt, std::nullopt});
  auto nation = buildNation(redundant);
  TopologySummary summary = summarizeTopology(*nation, d("2023-05-08"));
  // Only the PoP every facility hangs on and the data center itself remain.
  EXPECT_EQ(names(summary.failures.nodes), (std::vector<std::string>{"dc-central", "pop-tokyo"}));
  EXPECT_TRUE(summary.failures.links.empty());
}

TEST_F(SmallRegion, AFacilityWithTwoLinesDoesNotHideAFailurePoint) {
  // clinic-c gets a second line straight to the IX: a graph that let facilities relay would
  // see a detour around pop-tokyo for everyone; routing never relays through a facility.
  Scenario dual = scenario_;
  dual.links.push_back(
      {"clinic-c", "ix-1", "ip-vpn", "", std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  auto nation = buildNation(dual);
  TopologySummary summary = summarizeTopology(*nation, d("2023-05-08"));
  const FailurePoint* pop = nullptr;
  for (const auto& p : summary.failures.nodes)
    if (p.name == "pop-tokyo") pop = &p;
  ASSERT_NE(pop, nullptr);
  EXPECT_EQ(pop->facilitiesCutOff, 3);  // everyone but clinic-c
}

TEST_F(SmallRegion, SummaryCountsUsersAndLines) {
  TopologySummary summary = summarizeTopology(*nation_, d("2023-05-08"));
  EXPECT_EQ(summary.linesByTechnology["isdn"], 1);
  EXPECT_EQ(summary.linesByTechnology["ip-vpn"], 2);
  TopologySummary later = summarizeTopology(*nation_, d("2024-02-01"));
  EXPECT_EQ(later.linesByTechnology.count("isdn"), 0u);
  EXPECT_EQ(later.linesByTechnology["ip-vpn"], 3);
  for (const auto& reach : summary.services) {
    EXPECT_EQ(reach.users, reach.routed) << reach.service;
    if (reach.service == "claims") {
      EXPECT_EQ(reach.users, 3);  // hospital and two clinics
    }
  }
}

}  // namespace
}  // namespace tsunagu

namespace tsunagu {
namespace {

TEST(Routing, AHostThatCannotBeReachedHasNoRoute) {
  // Regional hubs that never join the IX are unreachable once members drop their own lines.
  Scenario scenario = io::loadScenario(test::sourcePath("scenarios/plan-2017.yaml"));
  scenario.ixCenters[0].joinsRegionalNetworks = false;
  auto nation = buildNation(scenario);
  TopologySummary summary = summarizeTopology(*nation, *Date::parse("2025-05-07"));
  for (const auto& reach : summary.services) {
    if (reach.service != "rhin-view") continue;
    EXPECT_GT(reach.users, 0);
    EXPECT_LT(reach.routed, reach.users / 2);  // only members who kept their own line
  }
}

}  // namespace
}  // namespace tsunagu
