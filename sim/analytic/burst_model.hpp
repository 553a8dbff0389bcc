#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace tsunagu::analytic {

// Bursts within an hour, from the arrival process. Each demand entry's messages arrive as a
// Poisson process at the hour's rate; a message of S bytes (lognormal, mean m, coefficient of
// variation c) moves at `bytesPerSecond` for S / bytesPerSecond seconds. The bytes a link
// carries in an interval of tau seconds are then a Poisson shot noise whose cumulants are
// linear in the rates: kappa_j = lambda * E[integral of (bytes of one message inside the
// interval)^j over its start time]. Instantaneous messages (rate 0 = unlimited) give the
// compound Poisson mean lambda tau m, variance lambda tau m^2 (1 + c^2).

// The durations of the intervals the planner reports: the busiest minute and five minutes.
inline constexpr std::array<double, 2> kPeakIntervalSeconds = {60.0, 300.0};
// The index in kPeakIntervalSeconds of an interval the scenario names (60 or 300 seconds).
inline std::size_t peakIntervalIndex(double seconds) {
  return seconds > kPeakIntervalSeconds[0] ? 1 : 0;
}

struct MessageShape {
  double meanBytes = 0;
  double cv = 0;              // of the lognormal size
  double bytesPerSecond = 0;  // its transfer rate; 0: instantaneous
};

// The first three cumulants of the bytes one message stream puts into an interval of
// `seconds`, per unit arrival rate (one message per second): in bytes, bytes^2, bytes^3.
struct Cumulants {
  double k1 = 0, k2 = 0, k3 = 0;
};
Cumulants messageCumulants(const MessageShape& shape, double seconds);

// The p-quantile of the busiest of the n intervals of an hour (n = 3600 / seconds), taking the
// intervals as independent: the per-interval quantile at p^(1/n). The per-interval
// distribution is the translated gamma with the three cumulants (Boost.Math's inverse
// incomplete gamma, tabulated once by skewness): exact in mean, variance and skewness, within 4% of
// a Monte-Carlo answer from 3 arrivals an interval up at size CVs up to 1 (docs/model-reference.md
// gives the figures). Long transfers make neighbouring intervals dependent; treating them as
// independent overstates the peak (the safe side).
class PeakQuantile {
 public:
  PeakQuantile(double percentile, double intervalSeconds);
  double percentile() const { return percentile_; }
  double intervalSeconds() const { return seconds_; }
  double perIntervalProbability() const { return q_; }
  // The busiest interval's bytes at the percentile, from its cumulants (never below the mean).
  double bytes(const Cumulants& interval) const;

 private:
  static constexpr double kSkewStep = 0.01;
  static constexpr int kSkewPoints = 3001;  // skewness 0 to 30
  // Beyond 30 (fewer than 0.005 arrivals an interval: a few long transfers a day), by the
  // logarithm of the skewness up to 1e6.
  static constexpr int kLogSkewPoints = 1001;
  double gammaQuantile(double shape) const;  // of Gamma(shape, 1) at q_
  double standardisedAt(double skew) const;  // (quantile - mean) / sigma

  double percentile_, seconds_, q_, z_;
  std::vector<double> standardised_;     // at skewness i x kSkewStep
  std::vector<double> standardisedLog_;  // at ln skewness ln 30 + i x logSkewStep_
  double logSkewStep_ = 0;
};

}  // namespace tsunagu::analytic
