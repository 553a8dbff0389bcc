#include "sim/study/uncertainty_result.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagu::study {

BreachEstimate estimateBreaches(const analytic::Table<int>& perSample, size_t years) {
  size_t elements = years ? perSample.rows / years : 0;
  double n = double(perSample.cols);
  BreachEstimate estimate;
  estimate.probability.resize(elements, years);
  estimate.standardError.resize(elements, years);
  for (size_t e = 0; e < elements; ++e)
    for (size_t y = 0; y < years; ++y) {
      double breaches = 0;
      for (size_t s = 0; s < perSample.cols; ++s) breaches += perSample.at(e * years + y, s);
      double p = n > 0 ? breaches / n : 0;
      estimate.probability.at(e, y) = p;
      estimate.standardError.at(e, y) = n > 0 ? std::sqrt(p * (1 - p) / n) : 0;
    }
  return estimate;
}

std::vector<double> anyBreach(const analytic::Table<int>& perSample, size_t years) {
  size_t elements = years ? perSample.rows / years : 0;
  std::vector<double> share(years, 0.0);
  for (size_t y = 0; y < years; ++y) {
    size_t hit = 0;
    for (size_t s = 0; s < perSample.cols; ++s) {
      bool any = false;
      for (size_t e = 0; e < elements && !any; ++e) any = perSample.at(e * years + y, s) != 0;
      hit += any;
    }
    share[y] = perSample.cols ? double(hit) / double(perSample.cols) : 0;
  }
  return share;
}

SampleMoments momentsOf(const analytic::Table<double>& values, size_t column) {
  SampleMoments moments;
  double n = double(values.rows), squares = 0;
  if (n == 0) return moments;
  for (size_t s = 0; s < values.rows; ++s) moments.mean += values.at(s, column) / n;
  for (size_t s = 0; s < values.rows; ++s)
    squares += (values.at(s, column) - moments.mean) * (values.at(s, column) - moments.mean);
  moments.sd = n > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  return moments;
}

analytic::Table<double> quantilesAcrossSamples(const analytic::Table<double>& perSample) {
  analytic::Table<double> out;
  out.resize(perSample.rows, kQuantileLevels.size());
  std::vector<double> sorted(perSample.cols);
  for (size_t r = 0; r < perSample.rows; ++r) {
    if (sorted.empty()) continue;
    for (size_t s = 0; s < perSample.cols; ++s) sorted[s] = perSample.at(r, s);
    std::sort(sorted.begin(), sorted.end());
    for (size_t q = 0; q < kQuantileLevels.size(); ++q) {
      double position = kQuantileLevels[q] * double(sorted.size() - 1);
      size_t below = size_t(std::floor(position));
      size_t above = std::min(below + 1, sorted.size() - 1);
      double fraction = position - double(below);
      // Infinite responses (unstable pools) are kept as such, not turned into NaN.
      out.at(r, q) = fraction == 0 || sorted[below] == sorted[above]
                         ? sorted[below]
                         : sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
  }
  return out;
}

}  // namespace tsunagu::study
