#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu {

enum class Weekday { Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

// A civil date (proleptic Gregorian), stored as days since 1970-01-01 so it orders and
// subtracts like an integer.
class Date {
 public:
  Date() = default;
  static Date fromYmd(int year, unsigned month, unsigned day);
  static Date fromDays(int daysSinceEpoch) { return Date(daysSinceEpoch); }
  // Accepts exactly YYYY-MM-DD with a valid calendar day.
  static std::optional<Date> parse(std::string_view text);

  int year() const;
  unsigned month() const;
  unsigned day() const;
  Weekday weekday() const;
  // Japanese fiscal year: April to March, named after the April.
  int fiscalYear() const;
  int daysSinceEpoch() const { return days_; }
  std::string toString() const;

  Date plusDays(int n) const { return Date(days_ + n); }
  friend int operator-(Date a, Date b) { return a.days_ - b.days_; }
  friend auto operator<=>(Date a, Date b) = default;

 private:
  explicit Date(int days) : days_(days) {}
  std::chrono::year_month_day ymd() const;
  int days_ = 0;
};

const char* weekdayName(Weekday day);

// The first day of fiscal year `fy` (April 1st).
inline Date fiscalYearStart(int fy) {
  return Date::fromYmd(fy, 4, 1);
}

}  // namespace tsunagu
