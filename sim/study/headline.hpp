#pragma once

#include <array>

#include "sim/analytic/plan_result.hpp"

namespace tsunagu::study {

// The figures a sensitivity study ranks its inputs by, all read from one plan.
enum class Figure { Cost, NetPresentValue, PeakUtilisation, Servers, P99Response };
inline constexpr size_t kFigureCount = 5;

struct FigureInfo {
  const char* name;   // as in results files: "cost", "npv", ...
  const char* label;  // for people
  const char* units;  // "JPY", "1", "servers", "s"
};
const FigureInfo& figureInfo(Figure figure);
inline Figure figureAt(size_t index) {
  return static_cast<Figure>(index);
}

using Headline = std::array<double, kFigureCount>;

// From a plan, for its last fiscal year: the total cost (set-up and running), the busiest
// link's peak utilisation, the servers all pools need (infinite when a pool's target cannot be
// met with any count) and the worst p99 response of any pool at its busy hour; and the net
// present value over the horizon.
Headline headlineOf(const analytic::PlanResult& plan);

}  // namespace tsunagu::study
