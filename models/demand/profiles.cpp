#include "models/demand/profiles.hpp"

namespace tsunagu {

double DemandProfiles::dayWeight(const ServiceSpec& service, Date date,
                                 const HolidayCalendar& holidays) const {
  double weight = 1.0;
  switch (service.dayProfile) {
    case DayProfile::Weekday:
      weight = dayWeights[static_cast<int>(dayType(date, holidays))];
      if (dayType(date, holidays) != DayType::Holiday && holidays.isHoliday(date.plusDays(-1)))
        weight *= afterHolidayMultiplier;
      break;
    case DayProfile::ClaimsWindow:
      weight = claimsWindow[date.day() - 1];
      break;
    case DayProfile::Uniform:
      break;
  }
  if (service.seasonal) weight *= monthMultipliers[date.month() - 1];
  return weight;
}

}  // namespace tsunagu
