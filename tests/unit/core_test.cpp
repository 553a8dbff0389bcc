#include <gtest/gtest.h>

#include <cmath>

#include "design_fixture.hpp"
#include "models/nation/nation_builder.hpp"
#include "models/queueing/queueing.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/core/child_process.hpp"
#include "sim/core/design.hpp"
#include "sim/core/random_stream.hpp"
#include "sim/core/route_set.hpp"
#include "sim/core/servers.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "sim/io/results/design_file.hpp"
#include "sim/io/results/hdf5_file.hpp"
#include "test_support.hpp"

namespace tsunagu::core {
namespace {

// tests/scenarios/plan-check.yaml: eligibility at 2,400 checks a day from the clinics, flat over
// the day and alike every day.
TEST(Workload, TheHourlyRateIsTheDayTimesTheHourProfile) {
  Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/plan-check.yaml"));
  auto nation = buildNation(scenario);
  Workload workload(*nation);
  ASSERT_EQ(workload.size(), 1u);
  Date day = *Date::parse("2023-06-05");
  EXPECT_NEAR(workload.perDay(day)[0], 2400, 1e-9);
  for (int hour : {0, 9, 23}) EXPECT_NEAR(workload.perHour(0, day, hour), 100, 1e-9) << hour;
  EXPECT_EQ(workload.perDay(*Date::parse("2022-03-31")).size(), 1u);
}

TEST(ServersNeeded, TheOneRuleTakesTheLargerOfResponseAndUtilisation) {
  // 10/s of 0.5 s: 5 erlangs. At 70%, 8 servers; p99 within 3 s needs the M/M/c answer.
  PoolLevel level{10.0, 0.5, 1.0, 0.99, 3.0, 0.0, 0.7};
  int byResponse = queueing::serversNeeded(10.0, 0.5, 1.0, 0.99, 3.0);
  ASSERT_GT(byResponse, 0);
  ServerCount count = serversNeeded(level);
  EXPECT_TRUE(count.reachable);
  EXPECT_EQ(count.servers, std::max(byResponse, 8));
  level.percentile = 0;
  EXPECT_EQ(serversNeeded(level).servers, 8);
  level.utilisationTarget = 0.5;  // exactly 10 servers: a whole number is not rounded up
  EXPECT_EQ(serversNeeded(level).servers, 10);
  // A budget shorter than the service time's tail: no count meets it, sized to utilisation.
  ServerCount none = serversNeeded({10.0, 0.5, 1.0, 0.99, 0.1, 0.0, 0.7});
  EXPECT_FALSE(none.reachable);
  EXPECT_EQ(none.servers, 8);
  EXPECT_EQ(serversNeeded({0.0, 0.5, 1.0, 0.99, 3.0, 0.0, 0.7}).servers, 1);
}

class DesignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = io::loadScenario(test::sourcePath("scenarios/small-region.yaml"));
    nation_ = buildNation(scenario_);
  }
  Scenario scenario_;
  std::unique_ptr<Nation> nation_;
};

TEST_F(DesignTest, ServersByPoolThenRegionalHubsThenEveryHost) {
  scenario_.planning.servers["claims"] = 7;
  Design design = Design::fromScenario(scenario_);
  EXPECT_EQ(design.servers("claims", "dc-central", false), 7);
  EXPECT_FALSE(design.servers("eligibility", "dc-central", false).has_value());
  design.setServers("claims", "dc-central", 3);
  design.setServers("ehr-view", "rhin-hub", 5);
  EXPECT_EQ(design.servers("claims", "dc-central", false), 3);
  EXPECT_EQ(design.servers("claims", "dc-other", false), 7);
  EXPECT_EQ(design.servers("ehr-view", "hub-13", true), 5);
  EXPECT_FALSE(design.servers("ehr-view", "dc-central", false).has_value());
}

TEST_F(DesignTest, LinkCapacityComesFromTheDesignWhereItHasOne) {
  const NationGraph& g = nation_->graph();
  Design design;
  design.setLink("ix-1 -- dc-central", {"100Mbps", 2, 2e8});
  int overridden = 0;
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    bool named = nation_->linkName(e) == "ix-1 -- dc-central";
    overridden += named;
    EXPECT_EQ(design.capacityBps(*nation_, e), named ? 2e8 : g[e].capacity.bitsPerSecond)
        << nation_->linkName(e);
  }
  EXPECT_EQ(overridden, 1);
}

TEST_F(DesignTest, ProblemsNameWhatDoesNotFitTheNetwork) {
  Design design;
  EXPECT_TRUE(design.problems(*nation_).empty());
  design.setLink("ix-1 -- nowhere", {"1Gbps", 1, 1e9});
  design.setLink("pop-tokyo -- ix-1", {"1Gbps", 0, 1e9});
  design.setServers("imaging", "dc-central", 2);
  design.setServers("claims", "dc-moon", 2);
  design.setServers("eligibility", "dc-central", 0);
  auto problems = design.problems(*nation_);
  ASSERT_EQ(problems.size(), 5u);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  for (const char* expected :
       {"link 'ix-1 -- nowhere': no such link", "link 'pop-tokyo -- ix-1': capacity and lines",
        "does not model service 'imaging'", "no node named 'dc-moon'",
        "'eligibility@dc-central': servers must be at least 1"})
    EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
}

