#include "sim/analytic/burst_model.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tsunagu::analytic {

namespace {

// A lognormal size: E[S^k] and the partial moments E[S^k; S < bound] in closed form.
struct Lognormal {
  double mu = 0, sigma = 0;
  Lognormal(double mean, double cv)
      : mu(std::log(mean) - 0.5 * std::log1p(cv * cv)), sigma(std::sqrt(std::log1p(cv * cv))) {}
  double moment(int k) const { return std::exp(k * mu + 0.5 * k * k * sigma * sigma); }
  double below(int k, double bound) const {
    if (bound <= 0) return 0;
    double x = (std::log(bound) - mu - k * sigma * sigma) / sigma;
    return moment(k) * 0.5 * std::erfc(-x / std::sqrt(2.0));
  }
};

// One message of `bytes` at `rate` against an interval of `seconds`: the integral over its
// start time of (its bytes inside the interval)^j. The overlap is a trapezoid in the start
// time: with a = min(T, tau), b = max(T, tau), the integral is 2 a^(j+1) / (j+1) + a^j (b - a).
double overlapPower(double bytes, double rate, double seconds, int j) {
  double t = bytes / rate, a = std::min(t, seconds), b = std::max(t, seconds);
  return std::pow(rate, j) * (2 * std::pow(a, j + 1) / (j + 1) + std::pow(a, j) * (b - a));
}

}  // namespace

Cumulants messageCumulants(const MessageShape& shape, double seconds) {
  double m = shape.meanBytes, r = shape.bytesPerSecond, tau = seconds;
  if (m <= 0) return {};
  if (shape.cv <= 0) {
    if (r <= 0) return {tau * m, tau * m * m, tau * m * m * m};
    return {overlapPower(m, r, tau, 1), overlapPower(m, r, tau, 2), overlapPower(m, r, tau, 3)};
  }
  Lognormal size(m, shape.cv);
  if (r <= 0) return {tau * m, tau * size.moment(2), tau * size.moment(3)};
  // Sizes below K = r tau end inside an interval: S^j tau - S^(j+1) (j-1) / ((j+1) r); larger
  // ones run through it: (r tau)^j (S / r - tau (j-1) / (j+1)).
  double bound = r * tau;
  auto kappa = [&](int j) {
    double shortPart =
        tau * size.below(j, bound) - (j - 1.0) / ((j + 1.0) * r) * size.below(j + 1, bound);
    double tailMean = size.moment(1) - size.below(1, bound);
    double tailCount = 1 - size.below(0, bound);
    double longPart = std::pow(bound, j) * (tailMean / r - tau * (j - 1.0) / (j + 1.0) * tailCount);
    return shortPart + std::max(0.0, longPart);
  };
  return {kappa(1), kappa(2), kappa(3)};
}

PeakQuantile::PeakQuantile(double percentile, double intervalSeconds)
    : percentile_(percentile),
      seconds_(intervalSeconds),
      q_(std::pow(percentile, intervalSeconds / 3600.0)),
      z_(boost::math::quantile(boost::math::normal(), q_)) {
  // ln Gamma^-1(shape, q) on a grid of ln shape: one inverse per point instead of one per link
  // and hour; linear interpolation in ln-ln is within 1e-4 relative between points.
  logShapeFrom_ = std::log(1e-4);
  double to = std::log(1e6);
  constexpr int kPoints = 801;
  logShapeStep_ = (to - logShapeFrom_) / (kPoints - 1);
  for (int i = 0; i < kPoints; ++i)
    logQuantile_.push_back(
        std::log(boost::math::gamma_p_inv(std::exp(logShapeFrom_ + i * logShapeStep_), q_)));
}

double PeakQuantile::gammaQuantile(double shape) const {
  double at = (std::log(shape) - logShapeFrom_) / logShapeStep_;
  if (at < 0) return boost::math::gamma_p_inv(shape, q_);
  if (at >= double(logQuantile_.size() - 1)) {  // Wilson-Hilferty: exact enough this far out
    double c = 1 - 1 / (9 * shape) + z_ / (3 * std::sqrt(shape));
    return shape * c * c * c;
  }
  auto i = size_t(at);
  double f = at - double(i);
  return std::exp(logQuantile_[i] * (1 - f) + logQuantile_[i + 1] * f);
}

double PeakQuantile::bytes(const Cumulants& k) const {
  if (k.k1 <= 0 || k.k2 <= 0) return std::max(0.0, k.k1);
  double sigma = std::sqrt(k.k2);
  double skew = k.k3 / (k.k2 * sigma);
  if (skew <= 1e-6) return k.k1 + z_ * sigma;  // symmetric enough: the normal
  // Translated gamma: shape 4 / skew^2, scale sigma skew / 2, shifted to the mean.
  double shape = 4 / (skew * skew), scale = sigma * skew / 2;
  return std::max(k.k1, k.k1 + scale * (gammaQuantile(shape) - shape));
}

}  // namespace tsunagu::analytic
