// Uncertain inputs as a scenario writes them, and what they change: a volume's growth (compound
// by fiscal year), the `uncertainty` section, a sample's values applied to the scenario and an
// adoption curve shifted in time. Bad values are in tests/scenarios/bad/ (46-53).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "models/nation/nation_builder.hpp"
#include "sim/core/workload.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "sim/io/input/units.hpp"
#include "sim/study/sampled_scenario.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

namespace fs = std::filesystem;

const std::string kCheck = "tests/scenarios/uncertainty-check.yaml";

// A variant of uncertainty-check.yaml, written to a temporary file and loaded.
Scenario loadVariant(const std::string& body) {
  fs::path file = fs::temp_directory_path() / "tsunagu-uncertainty-variant.yaml";
  std::ofstream(file) << "name: variant\nextends: " << test::sourcePath(kCheck) << "\n" << body;
  Scenario scenario = io::loadScenario(file.string());
  fs::remove(file);
  return scenario;
}

const ServiceVolume& volumeOf(const Scenario& scenario, const std::string& service) {
  for (const auto& v : scenario.data.volumes)
    if (v.service == service) return v;
  throw std::runtime_error("no volume of " + service);
}

TEST(GrowthRate, ReadAsAFractionAYear) {
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseGrowthRate("3%/year")), 0.03);
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseGrowthRate("-1.5 %/yr")), -0.015);
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseGrowthRate("0.02/year")), 0.02);
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseGrowthRate("0")), 0.0);
  EXPECT_EQ(std::get<std::string>(io::parseGrowthRate("3%")),
            "expected a growth rate such as 3%/year or -1%/year, got '3%'");
  EXPECT_EQ(std::get<std::string>(io::parseGrowthRate("3%/month")),
            "expected a growth rate such as 3%/year or -1%/year (a rate a year), got '3%/month'");
  EXPECT_EQ(std::get<std::string>(io::parseGrowthRate("-100%/year")),
            "expected a growth above -100%/year and at most 100%/year, got '-100%/year'");
}

TEST(TimeShift, ReadInDaysEitherWay) {
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseTimeShift("-6months")), -6 * 365.25 / 12);
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseTimeShift("90d")), 90);
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseTimeShift("1 year")), 365.25);
  EXPECT_DOUBLE_EQ(std::get<double>(io::parseTimeShift("0")), 0);
  EXPECT_FALSE(io::ok(io::parseTimeShift("6")));
  EXPECT_FALSE(io::ok(io::parseTimeShift("6weeks")));
  EXPECT_FALSE(io::ok(io::parseTimeShift("11years")));
}

TEST(UncertaintySection, ReadWithItsKeysAndDistributions) {
  Scenario scenario = io::loadScenario(test::sourcePath(kCheck));
  ASSERT_EQ(scenario.uncertainty.size(), 2u);
  const UncertainInput& archive = scenario.uncertainty[0];
  EXPECT_EQ(archive.id, "archive-growth");
  EXPECT_EQ(archive.target, UncertainTarget::VolumeGrowth);
  EXPECT_EQ(archive.service, "archive");
  EXPECT_EQ(archive.origin, "");
  EXPECT_EQ(archive.distribution.kind, Distribution::Kind::Uniform);
  EXPECT_DOUBLE_EQ(archive.distribution.max, 0.10);
  EXPECT_EQ(scenario.uncertainty[1].origin, "clinic");

  Scenario shifted = loadVariant(
      "adoption: {archive: {2023-04-01: 100%}}\n"
      "uncertainty:\n"
      "  eligibility-growth: ~\n"
      "  pace: {key: adoption.archive.shift, distribution: triangular, min: -6months, mode: 0,"
      " max: 1year}\n"
      "  truncated: {key: volumes.eligibility.growth, distribution: normal, mean: 2%/year,"
      " sd: 3%/year, min: 0}\n");
  ASSERT_EQ(shifted.uncertainty.size(), 3u);  // the base's archive-growth, then the variant's
  const UncertainInput& pace = shifted.uncertainty[1];
  EXPECT_EQ(pace.target, UncertainTarget::AdoptionShift);
  EXPECT_DOUBLE_EQ(pace.distribution.min, -182.625);
  EXPECT_DOUBLE_EQ(pace.distribution.max, 365.25);
  EXPECT_DOUBLE_EQ(shifted.uncertainty[2].distribution.min, 0.0);
  EXPECT_DOUBLE_EQ(shifted.uncertainty[2].distribution.mean, 0.02);
}

