#pragma once

#include <map>
#include <string>

#include "models/core/date.hpp"

namespace tsunagu {

struct Holiday {
  std::string name;
  std::string kind;  // national | substitute | citizens
};

// Japanese public holidays, loaded from the shipped table (models/data/holidays.csv).
class HolidayCalendar {
 public:
  void add(Date date, Holiday holiday) { holidays_[date] = std::move(holiday); }
  bool isHoliday(Date date) const { return holidays_.count(date) != 0; }
  const Holiday* find(Date date) const;
  bool covers(Date date) const;
  Date first() const { return holidays_.begin()->first; }
  Date last() const { return holidays_.rbegin()->first; }
  size_t size() const { return holidays_.size(); }

 private:
  std::map<Date, Holiday> holidays_;
};

// How a day counts for demand: the weekday, or a holiday (which behaves like a Sunday).
enum class DayType { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, Holiday };
inline constexpr int kDayTypeCount = 8;

DayType dayType(Date date, const HolidayCalendar& calendar);
const char* dayTypeName(DayType type);

}  // namespace tsunagu
