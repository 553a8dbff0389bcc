// `tsunagu uncertainty` and the study behind it on tests/scenarios/uncertainty-check.yaml, whose
// P(breach) per fiscal year is known in closed form (the computation is at the top of the file):
// a link's busy hour is 60 Mb/s x (1 + g)^k with g ~ uniform(0%, 10%) against a 70 Mb/s limit,
// and a one-server M/M/1 pool's arrivals 0.3/s x (1 + e)^k against the 0.355296/s that keep
// its p99 within 2.8 s.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "sim/io/results/design_file.hpp"
#include "sim/io/results/hdf5_file.hpp"
#include "sim/study/uncertainty.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

namespace fs = std::filesystem;

const std::string kCheck = "tests/scenarios/uncertainty-check.yaml";
const std::vector<int> kYears = {2021, 2022, 2023, 2024, 2025, 2026};

// P(x > threshold_k) for x ~ uniform(0, 10%), threshold_k = ratio^(1/k) - 1; 0 in year k = 0.
std::vector<double> handProbabilities(double ratio) {
  std::vector<double> p;
  for (size_t k = 0; k < kYears.size(); ++k) {
    double threshold = k == 0 ? INFINITY : std::pow(ratio, 1.0 / double(k)) - 1;
    p.push_back(std::clamp((0.10 - threshold) / 0.10, 0.0, 1.0));
  }
  return p;
}

const double kLinkRatio = 70.0 / 60.0;                        // limit / FY2021 busy hour
const double kPoolRatio = (2 - std::log(100.0) / 2.8) / 0.3;  // lambda* / FY2021 arrivals

size_t indexOf(const std::vector<std::string>& names, const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw std::runtime_error("no element " + name);
  return size_t(it - names.begin());
}

class UncertaintyCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tsunagu-uncertainty-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // A variant of uncertainty-check.yaml in the test's directory.
  std::string variant(const std::string& body) const {
    std::string file = path("variant.yaml");
    std::ofstream(file) << "name: variant\nextends: " << test::sourcePath(kCheck) << "\n" << body;
    return file;
  }

  fs::path dir_;
};

