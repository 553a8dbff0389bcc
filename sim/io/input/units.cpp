#include "sim/io/input/units.hpp"

#include <fmt/core.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/input/input_limits.hpp"

namespace tsunagu::io {

namespace {

struct UnitDef {
  const char* symbol;
  double factor;
};

const std::vector<UnitDef> kBitRateUnits = {
    {"bps", 1}, {"kbps", 1e3}, {"Kbps", 1e3}, {"Mbps", 1e6}, {"Gbps", 1e9}, {"Tbps", 1e12},
    {"b/s", 1}, {"kb/s", 1e3}, {"Mb/s", 1e6}, {"Gb/s", 1e9}, {"Tb/s", 1e12}};
const std::vector<UnitDef> kByteUnits = {{"B", 1},
                                         {"kB", 1e3},
                                         {"KB", 1e3},
                                         {"MB", 1e6},
                                         {"GB", 1e9},
                                         {"TB", 1e12},
                                         {"PB", 1e15},
                                         {"KiB", 1024.0},
                                         {"MiB", 1048576.0},
                                         {"GiB", 1073741824.0},
                                         {"TiB", 1099511627776.0}};
const std::vector<UnitDef> kDurationUnits = {{"us", 1e-6}, {"ms", 1e-3}, {"s", 1},
                                             {"min", 60},  {"h", 3600},  {"d", 86400}};

// Largest values accepted, so that a typo like "1e400Gbps" or "99999999TB" is caught.
constexpr double kMaxBitRate = 1e15;   // 1 Pbps
constexpr double kMaxBytes = 1e18;     // 1 EB
constexpr double kMaxSeconds = 3.2e9;  // about a century
constexpr double kMaxYen = 1e15;       // a quadrillion yen
constexpr double kMaxVolume = 1e15;

// A nonzero value this close to 0 (1e-320 is a denormal) passes every sign check and then
// blows up where it divides; no quantity of the format is meaningful that small.
constexpr double kSmallest = 1e-9;

bool tooSmall(double value) {
  return value != 0 && std::fabs(value) < kSmallest;
}

std::string tooSmallMessage(const std::string& got, const std::string& what) {
  return "value " + got + " is too close to 0 for " + what + "; expected 0 or at least 1e-9";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Splits "1,500.5 Mbps" into the number and the rest. Thousands separators must group by 3.
struct NumberPart {
  double value = 0;
  std::string_view rest;
};

std::optional<NumberPart> splitNumber(std::string_view text) {
  size_t i = 0;
  std::string digits;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) digits += text[i++];
  size_t intStart = i;
  size_t lastComma = std::string_view::npos;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ',')) {
    if (text[i] == ',') {
      if (i == intStart || (lastComma != std::string_view::npos && i - lastComma != 4))
        return std::nullopt;
      lastComma = i;
    } else {
      digits += text[i];
    }
    ++i;
  }
  if (lastComma != std::string_view::npos && i - lastComma != 4) return std::nullopt;
  bool sawDigits = i > intStart;
  if (i < text.size() && text[i] == '.') {
    digits += text[i++];
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      digits += text[i++];
      sawDigits = true;
    }
  }
  if (!sawDigits) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
      digits += text.substr(i, j - i);
      i = j;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
        digits += text[i++];
    }
  }
  NumberPart part;
  part.value = std::strtod(digits.c_str(), nullptr);
  part.rest = trim(text.substr(i));
  return part;
}

std::string unitList(const std::vector<UnitDef>& units) {
  std::string list;
  for (const auto& u : units) list += (list.empty() ? "" : ", ") + std::string(u.symbol);
  return list;
}

const UnitDef* findUnit(const std::vector<UnitDef>& units, std::string_view symbol) {
  for (const auto& u : units)
    if (symbol == u.symbol) return &u;
  return nullptr;
}

// Names the kind of a unit from another family, for "expected X, got a Y" messages.
const char* otherFamily(std::string_view unit) {
  if (findUnit(kBitRateUnits, unit)) return "a bit rate";
  if (findUnit(kByteUnits, unit)) return "a size in bytes";
  if (findUnit(kDurationUnits, unit)) return "a duration";
  if (unit.find("JPY") != std::string_view::npos || unit.find("yen") != std::string_view::npos)
    return "an amount of money";
  if (unit == "%") return "a percentage";
  return nullptr;
}

