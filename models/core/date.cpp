#include "models/core/date.hpp"

#include <charconv>
#include <cstdio>

namespace tsunagu {

namespace chr = std::chrono;

Date Date::fromYmd(int year, unsigned month, unsigned day) {
  chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{day}};
  return Date(chr::sys_days{ymd}.time_since_epoch().count());
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len, int& out) {
    auto first = text.data() + pos;
    auto [ptr, ec] = std::from_chars(first, first + len, out);
    return ec == std::errc() && ptr == first + len;
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  chr::year_month_day ymd{chr::year{y}, chr::month{unsigned(m)}, chr::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return fromYmd(y, unsigned(m), unsigned(d));
}

chr::year_month_day Date::ymd() const {
  return chr::year_month_day{chr::sys_days{chr::days{days_}}};
}

int Date::year() const {
  return int(ymd().year());
}
unsigned Date::month() const {
  return unsigned(ymd().month());
}
unsigned Date::day() const {
  return unsigned(ymd().day());
}

Weekday Date::weekday() const {
  unsigned isoIndex = chr::weekday{chr::sys_days{chr::days{days_}}}.iso_encoding();  // Mon=1
  return static_cast<Weekday>(isoIndex - 1);
}

int Date::fiscalYear() const {
  return month() >= 4 ? year() : year() - 1;
}

std::string Date::toString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year(), month(), day());
  return buffer;
}

const char* weekdayName(Weekday day) {
  static const char* names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                "Friday", "Saturday", "Sunday"};
  return names[static_cast<int>(day)];
}

}  // namespace tsunagu
