#include <gtest/gtest.h>

#include "sim/io/input/units.hpp"

namespace tsunagu::io {
namespace {

template <typename T>
T value(const Parsed<T>& parsed) {
  EXPECT_TRUE(ok(parsed)) << (ok(parsed) ? "" : std::get<std::string>(parsed));
  return ok(parsed) ? std::get<T>(parsed) : T{};
}

template <typename T>
std::string error(const Parsed<T>& parsed) {
  EXPECT_FALSE(ok(parsed));
  return ok(parsed) ? "" : std::get<std::string>(parsed);
}

TEST(Units, BitRatesUseDecimalPrefixes) {
  EXPECT_DOUBLE_EQ(value(parseBitRate("64kbps")).bitsPerSecond, 64e3);
  EXPECT_DOUBLE_EQ(value(parseBitRate("100Mbps")).bitsPerSecond, 100e6);
  EXPECT_DOUBLE_EQ(value(parseBitRate("1Gbps")).bitsPerSecond, 1e9);
  EXPECT_DOUBLE_EQ(value(parseBitRate("1.5 Gb/s")).bitsPerSecond, 1.5e9);
  EXPECT_DOUBLE_EQ(value(parseBitRate("1Gbps")).bytesPerSecond(), 125e6);
}

TEST(Units, SizesDistinguishBinaryAndDecimalPrefixes) {
  EXPECT_DOUBLE_EQ(value(parseByteSize("2KiB")).bytes, 2048);
  EXPECT_DOUBLE_EQ(value(parseByteSize("2KB")).bytes, 2000);
  EXPECT_DOUBLE_EQ(value(parseByteSize("1.5MB")).bytes, 1.5e6);
  EXPECT_DOUBLE_EQ(value(parseByteSize("1MiB")).bytes, 1048576);
  EXPECT_DOUBLE_EQ(value(parseByteSize("435GB")).bytes, 435e9);
}

TEST(Units, Durations) {
  EXPECT_DOUBLE_EQ(value(parseDuration("10ms")).seconds, 0.010);
  EXPECT_DOUBLE_EQ(value(parseDuration("3s")).seconds, 3);
  EXPECT_DOUBLE_EQ(value(parseDuration("15min")).seconds, 900);
  EXPECT_DOUBLE_EQ(value(parseDuration("1h")).seconds, 3600);
}

TEST(Units, MoneyInYenWithPeriods) {
  Money monthly = value(parseMoney("¥50,000/month", false));
  EXPECT_DOUBLE_EQ(monthly.yen, 50000);
  EXPECT_EQ(monthly.period, MoneyPeriod::Month);
  EXPECT_DOUBLE_EQ(monthly.perYear(), 600000);
  Money yearly = value(parseMoney("1200000 JPY/year", false));
  EXPECT_DOUBLE_EQ(yearly.perYear(), 1200000);
  EXPECT_DOUBLE_EQ(value(parseMoney("¥18,000", true)).yen, 18000);
}

TEST(Units, MoneyErrorsSayWhatWasExpected) {
  EXPECT_NE(error(parseMoney("50000/month", false)).find("¥ or JPY"), std::string::npos);
  EXPECT_NE(error(parseMoney("¥18,000", false)).find("recurring"), std::string::npos);
  EXPECT_NE(error(parseMoney("¥5,000/month", true)).find("one-off"), std::string::npos);
  EXPECT_NE(error(parseMoney("¥5,000/week", false)).find("/week"), std::string::npos);
}

TEST(Units, WrongFamilyIsNamed) {
  EXPECT_NE(error(parseBitRate("10ms")).find("got a duration '10ms'"), std::string::npos);
  EXPECT_NE(error(parseDuration("2KiB")).find("got a size in bytes"), std::string::npos);
  EXPECT_NE(error(parseByteSize("100Mbps")).find("got a bit rate"), std::string::npos);
}

TEST(Units, MissingOrUnknownUnitsAreRejected) {
  EXPECT_NE(error(parseBitRate("100")).find("with a unit"), std::string::npos);
  EXPECT_NE(error(parseBitRate("100mbps")).find("unknown unit 'mbps'"), std::string::npos);
  EXPECT_NE(error(parseBitRate("fast")).find("expected a bit rate"), std::string::npos);
}

TEST(Units, HugeAndNegativeValuesAreRejected) {
  EXPECT_NE(error(parseBitRate("1e400Gbps")).find("out of range"), std::string::npos);
  EXPECT_NE(error(parseByteSize("99999999999PB")).find("out of range"), std::string::npos);
  EXPECT_NE(error(parseBitRate("-10Mbps")).find("non-negative"), std::string::npos);
}

TEST(Units, ThousandsSeparatorsMustGroupByThree) {
  EXPECT_DOUBLE_EQ(value(parseNumber("1,472,500")), 1472500);
  EXPECT_FALSE(ok(parseNumber("14,72,500")));
  EXPECT_FALSE(ok(parseNumber("1,2")));
}

TEST(Units, SharesAsPercentOrFraction) {
  EXPECT_DOUBLE_EQ(value(parseShare("70%")), 0.7);
  EXPECT_DOUBLE_EQ(value(parseShare("0.25")), 0.25);
  EXPECT_NE(error(parseShare("150%")).find("between 0% and 100%"), std::string::npos);
}

TEST(Units, RatesPerPeriod) {
  Rate perDay = value(parseRate("1,000/day"));
  EXPECT_DOUBLE_EQ(perDay.volume, 1000);
  EXPECT_EQ(perDay.period, VolumePeriod::Day);
  Rate perYear = value(parseRate("2.09e9/year"));
  EXPECT_DOUBLE_EQ(perYear.volume, 2.09e9);
  EXPECT_EQ(perYear.period, VolumePeriod::Year);
  EXPECT_FALSE(ok(parseRate("1000")));
  EXPECT_FALSE(ok(parseRate("1000/week")));
}

}  // namespace
}  // namespace tsunagu::io