TEST(VolumeGrowth, AServiceGrowthAppliesToEveryOriginThatHasNoneOfItsOwn) {
  Scenario scenario = io::loadScenario(test::sourcePath(kCheck));
  EXPECT_EQ(volumeOf(scenario, "archive").growthPerYear, 0.0);  // the default
  Scenario grown = loadVariant(
      "topology: {nodes: {dc3: {kind: datacenter}}, links: [{from: clinic, to: pop, technology: "
      "ip-vpn}, {from: pop, to: core, technology: backbone, tier: 10Gbps}, {from: core, to: dc, "
      "technology: dedicated, tier: 100Mbps}, {from: core, to: dc2, technology: dedicated, tier: "
      "100Mbps}, {from: core, to: dc3, technology: dedicated, tier: 100Mbps}]}\n"
      "volumes:\n"
      "  archive:\n"
      "    growth: 4%/year\n"
      "    dc3: {volume: 10/day, growth: -2%/year}\n");
  size_t rows = 0;
  for (const auto& v : grown.data.volumes) {
    if (v.service != "archive") continue;
    ++rows;
    EXPECT_DOUBLE_EQ(v.growthPerYear, v.origin == "dc3" ? -0.02 : 0.04) << v.origin;
  }
  EXPECT_EQ(rows, 2u);
}

// The planner's demand: fiscal year k of the horizon carries (1 + g)^k of the written volume,
// every day of it alike.
TEST(VolumeGrowth, CompoundsByFiscalYearFromTheHorizonStart) {
  Scenario scenario = loadVariant("volumes: {archive: {growth: 10%/year}}\n");
  auto nation = buildNation(scenario);
  core::Workload workload(*nation);
  size_t archive = 0;
  while (workload.entry(archive).service->id != "archive") ++archive;
  auto perDay = [&](const char* date) { return workload.perDay(*Date::parse(date))[archive]; };
  EXPECT_NEAR(perDay("2021-04-01"), 2400, 1e-9);
  EXPECT_NEAR(perDay("2022-03-31"), 2400, 1e-9);
  EXPECT_NEAR(perDay("2022-04-01"), 2400 * 1.1, 1e-9);
  EXPECT_NEAR(perDay("2024-02-29"), 2400 * 1.1 * 1.1, 1e-9);
  EXPECT_NEAR(perDay("2026-06-30"), 2400 * std::pow(1.1, 5), 1e-8);
}

TEST(SampledScenario, AGrowthSetsItsRowsAndAShiftMovesEveryCurveOfTheService) {
  Scenario scenario = loadVariant(
      "adoption: {archive: {clinic: {2023-04-01: 40%, 2024-04-01: 100%}, all: {2023-04-01: "
      "100%}}}\n"
      "uncertainty:\n"
      "  pace: {key: adoption.archive.shift, distribution: uniform, min: -1year, max: 1year}\n");
  ASSERT_EQ(scenario.uncertainty.size(), 3u);
  Scenario sampled = scenario;
  study::applySample(sampled, {0.07, 0.01, -31.4});  // the shift rounds to 31 days earlier
  EXPECT_DOUBLE_EQ(volumeOf(sampled, "archive").growthPerYear, 0.07);
  EXPECT_DOUBLE_EQ(volumeOf(sampled, "eligibility").growthPerYear, 0.01);
  const ServiceAdoption& moved = sampled.adoption.at("archive");
  const auto& clinic = moved.forKind(FacilityKind::Clinic).points();
  EXPECT_EQ(clinic[0].date, *Date::parse("2023-03-01"));
  EXPECT_EQ(clinic[1].date, *Date::parse("2024-03-01"));
  EXPECT_DOUBLE_EQ(clinic[0].share, 0.4);
  EXPECT_EQ(moved.forKind(FacilityKind::Pharmacy).points()[0].date, *Date::parse("2023-03-01"));
  // The scenario it was copied from is unchanged.
  EXPECT_EQ(scenario.adoption.at("archive").forKind(FacilityKind::Clinic).points()[0].date,
            *Date::parse("2023-04-01"));
}

}  // namespace
}  // namespace tsunagu
