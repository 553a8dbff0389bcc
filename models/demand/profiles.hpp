#pragma once

#include <array>
#include <map>
#include <string>

#include "models/calendar/holiday_calendar.hpp"
#include "models/services/service.hpp"

namespace tsunagu {

using HourProfile = std::array<double, 24>;  // share of a day's volume in each hour; sums to 1

// The calendar shape of demand: when in the day, week, month and year traffic arrives.
struct DemandProfiles {
  std::map<std::string, HourProfile> hourProfiles;
  std::array<double, kDayTypeCount> dayWeights{};  // Monday..Sunday, holiday
  std::array<double, 12> monthMultipliers{};       // January..December
  std::array<double, 31> claimsWindow{};           // weight of each day of the month
  double afterHolidayMultiplier = 1.0;  // the first working day after a holiday is busier

  // The weight of a date for a service's day profile; a reference day has weight 1.
  double dayWeight(const ServiceSpec& service, Date date, const HolidayCalendar& holidays) const;
};

}  // namespace tsunagu
