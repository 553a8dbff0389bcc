#include <gtest/gtest.h>

#include "models/demand/demand_model.hpp"
#include "models/nation/nation_builder.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

// Every expected value below is worked out by hand from tests/scenarios/demand-check.yaml and
// the shipped profiles: outpatient hour shares (09:00 = 0.17), weekday weights (Tuesday 1.0,
// Wednesday 0.95, holiday 0.05), after-holiday x1.15, May x0.98, claims window (10th = 0.26),
// eligibility sizes 1.5 KB + 7.5 KB.
class DemandCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = io::loadScenario(test::sourcePath("tests/scenarios/demand-check.yaml"));
    nation_ = buildNation(scenario_);
    model_ = std::make_unique<DemandModel>(*nation_);
  }
  const ServiceDemand& demand(const std::vector<ServiceDemand>& all, const std::string& id) {
    for (const auto& d : all)
      if (d.service == id) return d;
    throw std::runtime_error("no demand for " + id);
  }
  const ServiceVolume& volume(const std::string& service, const std::string& origin) {
    for (const auto& v : scenario_.data.volumes)
      if (v.service == service && v.origin == origin) return v;
    throw std::runtime_error("no volume");
  }
  Vertex vertex(const std::string& name) {
    auto v = nation_->find(name);
    EXPECT_TRUE(v.has_value());
    return v.value_or(Vertex{});
  }
  Scenario scenario_;
  std::unique_ptr<Nation> nation_;
  std::unique_ptr<DemandModel> model_;
};

Date d(const char* text) {
  return *Date::parse(text);
}

TEST_F(DemandCheck, ReferenceTuesdaySplitsByWeight) {
  // Tuesday 2023-05-09: 1000 x 1.0 x 0.98 = 980 a day; clinic-b has weight 3 of 4.
  auto all = model_->demandOn(d("2023-05-09"));
  const auto& eligibility = demand(all, "eligibility");
  EXPECT_NEAR(model_->dayVolume(volume("eligibility", "clinic"), d("2023-05-09")), 980.0, 1e-9);
  EXPECT_NEAR(
      model_->originShare(vertex("clinic-b"), volume("eligibility", "clinic"), d("2023-05-09")),
      0.75, 1e-12);
  // Clinics at 09:00: 980 x 0.17 = 166.6; pharmacies (profile one hour later) add 800 x 0.98 x 0.10
  // = 78.4.
  EXPECT_NEAR(eligibility.transactions[9], 166.6 + 78.4, 1e-9);
  // Bytes: 9,000 per transaction.
  EXPECT_NEAR(eligibility.bytes[9], (166.6 + 78.4) * 9000.0, 1e-6);
  EXPECT_NEAR(eligibility.dailyTransactions(), 980.0 + 784.0, 1e-9);
}

TEST_F(DemandCheck, DayAfterAHolidayAndTheHolidayItself) {
  // Wednesday 2025-05-07 follows the substitute holiday of 2025-05-06.
  EXPECT_NEAR(model_->dayVolume(volume("eligibility", "clinic"), d("2025-05-07")),
              1000 * 0.95 * 1.15 * 0.98, 1e-9);
  EXPECT_NEAR(model_->dayVolume(volume("eligibility", "clinic"), d("2025-05-06")),
              1000 * 0.05 * 0.98, 1e-9);
}

TEST_F(DemandCheck, AdoptionStepsThroughAGroupOfFacilities) {
  // Four pharmacies have ranks 0.125, 0.375, 0.625, 0.875; the curve is 50% on 2021-01-06.
  Vertex pharmacies = vertex("pharmacies");
  EXPECT_EQ(nation_->usersOn(pharmacies, "eligibility", d("2020-12-31")), 0);
  EXPECT_EQ(nation_->usersOn(pharmacies, "eligibility", d("2021-01-06")), 2);
  EXPECT_EQ(nation_->usersOn(pharmacies, "eligibility", d("2021-02-01")), 4);
  auto all = model_->demandOn(d("2021-01-06"));  // a Wednesday in January: 0.95 x 1.08
  double pharmacyDaily = 800 * 0.95 * 1.08 * 0.5;
  double clinicDaily = 1000 * 0.95 * 1.08;
  EXPECT_NEAR(demand(all, "eligibility").dailyTransactions(), pharmacyDaily + clinicDaily, 1e-9);
}

TEST_F(DemandCheck, MonthlyClaimsFollowTheWindowAndKeepTheMonthlyTotal) {
  // 600 a month over window weights summing to 1.0; the 10th carries 0.26.
  EXPECT_NEAR(model_->dayVolume(volume("claims", "clinic"), d("2025-05-10")), 156.0, 1e-9);
  EXPECT_DOUBLE_EQ(model_->dayVolume(volume("claims", "clinic"), d("2025-05-11")), 0.0);
  double month = 0;
  for (Date day = d("2025-05-01"); day <= d("2025-05-31"); day = day.plusDays(1))
    month += model_->dayVolume(volume("claims", "clinic"), day);
  EXPECT_NEAR(month, 600.0, 1e-9);
  auto all = model_->demandOn(d("2025-05-10"));
  // Claims hour profile at 10:00 is 0.09; clinic-b's share is 3/4; 630 KB each plus 10 KB back.
  const auto& claims = demand(all, "claims");
  EXPECT_NEAR(claims.transactionsByPrefecture.at(13)[10], 156.0 * 0.09, 1e-9);
  EXPECT_NEAR(claims.bytes[10], 156.0 * 0.09 * (630e3 + 10e3), 1e-3);
}

TEST_F(DemandCheck, YearlyVolumesKeepTheFiscalYearTotal) {
  // FY2023 runs 2023-04-01..2024-03-31: 366 days with a uniform profile.
  const auto& exportVolume = volume("yearly-export", "dc-source");
  EXPECT_NEAR(model_->dayVolume(exportVolume, d("2023-06-01")), 365.0 / 366.0, 1e-12);
  EXPECT_NEAR(model_->dayVolume(exportVolume, d("2022-06-01")), 1.0, 1e-12);
  auto all = model_->demandOn(d("2022-06-01"));
  EXPECT_NEAR(demand(all, "yearly-export").transactions[3], 1.0 / 24.0, 1e-12);
  EXPECT_NEAR(demand(all, "yearly-export").dailyBytes(), 1e9 + 1e6, 1e-3);
}

TEST_F(DemandCheck, NothingBeforeAServiceGoesLive) {
  auto all = model_->demandOn(d("2020-04-01"));
  EXPECT_GT(
      demand(all, "claims").dailyTransactions() + demand(all, "eligibility").dailyTransactions(),
      0.0);
  Scenario late = scenario_;
  late.events[0].date = d("2024-01-01");  // eligibility goes live later
  auto nation = buildNation(late);
  DemandModel model(*nation);
  EXPECT_DOUBLE_EQ(demand(model.demandOn(d("2023-05-09")), "eligibility").dailyTransactions(), 0.0);
}

}  // namespace
}  // namespace tsunagu
