#include "sim/study/headline.hpp"

#include <algorithm>
#include <limits>

namespace tsunagu::study {

const FigureInfo& figureInfo(Figure figure) {
  static const std::array<FigureInfo, kFigureCount> kInfo = {{
      {"cost", "total cost of the last fiscal year", "JPY"},
      {"npv", "net present value of the costs over the horizon", "JPY"},
      {"peak_utilisation", "peak link utilisation in the last fiscal year", "1"},
      {"servers", "servers needed in the last fiscal year", "servers"},
      {"p99_response", "worst pool p99 response in the last fiscal year", "s"},
  }};
  return kInfo[static_cast<size_t>(figure)];
}

Headline headlineOf(const analytic::PlanResult& plan) {
  Headline figures{};
  if (plan.fiscalYears.empty()) return figures;
  size_t last = plan.fiscalYears.size() - 1;
  figures[size_t(Figure::Cost)] = plan.costs.totalYen.at(last);
  figures[size_t(Figure::NetPresentValue)] = plan.costs.netPresentValueYen;
  const auto& links = plan.links;
  for (size_t l = 0; l < links.peakUtilisation.rows; ++l)
    figures[size_t(Figure::PeakUtilisation)] =
        std::max(figures[size_t(Figure::PeakUtilisation)], links.peakUtilisation.at(l, last));
  const auto& pools = plan.pools;
  for (size_t p = 0; p < pools.serversNeeded.rows; ++p) {
    double needed = pools.serversNeeded.at(p, last);
    // -1: no count meets the pool's target, so no finite number of servers is enough.
    figures[size_t(Figure::Servers)] +=
        needed < 0 ? std::numeric_limits<double>::infinity() : needed;
    figures[size_t(Figure::P99Response)] =
        std::max(figures[size_t(Figure::P99Response)], pools.p99Response.at(p, last));
  }
  return figures;
}

}  // namespace tsunagu::study
