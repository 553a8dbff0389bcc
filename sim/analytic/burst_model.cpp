#include "sim/analytic/burst_model.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tsunagu::analytic {

namespace {

// Double precision is plenty for a quantile tabulated at 1e-4; Boost's default promotes to
// long double, which made the table a noticeable part of a national plan.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

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
  // The translated gamma's quantile in standard deviations above the mean depends on the
  // skewness alone: tabulated once, so that a link and hour costs a square root and a lookup.
  for (int i = 0; i < kSkewPoints; ++i) standardised_.push_back(standardisedAt(i * kSkewStep));
  double from = std::log(kSkewStep * (kSkewPoints - 1));
  logSkewStep_ = (std::log(1e6) - from) / (kLogSkewPoints - 1);
  for (int i = 0; i < kLogSkewPoints; ++i)
    standardisedLog_.push_back(standardisedAt(std::exp(from + i * logSkewStep_)));
}

double PeakQuantile::gammaQuantile(double shape) const {
  if (shape > 1e6) {  // Wilson-Hilferty: exact enough this far out
    double c = 1 - 1 / (9 * shape) + z_ / (3 * std::sqrt(shape));
    return shape * c * c * c;
  }
  return boost::math::gamma_p_inv(shape, q_, DoublePolicy());
}

// Gamma of shape 4 / skew^2 and scale sigma skew / 2, shifted to the mean, in units of sigma.
double PeakQuantile::standardisedAt(double skew) const {
  if (skew <= 0) return z_;
  double shape = 4 / (skew * skew);
  return skew / 2 * (gammaQuantile(shape) - shape);
}

double PeakQuantile::bytes(const Cumulants& k) const {
  if (k.k1 <= 0 || k.k2 <= 0) return std::max(0.0, k.k1);
  double sigma = std::sqrt(k.k2);
  double at = std::max(0.0, k.k3 / (k.k2 * sigma)) / kSkewStep;
  double z = 0;
  if (at >= double(kSkewPoints - 1)) {
    double logAt = std::log(at / (kSkewPoints - 1)) / logSkewStep_;
    if (logAt >= double(kLogSkewPoints - 1)) {
      z = standardisedAt(at * kSkewStep);  // beyond 1e6: computed
    } else {
      auto i = size_t(logAt);
      double f = logAt - double(i);
      z = standardisedLog_[i] * (1 - f) + standardisedLog_[i + 1] * f;
    }
  } else {
    auto i = size_t(at);
    double f = at - double(i);
    z = standardised_[i] * (1 - f) + standardised_[i + 1] * f;
  }
  return std::max(k.k1, k.k1 + sigma * z);
}

}  // namespace tsunagu::analytic