TEST_F(DesignTest, WrittenAndReadBackFromAResultsFile) {
  Design design;
  design.setLink("ix-1 -- dc-central", {"100Mbps", 3, 3e8});
  design.setServers("claims", "dc-central", 12);
  design.setServers("eligibility", Design::kEveryHost, 4);
  std::string path = ::testing::TempDir() + "tsunagu-design.h5";
  test::writeDesignFile(path, 2024, design);
  Design back = io::readDesign(path, 2024);
  EXPECT_EQ(back.links().at("ix-1 -- dc-central").lines, 3);
  EXPECT_EQ(back.links().at("ix-1 -- dc-central").tier, "100Mbps");
  EXPECT_EQ(back.links().at("ix-1 -- dc-central").capacityBps, 3e8);
  EXPECT_EQ(back.servers("claims", "dc-central", false), 12);
  EXPECT_EQ(back.servers("eligibility", "dc-central", false), 4);
  EXPECT_EQ(back.pools().size(), 2u);
  // One year in the file: that year's design whatever year is asked.
  EXPECT_EQ(io::readDesign(path, 2030).pools().size(), 2u);
  EXPECT_THROW(io::readDesign(test::sourcePath("tests/scenarios/plan-check.yaml"), 2024),
               io::InputError);
}

// The access-line load of a facility counts every entry it uses: a volume split into 70 equal
// rows (more than 64, the width of the old pattern mask) loads the lines exactly as one row.
TEST(RouteSet, AccessPatternsCountEveryEntryPastTheSixtyFourth) {
  Scenario one = io::loadScenario(test::sourcePath("scenarios/small-region.yaml"));
  Scenario split = one;
  auto& volumes = split.data.volumes;
  auto row = std::find_if(volumes.begin(), volumes.end(), [](const ServiceVolume& v) {
    return v.service == "eligibility" && v.origin == "hospital";
  });
  ASSERT_NE(row, volumes.end());
  ServiceVolume part = *row;
  part.volume /= 70;
  *row = part;
  for (int k = 1; k < 70; ++k) volumes.push_back(part);
  auto nationOne = buildNation(one), nationSplit = buildNation(split);
  Workload workload(*nationSplit);
  ASSERT_GT(workload.size(), 70u);
  NetworkIndex index(*nationSplit, workload);
  RouteSet routes = compileRoutes(index, workload, *Date::parse("2023-05-08"));
  size_t used = 0;
  for (const auto& pattern : routes.patternShares)
    for (size_t e = 64; e < pattern.size(); ++e) used += pattern[e] > 0;
  EXPECT_GT(used, 0u) << "no access pattern uses an entry past the 64th";
  analytic::PlanResult a = analytic::runPlan(*nationOne), b = analytic::runPlan(*nationSplit);
  ASSERT_EQ(a.accessClasses.size(), b.accessClasses.size());
  for (size_t i = 0; i < a.accessClasses.size(); ++i)
    EXPECT_NEAR(b.accessClasses[i].max, a.accessClasses[i].max, 1e-6 * a.accessClasses[i].max)
        << a.accessClasses[i].kind << " " << a.accessClasses[i].technology << " FY"
        << a.accessClasses[i].fiscalYear;
}

TEST(RandomStreams, KeysComeFromNamesNotPositions) {
  EXPECT_EQ(streamKey("arrivals", "eligibility|clinic|clinic-a"),
            streamKey("arrivals", "eligibility|clinic|clinic-a"));
  EXPECT_NE(streamKey("arrivals", "eligibility|clinic|clinic-a"),
            streamKey("sizes", "eligibility|clinic|clinic-a"));
  EXPECT_NE(streamKey("arrivals", "eligibility|clinic|clinic-a"),
            streamKey("arrivals", "eligibility|clinic|clinic-b"));
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  EXPECT_NE(streamKey("ab", "c"), streamKey("a", "bc"));
  EXPECT_GE(streamKey("x", "y"), std::uint64_t(1) << 63);  // away from the facility draws
}

TEST(ChildProcess, ExitCodesAndSignalsComeBackAndABadWaitThrows) {
  EXPECT_EQ(waitForChild(runInChild([] { return 0; })), 0);
  EXPECT_EQ(waitForChild(runInChild([] { return 7; })), 7);
  EXPECT_EQ(waitForChild(runInChild([]() -> int { throw std::runtime_error("boom"); })), 1);
  EXPECT_EQ(waitForChild(runInChild([]() -> int { std::abort(); })), 128 + SIGABRT);
  EXPECT_THROW(waitForChild(-1), std::runtime_error);  // no such child: not a silent success
}

TEST(NationFind, AnUnknownNameIsNoVertex) {
  Scenario scenario = io::loadScenario(test::sourcePath("scenarios/small-region.yaml"));
  auto nation = buildNation(scenario);
  EXPECT_FALSE(nation->find("no-such-node").has_value());
  EXPECT_FALSE(nation->findAny("clinic-13-999999").has_value());
  ASSERT_TRUE(nation->find("pop-tokyo").has_value());
  EXPECT_EQ(nation->name(*nation->find("pop-tokyo")), "pop-tokyo");
}

}  // namespace
}  // namespace tsunagu::core
