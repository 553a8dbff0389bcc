#include "sim/study/distributions.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <cmath>

namespace tsunagu::study {

namespace {

constexpr double kDaysPerMonth = 365.25 / 12;

bool degenerate(const Distribution& d) {
  return d.kind == Distribution::Kind::Normal ? d.sd == 0 : d.min == d.max;
}

// The truncation points of a normal in standard units, and the probability between them.
struct Truncation {
  double alpha, beta, mass;
};

Truncation truncation(const Distribution& d) {
  boost::math::normal standard;
  double alpha = std::isfinite(d.min) ? (d.min - d.mean) / d.sd : -INFINITY;
  double beta = std::isfinite(d.max) ? (d.max - d.mean) / d.sd : INFINITY;
  double below = std::isfinite(alpha) ? boost::math::cdf(standard, alpha) : 0.0;
  double above =
      std::isfinite(beta) ? boost::math::cdf(boost::math::complement(standard, beta)) : 0.0;
  return {alpha, beta, 1.0 - below - above};
}

double density(double z) {
  return std::isfinite(z) ? std::exp(-z * z / 2) / std::sqrt(2 * M_PI) : 0.0;
}

}  // namespace

double quantile(const Distribution& d, double p) {
  if (degenerate(d)) return d.kind == Distribution::Kind::Normal ? d.mean : d.min;
  switch (d.kind) {
    case Distribution::Kind::Uniform:
      return d.min + p * (d.max - d.min);
    case Distribution::Kind::Triangular:
      return boost::math::quantile(boost::math::triangular(d.min, d.mode, d.max), p);
    case Distribution::Kind::Normal:
      break;
  }
  boost::math::normal standard;
  Truncation t = truncation(d);
  double below = std::isfinite(t.alpha) ? boost::math::cdf(standard, t.alpha) : 0.0;
  double z = boost::math::quantile(standard, below + p * t.mass);
  return std::clamp(d.mean + d.sd * z, d.min, d.max);
}

double meanOf(const Distribution& d) {
  if (degenerate(d)) return quantile(d, 0.5);
  switch (d.kind) {
    case Distribution::Kind::Uniform:
      return (d.min + d.max) / 2;
    case Distribution::Kind::Triangular:
      return (d.min + d.mode + d.max) / 3;
    case Distribution::Kind::Normal:
      break;
  }
  Truncation t = truncation(d);
  return d.mean + d.sd * (density(t.alpha) - density(t.beta)) / t.mass;
}

double sdOf(const Distribution& d) {
  if (degenerate(d)) return 0.0;
  switch (d.kind) {
    case Distribution::Kind::Uniform:
      return (d.max - d.min) / std::sqrt(12.0);
    case Distribution::Kind::Triangular: {
      double a = d.min, b = d.mode, c = d.max;
      return std::sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18);
    }
    case Distribution::Kind::Normal:
      break;
  }
  Truncation t = truncation(d);
  auto times = [](double z) { return std::isfinite(z) ? z * density(z) : 0.0; };
  double shift = (density(t.alpha) - density(t.beta)) / t.mass;
  double variance = 1 + (times(t.alpha) - times(t.beta)) / t.mass - shift * shift;
  return d.sd * std::sqrt(std::max(variance, 0.0));
}

std::string formatValue(UncertainTarget target, double value) {
  if (target == UncertainTarget::VolumeGrowth) return fmt::format("{:.4g}%/year", value * 100);
  return fmt::format("{:.4g} months", value / kDaysPerMonth);
}

std::string describe(const Distribution& d, UncertainTarget target) {
  auto v = [target](double x) { return formatValue(target, x); };
  switch (d.kind) {
    case Distribution::Kind::Uniform:
      return fmt::format("uniform(min {}, max {})", v(d.min), v(d.max));
    case Distribution::Kind::Triangular:
      return fmt::format("triangular(min {}, mode {}, max {})", v(d.min), v(d.mode), v(d.max));
    case Distribution::Kind::Normal:
      break;
  }
  std::string text = fmt::format("normal(mean {}, sd {}", v(d.mean), v(d.sd));
  if (std::isfinite(d.min)) text += ", min " + v(d.min);
  if (std::isfinite(d.max)) text += ", max " + v(d.max);
  return text + ")";
}

const char* valueUnits(UncertainTarget target) {
  return target == UncertainTarget::VolumeGrowth ? "1/year" : "d";
}

}  // namespace tsunagu::study
