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

Scenario load(const char* name, bool aggregate = false) {
  Scenario scenario = io::loadScenario(test::sourcePath(std::string("scenarios/") + name));
  scenario.aggregate = aggregate;
  return scenario;
}

const FailurePoint* findPoint(const std::vector<FailurePoint>& points, const std::string& name) {
  for (const auto& p : points)
    if (p.name == name) return &p;
  return nullptr;
}

TEST(NationalTopology, EveryFacilityOfTheDataTablesIsAVertex) {
  Scenario scenario = load("plan-2017.yaml");
  auto nation = buildNation(scenario);
  TopologySummary summary = summarizeTopology(*nation, d("2025-05-07"));
  for (FacilityKind kind : kFacilityKinds)
    EXPECT_EQ(summary.facilitiesByKind[static_cast<int>(kind)],
              scenario.data.totalFacilities(kind));
  EXPECT_EQ(summary.facilitiesByKind[0] + summary.facilitiesByKind[1] +
                summary.facilitiesByKind[2] + summary.facilitiesByKind[3],
            8193 + 104691 + 66818 + 62828);
  for (const auto& p : scenario.data.prefectures)
    for (FacilityKind kind : kFacilityKinds)
      EXPECT_EQ(summary.facilitiesByPrefecture[p.code][static_cast<int>(kind)], p.count(kind))
          << p.name;
  EXPECT_EQ(nation->facilityCount(), size_t(242530));
  EXPECT_EQ(summary.infrastructureByKind[NodeKind::Pop], 47);
  EXPECT_EQ(summary.infrastructureByKind[NodeKind::RegionalHub], 277);
  EXPECT_EQ(summary.infrastructureByKind[NodeKind::Ix], 1);
}

TEST(NationalTopology, AggregationKeepsCountsUsersAndLines) {
  Scenario explicitScenario = load("history.yaml");
  Scenario aggregated = load("history.yaml", true);
  auto a = buildNation(explicitScenario);
  auto b = buildNation(aggregated);
  EXPECT_LT(boost::num_vertices(b->graph()), 5000u);
  TopologySummary sa = summarizeTopology(*a, d("2023-02-19"));
  TopologySummary sb = summarizeTopology(*b, d("2023-02-19"));
  EXPECT_EQ(sa.facilitiesByKind, sb.facilitiesByKind);
  EXPECT_EQ(sa.linesByTechnology, sb.linesByTechnology);
  for (size_t i = 0; i < sa.services.size(); ++i) {
    EXPECT_EQ(sa.services[i].users, sb.services[i].users) << sa.services[i].service;
    EXPECT_EQ(sa.services[i].routed, sb.services[i].routed) << sa.services[i].service;
  }
}

TEST(NationalTopology, EligibilityAdoptionFollowsTheCurvesByKind) {
  Scenario scenario = load("history.yaml");
  auto nation = buildNation(scenario);
  TopologySummary summary = summarizeTopology(*nation, d("2023-02-19"));
  // On 2023-02-19 the curves give hospitals 60.1%, clinics 37.7%, dental 41.6%, pharmacies 74.6%.
  double expected = 8193 * 0.601 + 104691 * 0.377 + 66818 * 0.416 + 62828 * 0.746;
  for (const auto& reach : summary.services) {
    if (reach.service != "eligibility") continue;
    EXPECT_NEAR(reach.users, expected, 0.01 * expected);  // ranks are random draws
    EXPECT_EQ(reach.routed, reach.users);
  }
}

TEST(NationalTopology, IsdnLinesEndWithTheDigitalMode) {
  Scenario scenario = load("national-2017.yaml");
  auto nation = buildNation(scenario);
  TopologySummary before = summarizeTopology(*nation, d("2023-12-31"));
  TopologySummary after = summarizeTopology(*nation, d("2024-01-01"));
  EXPECT_GT(before.linesByTechnology["isdn"], 5000);
  EXPECT_EQ(after.linesByTechnology.count("isdn"), 0u);
  // Every ISDN user moves to IP-VPN; facilities that come online that very day add theirs.
  int newLines = after.linksByRole["access"] - before.linksByRole["access"];
  EXPECT_GE(newLines, 0);
  EXPECT_LT(newLines, 100);
  EXPECT_EQ(after.linesByTechnology["ip-vpn"],
            before.linesByTechnology["ip-vpn"] + before.linesByTechnology["isdn"] + newLines);
}

TEST(NationalTopology, WithoutAnIxTheCoreLinkIsASinglePointOfFailure) {
  Scenario scenario = load("national-2017.yaml");
  auto nation = buildNation(scenario);
  TopologySummary summary = summarizeTopology(*nation, d("2020-06-01"));
  const FailurePoint* coreLink = findPoint(summary.failures.links, "core-east -- core-west");
  ASSERT_NE(coreLink, nullptr);
  // Every facility in NTT West's area loses the central services in Tokyo.
  int west = 0;
  for (const auto& p : scenario.data.prefectures)
    if (p.carrierArea == "west")
      for (FacilityKind kind : kFacilityKinds) west += p.count(kind);
  EXPECT_GT(coreLink->facilitiesCutOff, west / 2);
  EXPECT_LE(coreLink->facilitiesCutOff, west);
  ASSERT_NE(findPoint(summary.failures.nodes, "core-east"), nullptr);
  ASSERT_NE(findPoint(summary.failures.nodes, "pop-13"), nullptr);
}

TEST(NationalTopology, TheIxGivesTheCoresASecondPath) {
  Scenario scenario = load("plan-2017.yaml");
  auto nation = buildNation(scenario);
  TopologySummary summary = summarizeTopology(*nation, d("2020-06-01"));
  EXPECT_EQ(findPoint(summary.failures.links, "core-east -- core-west"), nullptr);
  // The single IX itself now carries every consolidated regional-network member.
  const FailurePoint* ix = findPoint(summary.failures.nodes, "ix-east");
  ASSERT_NE(ix, nullptr);
  EXPECT_NE(std::find(ix->services.begin(), ix->services.end(), "rhin-view"), ix->services.end());
}

TEST(NationalTopology, ConsolidationMovesMembersOffTheirSeparateLines) {
  Scenario scenario = load("plan-2017.yaml");
  auto nation = buildNation(scenario);
  TopologySummary before = summarizeTopology(*nation, d("2019-03-31"));
  TopologySummary after = summarizeTopology(*nation, d("2019-04-01"));
  EXPECT_GT(before.linksByRole["regional-line"], 30000);
  EXPECT_LT(after.linksByRole["regional-line"], before.linksByRole["regional-line"] / 2);
  for (const auto& reach : after.services) {
    if (reach.service == "rhin-view") {
      EXPECT_EQ(reach.routed, reach.users);
    }
  }
}

}  // namespace
}  // namespace tsunagu
