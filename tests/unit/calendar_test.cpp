#include <gtest/gtest.h>

#include "models/scenario/reference_data.hpp"
#include "sim/io/input/reference_data_loader.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

const ReferenceData& shipped() {
  static const ReferenceData data = io::loadReferenceData(test::sourcePath("models/data"));
  return data;
}

Date d(const char* text) {
  return *Date::parse(text);
}

TEST(Date, ParsesOnlyRealCalendarDays) {
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2023-13-01"));
  EXPECT_FALSE(Date::parse("2023-1-01"));
  EXPECT_FALSE(Date::parse("20230101"));
  EXPECT_EQ(d("2021-10-20").toString(), "2021-10-20");
}

TEST(Date, WeekdaysAndFiscalYears) {
  EXPECT_EQ(d("2025-05-06").weekday(), Weekday::Tuesday);
  EXPECT_EQ(d("2019-05-01").weekday(), Weekday::Wednesday);
  EXPECT_EQ(d("2017-04-01").weekday(), Weekday::Saturday);
  EXPECT_EQ(d("2025-03-31").fiscalYear(), 2024);
  EXPECT_EQ(d("2025-04-01").fiscalYear(), 2025);
  EXPECT_EQ(d("2024-03-01") - d("2024-02-28"), 2);  // leap day
}

TEST(HolidayCalendar, KnownHolidays) {
  const auto& holidays = shipped().holidays;
  ASSERT_NE(holidays.find(d("2025-05-06")), nullptr);
  EXPECT_EQ(holidays.find(d("2025-05-06"))->kind, "substitute");
  ASSERT_NE(holidays.find(d("2019-05-01")), nullptr);
  EXPECT_EQ(holidays.find(d("2019-05-01"))->kind, "national");
  EXPECT_EQ(holidays.find(d("2019-04-30"))->kind, "citizens");
  EXPECT_EQ(holidays.find(d("2026-09-22"))->kind, "citizens");
  EXPECT_TRUE(holidays.isHoliday(d("2020-07-24")));  // Sports Day moved for the Olympics
  EXPECT_TRUE(holidays.isHoliday(d("2024-02-23")));  // Emperor's Birthday from 2020
  EXPECT_TRUE(holidays.isHoliday(d("2023-01-02")));  // New Year's Day on a Sunday
}

TEST(HolidayCalendar, KnownWorkingDays) {
  const auto& holidays = shipped().holidays;
  EXPECT_FALSE(holidays.isHoliday(d("2019-12-23")));  // no Emperor's Birthday in 2019
  EXPECT_FALSE(holidays.isHoliday(d("2020-10-12")));  // Sports Day was moved to July
  EXPECT_FALSE(holidays.isHoliday(d("2025-05-07")));
  EXPECT_TRUE(holidays.covers(d("2016-01-01")));
  EXPECT_TRUE(holidays.covers(d("2030-12-31")));
  EXPECT_FALSE(holidays.covers(d("2031-01-01")));
}

TEST(HolidayCalendar, DayTypesTreatHolidaysLikeSundays) {
  const auto& holidays = shipped().holidays;
  EXPECT_EQ(dayType(d("2025-05-06"), holidays), DayType::Holiday);
  EXPECT_EQ(dayType(d("2025-05-07"), holidays), DayType::Wednesday);
  EXPECT_EQ(dayType(d("2025-05-11"), holidays), DayType::Sunday);
}

TEST(DemandProfiles, DayWeightsCombineWeekdayHolidayMonthAndAfterHoliday) {
  const auto& data = shipped();
  ServiceSpec weekday;
  weekday.dayProfile = DayProfile::Weekday;
  weekday.seasonal = true;
  // Tuesday 2023-05-09: weight 1.0 x May 0.98.
  EXPECT_NEAR(data.profiles.dayWeight(weekday, d("2023-05-09"), data.holidays), 0.98, 1e-12);
  // Wednesday 2025-05-07 follows the substitute holiday: 0.95 x 1.15 x 0.98.
  EXPECT_NEAR(data.profiles.dayWeight(weekday, d("2025-05-07"), data.holidays), 0.95 * 1.15 * 0.98,
              1e-12);
  // The holiday itself: 0.05 x 0.98.
  EXPECT_NEAR(data.profiles.dayWeight(weekday, d("2025-05-06"), data.holidays), 0.05 * 0.98, 1e-12);
  ServiceSpec claims;
  claims.dayProfile = DayProfile::ClaimsWindow;
  claims.seasonal = false;
  EXPECT_DOUBLE_EQ(data.profiles.dayWeight(claims, d("2025-05-10"), data.holidays), 0.26);
  EXPECT_DOUBLE_EQ(data.profiles.dayWeight(claims, d("2025-05-11"), data.holidays), 0.0);
}

}  // namespace
}  // namespace tsunagu
