#include <gtest/gtest.h>

#include "models/rollout/adoption.hpp"

namespace tsunagu {
namespace {

Date d(const char* text) {
  return *Date::parse(text);
}

TEST(AdoptionCurve, LinearBetweenPointsZeroBeforeFlatAfter) {
  AdoptionCurve curve({{d("2021-01-11"), 0.5}, {d("2021-01-01"), 0.0}});  // unsorted on purpose
  EXPECT_DOUBLE_EQ(curve.at(d("2020-12-31")), 0.0);
  EXPECT_DOUBLE_EQ(curve.at(d("2021-01-01")), 0.0);
  EXPECT_DOUBLE_EQ(curve.at(d("2021-01-06")), 0.25);
  EXPECT_DOUBLE_EQ(curve.at(d("2021-01-11")), 0.5);
  EXPECT_DOUBLE_EQ(curve.at(d("2030-01-01")), 0.5);
}

TEST(AdoptionCurve, FirstDateReachingARank) {
  AdoptionCurve curve({{d("2021-01-01"), 0.0}, {d("2021-01-11"), 1.0}});
  EXPECT_EQ(*curve.firstDateReaching(0.0), d("2021-01-01"));
  EXPECT_EQ(*curve.firstDateReaching(0.25), d("2021-01-04"));  // 0.3 on day 3
  EXPECT_EQ(*curve.firstDateReaching(0.3), d("2021-01-04"));
  EXPECT_EQ(*curve.firstDateReaching(1.0), d("2021-01-11"));
  AdoptionCurve partial({{d("2021-01-01"), 0.4}});
  EXPECT_FALSE(partial.firstDateReaching(0.5));
  EXPECT_EQ(*partial.firstDateReaching(0.1), d("2021-01-01"));
}

}  // namespace
}  // namespace tsunagu
