#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "models/core/quantities.hpp"
#include "models/services/service.hpp"

namespace tsunagu::io {

// Units as people write them ("100Mbps", "2KiB", "15min", "¥50,000/month"), parsed strictly.
// Each parser returns the value or a sentence saying what was expected.
template <typename T>
using Parsed = std::variant<T, std::string>;

Parsed<BitRate> parseBitRate(std::string_view text);
Parsed<ByteSize> parseByteSize(std::string_view text);
Parsed<Duration> parseDuration(std::string_view text);
// A recurring cost ("/month" or "/year") or, with `once`, a one-off cost (no period).
Parsed<Money> parseMoney(std::string_view text, bool once);
// "70%" or a plain fraction "0.7"; always within 0..1.
Parsed<double> parseShare(std::string_view text);
// A plain number with optional thousands separators; no unit.
Parsed<double> parseNumber(std::string_view text);

struct Rate {
  double volume = 0;
  VolumePeriod period = VolumePeriod::Day;
};
// A volume per period: "1000/day", "170,000,000/month", "2.09e9/year".
Parsed<Rate> parseRate(std::string_view text);

// A growth of a volume a year: "3%/year", "-1.5%/yr", "0.03/year", or a bare 0. Returns the
// fraction (0.03), within -100%/year (excluded) … 100%/year.
Parsed<double> parseGrowthRate(std::string_view text);
// A move in time, either way: "-6months", "90d", "1year", or a bare 0. Returns days; a month is
// 365.25/12 days. Within ten years either way.
Parsed<double> parseTimeShift(std::string_view text);

template <typename T>
bool ok(const Parsed<T>& p) {
  return std::holds_alternative<T>(p);
}

}  // namespace tsunagu::io