// The acceptance test: with 200 samples every estimate is within 3 standard errors of the hand
// computation, sqrt(p (1 - p) / 200) at the true p (so exactly right where p is 0 or 1).
TEST_F(UncertaintyCommand, BreachProbabilitiesMatchTheHandComputationWithinThreeStandardErrors) {
  auto r = test::runTsunagu("uncertainty " + test::sourcePath(kCheck) + " --samples 200 -o " +
                            path("check.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors << r.output;
  auto file = io::Hdf5Reader::open(path("check.h5"));
  EXPECT_EQ(*file.attributeString("/", "kind"), "uncertainty");
  EXPECT_EQ(*file.attributeInt("uncertainty", "samples"), 200);
  EXPECT_EQ(*file.attributeString("uncertainty", "method"), "superposition");
  ASSERT_EQ(file.readVector<std::int32_t>("uncertainty/fiscal_years"),
            std::vector<std::int32_t>(kYears.begin(), kYears.end()));
  const double n = 200;
  auto check = [&](const std::string& group, const std::string& name, const std::string& column,
                   double ratio) {
    size_t row = indexOf(file.readStrings("uncertainty/" + group + "/name"), name);
    auto estimate = file.readMatrix("uncertainty/" + group + "/" + column);
    auto standardError = file.readMatrix("uncertainty/" + group + "/" + column + "_se");
    auto hand = handProbabilities(ratio);
    for (size_t k = 0; k < kYears.size(); ++k) {
      double p = hand[k], got = estimate.at(row, k);
      SCOPED_TRACE(name + " FY" + std::to_string(kYears[k]) + ": hand " + std::to_string(p) +
                   ", estimated " + std::to_string(got));
      EXPECT_LE(std::abs(got - p), 3 * std::sqrt(p * (1 - p) / n) + 1e-12);
      EXPECT_NEAR(standardError.at(row, k), std::sqrt(got * (1 - got) / n), 1e-12);
    }
  };
  check("links", "core -- dc", "p_breach", kLinkRatio);
  check("pools", "eligibility@dc2", "p_miss", kPoolRatio);
  // The hand values themselves (docs and the scenario's comment quote them).
  EXPECT_NEAR(handProbabilities(kLinkRatio)[2], 0.1988, 5e-5);
  EXPECT_NEAR(handProbabilities(kLinkRatio)[5], 0.6869, 5e-5);
  EXPECT_NEAR(handProbabilities(kPoolRatio)[3], 0.4199, 5e-5);
  // The other links carry no breach; the CSV beside has one row per year and element.
  auto p = file.readMatrix("uncertainty/links/p_breach");
  size_t other = indexOf(file.readStrings("uncertainty/links/name"), "core -- dc2");
  for (size_t k = 0; k < kYears.size(); ++k) EXPECT_EQ(p.at(other, k), 0.0);
  std::ifstream csv(path("check.csv"));
  std::string header, line;
  std::getline(csv, header);
  EXPECT_EQ(header,
            "fiscal_year,kind,element,p_breach,standard_error,measure,p5,p25,p50,p75,p95,"
            "limit");
  size_t rows = 0;
  while (std::getline(csv, line)) ++rows;
  EXPECT_EQ(rows, kYears.size() * (3 + 1));  // 3 infrastructure links, 1 pool
  EXPECT_NE(r.output.find("FY2026       core -- dc"), std::string::npos) << r.output;
}

// A distribution without spread is the deterministic plan: P is exactly 0 or 1, as the plan
// with that growth written in the scenario breaches or not, by either method of the study.
TEST_F(UncertaintyCommand, ADistributionWithoutSpreadGivesTheDeterministicPlan) {
  Scenario scenario = io::loadScenario(test::sourcePath(kCheck));
  for (auto& input : scenario.uncertainty) {
    input.distribution = Distribution{};
    input.distribution.kind = Distribution::Kind::Normal;
    input.distribution.mean = input.service == "archive" ? 0.06 : 0.05;
  }
  Scenario fixed = scenario;
  for (auto& volume : fixed.data.volumes)
    volume.growthPerYear = volume.service == "archive" ? 0.06 : 0.05;
  auto nation = buildNation(fixed);
  analytic::PlanResult plan = analytic::runPlan(*nation);
  size_t link = indexOf(plan.links.names, "core -- dc");
  size_t pool = indexOf(plan.pools.names, "eligibility@dc2");
  // 60 x 1.06^3 = 71.5 Mb/s breaches from FY2024; 0.3 x 1.05^4 = 0.365/s misses from FY2025.
  EXPECT_EQ(plan.links.firstBreach[link].substr(0, 10), "2024-04-01");
  EXPECT_EQ(plan.pools.firstBreach[pool], "FY2025");
  for (bool superpose : {true, false}) {
    study::UncertaintyOptions options;
    options.samples = 5;
    options.superpose = superpose;
    study::UncertaintyResult result = study::runUncertainty(scenario, options);
    EXPECT_EQ(result.method, superpose ? "superposition" : "plan per sample");
    auto links = study::estimateBreaches(result.links.breach, kYears.size());
    auto pools = study::estimateBreaches(result.pools.missed, kYears.size());
    size_t l = indexOf(result.links.names, "core -- dc");
    size_t p = indexOf(result.pools.names, "eligibility@dc2");
    for (size_t k = 0; k < kYears.size(); ++k) {
      bool planBreaches = plan.links.peakUtilisation.at(link, k) > plan.utilisationTarget;
      bool planMisses = plan.pools.p99Response.at(pool, k) > 2.8;
      EXPECT_EQ(links.probability.at(l, k), planBreaches ? 1.0 : 0.0) << kYears[k];
      EXPECT_EQ(pools.probability.at(p, k), planMisses ? 1.0 : 0.0) << kYears[k];
      EXPECT_EQ(links.standardError.at(l, k), 0.0);
    }
  }
}

// Superposing 1 + inputs plans gives each sample the busy hours a plan of its own gives.
TEST_F(UncertaintyCommand, SuperpositionGivesTheBusyHoursOfAPlanPerSample) {
  Scenario scenario = io::loadScenario(test::sourcePath(kCheck));
  study::UncertaintyOptions options;
  options.samples = 12;
  study::UncertaintyResult superposed = study::runUncertainty(scenario, options);
  options.superpose = false;
  study::UncertaintyResult planned = study::runUncertainty(scenario, options);
  EXPECT_EQ(superposed.plansRun, 3u);
  EXPECT_EQ(planned.plansRun, 12u);
  EXPECT_EQ(superposed.values.values, planned.values.values);  // the same samples
  ASSERT_EQ(superposed.links.busyBps.values.size(), planned.links.busyBps.values.size());
  for (size_t i = 0; i < planned.links.busyBps.values.size(); ++i)
    EXPECT_NEAR(superposed.links.busyBps.values[i], planned.links.busyBps.values[i],
                1e-6 * planned.links.busyBps.values[i] + 1e-9);
  for (size_t i = 0; i < planned.pools.busyArrivals.values.size(); ++i)
    EXPECT_NEAR(superposed.pools.busyArrivals.values[i], planned.pools.busyArrivals.values[i],
                1e-6 * planned.pools.busyArrivals.values[i] + 1e-12);
  EXPECT_EQ(superposed.links.breach.values, planned.links.breach.values);
  EXPECT_EQ(superposed.pools.missed.values, planned.pools.missed.values);
}

// An adoption shift, one plan per sample: the clinic starts its archive on 2023-04-01 moved by
// s ~ uniform(-6, +6 months), rounded to whole days; 125 Mb/s breach the link from that day. So
// FY2022 breaches when the day falls before 2023-04-01, s < -0.5 d:
// P = (182.625 - 0.5) / 365.25 = 0.49863; FY2021 never, FY2023 onwards always.
TEST_F(UncertaintyCommand, AnAdoptionShiftMovesTheYearOfTheFirstBreach) {
  std::string file = variant(
      "volumes: {archive: {clinic: {volume: \"5,000/day\"}}}\n"
      "adoption: {archive: {2023-04-01: 100%}}\n"
      "uncertainty:\n"
      "  archive-growth: ~\n"
      "  eligibility-growth: ~\n"
      "  archive-pace: {key: adoption.archive.shift, distribution: uniform, min: -6months, max: "
      "6months}\n");
  auto r = test::runTsunagu("uncertainty " + file + " --samples 100 -o " + path("shift.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors << r.output;
  auto results = io::Hdf5Reader::open(path("shift.h5"));
  EXPECT_EQ(*results.attributeString("uncertainty", "method"), "plan per sample");
  EXPECT_EQ(*results.attributeInt("uncertainty", "plans_run"), 100);
  auto p = results.readMatrix("uncertainty/links/p_breach");
  size_t link = indexOf(results.readStrings("uncertainty/links/name"), "core -- dc");
  double hand = (182.625 - 0.5) / 365.25;
  EXPECT_EQ(p.at(link, 0), 0.0);
  EXPECT_LE(std::abs(p.at(link, 1) - hand), 3 * std::sqrt(hand * (1 - hand) / 100));
  for (size_t k = 2; k < kYears.size(); ++k) EXPECT_EQ(p.at(link, k), 1.0) << kYears[k];
  // The samples are stored in days; the sample where the shift is latest adopts in FY2023.
  auto values = results.readMatrix("uncertainty/samples");
  EXPECT_EQ(results.readStrings("uncertainty/inputs/units"), std::vector<std::string>{"d"});
  for (size_t s = 0; s < values.rows; ++s) {
    EXPECT_GE(values.at(s, 0), -182.625);
    EXPECT_LE(values.at(s, 0), 182.625);
  }
}

// --design: each fiscal year the file holds is judged with its design, the others with the
// scenario's own. Two 100 Mb/s lines in FY2024 and one 1 Gb/s line in FY2025 take the link's
// breaches away in those years, two servers the pool's in FY2025; FY2024's design fixes no
// servers, so the pool is sized by the rule there, as a plan with that design would; FY2023 and
// FY2026 keep the scenario's one server and link.
TEST_F(UncertaintyCommand, ADesignSetsTheCapacityOfTheYearsItCovers) {
  {
    auto out = io::Hdf5Writer::create(path("design.h5"));
    core::Design fy2024, fy2025;
    fy2024.setLink("core -- dc", {"100Mbps", 2, 200e6});
    fy2025.setLink("core -- dc", {"1Gbps", 1, 1e9});
    fy2025.setServers("eligibility", "dc2", 2);
    io::writeDesign(out, "designs/FY2024", fy2024);
    io::writeDesign(out, "designs/FY2025", fy2025);
    out.writeVector("designs/fiscal_years", std::vector<std::int32_t>{2024, 2025});
    out.commit();
  }
  auto r = test::runTsunagu("uncertainty " + test::sourcePath(kCheck) + " --samples 50 --design " +
                            path("design.h5") + " -o " + path("design-check.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors << r.output;
  auto file = io::Hdf5Reader::open(path("design-check.h5"));
  size_t link = indexOf(file.readStrings("uncertainty/links/name"), "core -- dc");
  auto capacity = file.readMatrix("uncertainty/links/capacity");
  EXPECT_EQ(capacity.at(link, 2), 100e6);  // FY2023: the scenario's link
  EXPECT_EQ(capacity.at(link, 3), 200e6);
  EXPECT_EQ(capacity.at(link, 4), 1e9);
  EXPECT_EQ(capacity.at(link, 5), 100e6);
  auto p = file.readMatrix("uncertainty/links/p_breach");
  auto missed = file.readMatrix("uncertainty/pools/p_miss");
  auto servers = file.readMatrix("uncertainty/pools/servers");
  EXPECT_GT(p.at(link, 2), 0.0);
  EXPECT_EQ(p.at(link, 3), 0.0);
  EXPECT_EQ(p.at(link, 4), 0.0);
  EXPECT_GT(p.at(link, 5), 0.5);
  EXPECT_GT(missed.at(0, 2), 0.0);  // FY2023: the scenario's one server
  EXPECT_EQ(missed.at(0, 3), 0.0);  // FY2024: sized by the rule
  EXPECT_EQ(missed.at(0, 4), 0.0);
  EXPECT_GT(missed.at(0, 5), 0.5);
  for (size_t s = 0; s < servers.cols; ++s) {
    EXPECT_EQ(servers.at(2, s), 1.0);  // pool 0, FY2023 (row 0 x 6 + 2), every sample
    EXPECT_EQ(servers.at(4, s), 2.0);
  }
  EXPECT_EQ(file.readStrings("manifest/input_roles"), std::vector<std::string>{"design"});
}

TEST_F(UncertaintyCommand, ADesignForNoYearOfTheHorizonIsBadInput) {
  {
    auto out = io::Hdf5Writer::create(path("later.h5"));
    core::Design design;
    design.setLink("core -- dc", {"1Gbps", 1, 1e9});
    io::writeDesign(out, "designs/FY2028", design);
    io::writeDesign(out, "designs/FY2029", design);
    out.writeVector("designs/fiscal_years", std::vector<std::int32_t>{2028, 2029});
    out.commit();
  }
  auto r = test::runTsunagu("uncertainty " + test::sourcePath(kCheck) + " --design " +
                            path("later.h5") + " -o " + path("later-check.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("no design for a fiscal year of the horizon FY2021..FY2026"),
            std::string::npos)
      << r.errors;
  EXPECT_FALSE(fs::exists(path("later-check.h5")));
}

TEST_F(UncertaintyCommand, BadInputExitsTwoWithNothingWritten) {
  // A scenario without an uncertainty section has nothing to sample.
  auto r = test::runTsunagu("uncertainty " + test::sourcePath("tests/scenarios/plan-check.yaml") +
                            " -o " + path("none.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("no uncertainty section"), std::string::npos) << r.errors;
  r = test::runTsunagu("uncertainty " + test::sourcePath(kCheck) + " --samples 1 -o " +
                       path("one.h5"));
  EXPECT_EQ(r.exitCode, 2);
  r = test::runTsunagu("uncertainty " +
                       test::sourcePath("tests/scenarios/bad/49-uncertainty-negative-sd.yaml") +
                       " -o " + path("bad.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("49-uncertainty-negative-sd.yaml:10:9: key "
                          "'uncertainty.claims-growth.sd'"),
            std::string::npos)
      << r.errors;
  r = test::runTsunagu("uncertainty " + test::sourcePath(kCheck) + " --design " +
                       path("missing.h5") + " -o " + path("design.h5"));
  EXPECT_EQ(r.exitCode, 2) << r.errors;
  EXPECT_TRUE(fs::is_empty(dir_));
  EXPECT_TRUE(r.output.empty());
}

}  // namespace
}  // namespace tsunagu