template <typename T>
Parsed<T> parseWithUnits(std::string_view raw, const std::vector<UnitDef>& units, const char* what,
                         const char* example, double maximum, T (*make)(double)) {
  std::string_view text = trim(raw);
  auto number = splitNumber(text);
  std::string got = fmt::format("'{}'", clipForMessage(std::string(raw)));
  if (!number) return std::string("expected ") + what + " such as " + example + ", got " + got;
  if (number->rest.empty())
    return std::string("expected ") + what + " with a unit (" + unitList(units) + "), got " + got;
  const UnitDef* unit = findUnit(units, number->rest);
  if (!unit) {
    if (const char* family = otherFamily(number->rest))
      return std::string("expected ") + what + " such as " + example + ", got " + family + " " +
             got;
    return std::string("expected ") + what + " with one of the units " + unitList(units) +
           ", got unknown unit '" + clipForMessage(std::string(number->rest)) + "'";
  }
  double value = number->value * unit->factor;
  if (!std::isfinite(value) || std::fabs(value) > maximum)
    return std::string("value ") + got + " is out of range for " + what;
  if (value < 0) return std::string("expected a non-negative ") + (what + 2) + ", got " + got;
  if (tooSmall(value)) return tooSmallMessage(got, what);
  return make(value);
}

}  // namespace

Parsed<BitRate> parseBitRate(std::string_view text) {
  return parseWithUnits<BitRate>(text, kBitRateUnits, "a bit rate", "100Mbps", kMaxBitRate,
                                 [](double v) { return BitRate{v}; });
}

Parsed<ByteSize> parseByteSize(std::string_view text) {
  return parseWithUnits<ByteSize>(text, kByteUnits, "a size in bytes", "2KiB or 1.5MB", kMaxBytes,
                                  [](double v) { return ByteSize{v}; });
}

Parsed<Duration> parseDuration(std::string_view text) {
  return parseWithUnits<Duration>(text, kDurationUnits, "a duration", "10ms or 15min", kMaxSeconds,
                                  [](double v) { return Duration{v}; });
}

Parsed<Money> parseMoney(std::string_view raw, bool once) {
  std::string_view text = trim(raw);
  std::string got = fmt::format("'{}'", clipForMessage(std::string(raw)));
  const char* expected = once ? "expected a one-off amount in yen such as ¥18,000 or 18000 JPY"
                              : "expected a recurring cost such as ¥50,000/month or "
                                "1200000 JPY/year";
  Money money;
  money.period = MoneyPeriod::Once;
  if (auto slash = text.rfind('/'); slash != std::string_view::npos) {
    std::string_view period = trim(text.substr(slash + 1));
    if (period == "month" || period == "mo")
      money.period = MoneyPeriod::Month;
    else if (period == "year" || period == "yr")
      money.period = MoneyPeriod::Year;
    else
      return std::string(expected) + ", got unknown period '/" +
             clipForMessage(std::string(period)) + "'";
    text = trim(text.substr(0, slash));
  }
  bool hasCurrency = false;
  const std::string_view yenSign = "¥";
  if (text.substr(0, yenSign.size()) == yenSign) {
    text = trim(text.substr(yenSign.size()));
    hasCurrency = true;
  }
  auto number = splitNumber(text);
  if (!number) return std::string(expected) + ", got " + got;
  if (number->rest == "JPY" || number->rest == "yen") {
    hasCurrency = !hasCurrency;  // "¥100 JPY" names the currency twice: reject it
  } else if (!number->rest.empty()) {
    if (const char* family = otherFamily(number->rest))
      return std::string(expected) + ", got " + family + " " + got;
    return std::string(expected) + ", got unknown unit '" +
           clipForMessage(std::string(number->rest)) + "'";
  }
  if (!hasCurrency) return std::string(expected) + " (¥ or JPY), got " + got;
  if ((money.period == MoneyPeriod::Once) != once) return std::string(expected) + ", got " + got;
  if (!std::isfinite(number->value) || number->value > kMaxYen)
    return "value " + got + " is out of range for an amount of money";
  if (number->value < 0) return "expected a non-negative amount of money, got " + got;
  if (tooSmall(number->value)) return tooSmallMessage(got, "an amount of money");
  money.yen = number->value;
  return money;
}

Parsed<double> parseShare(std::string_view raw) {
  std::string_view text = trim(raw);
  std::string got = fmt::format("'{}'", clipForMessage(std::string(raw)));
  auto number = splitNumber(text);
  if (!number) return "expected a share such as 70% or 0.7, got " + got;
  double value = number->value;
  if (number->rest == "%")
    value /= 100.0;
  else if (!number->rest.empty())
    return "expected a share such as 70% or 0.7, got " + got;
  if (!std::isfinite(value) || value < 0 || value > 1)
    return "expected a share between 0% and 100%, got " + got;
  if (tooSmall(value)) return tooSmallMessage(got, "a share");
  return value;
}

