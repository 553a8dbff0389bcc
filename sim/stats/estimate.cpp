#include "sim/stats/estimate.hpp"

#include <fmt/core.h>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tsunagu::stats {

double Estimate::relativeHalfWidth() const {
  if (halfWidth == 0) return 0;
  return mean == 0 ? std::numeric_limits<double>::infinity() : halfWidth / std::abs(mean);
}

Estimate estimate(const std::vector<double>& values, double confidence) {
  Estimate e;
  e.replications = int(values.size());
  e.confidence = confidence;
  if (values.empty()) return e;
  double n = double(values.size());
  e.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  if (values.size() < 2) {
    e.halfWidth = std::numeric_limits<double>::infinity();
    return e;
  }
  double squares = 0;
  for (double v : values) squares += (v - e.mean) * (v - e.mean);
  double sd = std::sqrt(squares / (n - 1));
  boost::math::students_t t(n - 1);
  e.halfWidth =
      boost::math::quantile(boost::math::complement(t, (1 - confidence) / 2)) * sd / std::sqrt(n);
  return e;
}

Difference pairedDifference(const std::vector<double>& a, const std::vector<double>& b,
                            double confidence) {
  std::vector<double> differences;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) differences.push_back(a[i] - b[i]);
  return {estimate(differences, confidence)};
}

namespace {

// The decimal places that show the first significant digit of `uncertainty` (none for 10 or
// more; at most 9).
int placesFor(double uncertainty) {
  if (!(uncertainty > 0) || !std::isfinite(uncertainty)) return 3;
  int exponent = int(std::floor(std::log10(uncertainty)));
  return std::clamp(-exponent, 0, 9);
}

// Above 10, the value is rounded to the uncertainty's first digit too (1234 ± 30 -> 1230).
double roundedTo(double value, double uncertainty) {
  if (!(uncertainty >= 10) || !std::isfinite(uncertainty)) return value;
  double unit = std::pow(10.0, std::floor(std::log10(uncertainty)));
  return std::round(value / unit) * unit;
}

}  // namespace

std::string withUncertainty(double value, double uncertainty) {
  if (!std::isfinite(value)) return value > 0 ? "inf" : value < 0 ? "-inf" : "nan";
  return fmt::format("{:.{}f}", roundedTo(value, uncertainty), placesFor(uncertainty));
}

std::string formatEstimate(const Estimate& e) {
  if (!std::isfinite(e.halfWidth)) return withUncertainty(e.mean, 0) + " ± ?";
  // Replications that agree to rounding: the figure has the digits of its own precision.
  if (e.halfWidth <= 1e-9 * std::abs(e.mean))
    return withUncertainty(e.mean, 1e-3 * std::abs(e.mean)) + " ± 0";
  int places = placesFor(e.halfWidth);
  return fmt::format("{:.{}f} ± {:.{}f}", roundedTo(e.mean, e.halfWidth), places,
                     roundedTo(e.halfWidth, e.halfWidth), places);
}

}  // namespace tsunagu::stats
