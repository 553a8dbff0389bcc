#include "models/calendar/holiday_calendar.hpp"

namespace tsunagu {

const Holiday* HolidayCalendar::find(Date date) const {
  auto it = holidays_.find(date);
  return it == holidays_.end() ? nullptr : &it->second;
}

bool HolidayCalendar::covers(Date date) const {
  if (holidays_.empty()) return false;
  return Date::fromYmd(first().year(), 1, 1) <= date &&
         date <= Date::fromYmd(last().year(), 12, 31);
}

DayType dayType(Date date, const HolidayCalendar& calendar) {
  if (calendar.isHoliday(date)) return DayType::Holiday;
  return static_cast<DayType>(static_cast<int>(date.weekday()));
}

const char* dayTypeName(DayType type) {
  static const char* names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                "friday", "saturday", "sunday",    "holiday"};
  return names[static_cast<int>(type)];
}

}  // namespace tsunagu