Parsed<double> parseNumber(std::string_view raw) {
  std::string_view text = trim(raw);
  std::string got = fmt::format("'{}'", clipForMessage(std::string(raw)));
  auto number = splitNumber(text);
  if (!number || !number->rest.empty()) return "expected a number, got " + got;
  if (!std::isfinite(number->value) || std::fabs(number->value) > 1e300)
    return "value " + got + " is out of range for a number";
  if (tooSmall(number->value)) return tooSmallMessage(got, "a number");
  return number->value;
}

Parsed<Rate> parseRate(std::string_view raw) {
  std::string_view text = trim(raw);
  std::string got = fmt::format("'{}'", clipForMessage(std::string(raw)));
  const char* expected =
      "expected a volume per period such as 1000/day, 170,000,000/month or "
      "2.09e9/year";
  auto slash = text.rfind('/');
  if (slash == std::string_view::npos) return std::string(expected) + ", got " + got;
  std::string_view period = trim(text.substr(slash + 1));
  Rate rate;
  if (period == "day")
    rate.period = VolumePeriod::Day;
  else if (period == "month")
    rate.period = VolumePeriod::Month;
  else if (period == "year")
    rate.period = VolumePeriod::Year;
  else
    return std::string(expected) + ", got unknown period '/" + clipForMessage(std::string(period)) +
           "'";
  auto number = splitNumber(trim(text.substr(0, slash)));
  if (!number || !number->rest.empty()) return std::string(expected) + ", got " + got;
  if (!std::isfinite(number->value) || number->value > kMaxVolume)
    return "value " + got + " is out of range for a volume";
  if (number->value < 0) return "expected a non-negative volume, got " + got;
  if (tooSmall(number->value)) return tooSmallMessage(got, "a volume");
  rate.volume = number->value;
  return rate;
}

Parsed<double> parseGrowthRate(std::string_view raw) {
  std::string_view text = trim(raw);
  std::string got = fmt::format("'{}'", clipForMessage(std::string(raw)));
  const char* expected = "expected a growth rate such as 3%/year or -1%/year";
  if (auto zero = splitNumber(text); zero && zero->rest.empty() && zero->value == 0) return 0.0;
  auto slash = text.rfind('/');
  if (slash == std::string_view::npos) return std::string(expected) + ", got " + got;
  std::string_view period = trim(text.substr(slash + 1));
  if (period != "year" && period != "yr")
    return std::string(expected) + " (a rate a year), got " + got;
  auto number = splitNumber(trim(text.substr(0, slash)));
  if (!number || (!number->rest.empty() && number->rest != "%"))
    return std::string(expected) + ", got " + got;
  double value = number->rest == "%" ? number->value / 100.0 : number->value;
  if (!std::isfinite(value) || value <= -1.0 || value > 1.0)
    return "expected a growth above -100%/year and at most 100%/year, got " + got;
  if (tooSmall(value)) return tooSmallMessage(got, "a growth rate");
  return value;
}

Parsed<double> parseTimeShift(std::string_view raw) {
  static const std::vector<UnitDef> kShiftUnits = {{"d", 1},
                                                   {"day", 1},
                                                   {"days", 1},
                                                   {"month", 365.25 / 12},
                                                   {"months", 365.25 / 12},
                                                   {"year", 365.25},
                                                   {"years", 365.25}};
  constexpr double kMaxDays = 10 * 365.25;
  std::string_view text = trim(raw);
  std::string got = fmt::format("'{}'", clipForMessage(std::string(raw)));
  const std::string expected = "expected a time shift such as -6months, 90d or 1year";
  auto number = splitNumber(text);
  if (!number) return expected + ", got " + got;
  if (number->rest.empty()) {
    if (number->value == 0) return 0.0;
    return expected + " (with a unit: " + unitList(kShiftUnits) + "), got " + got;
  }
  const UnitDef* unit = findUnit(kShiftUnits, number->rest);
  if (!unit) return expected + ", got " + got;
  double days = number->value * unit->factor;
  if (!std::isfinite(days) || std::fabs(days) > kMaxDays)
    return "expected a time shift within 10 years either way, got " + got;
  if (tooSmall(days)) return tooSmallMessage(got, "a time shift");
  return days;
}

}  // namespace tsunagu::io
