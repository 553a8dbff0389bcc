#pragma once

#include <string>
#include <vector>

namespace tsunagu::stats {

// A figure estimated from independent replications: the mean and the half-width of its
// confidence interval (Student t with n - 1 degrees of freedom). With one replication the
// half-width is unknown (infinite).
struct Estimate {
  double mean = 0;
  double halfWidth = 0;
  int replications = 0;
  double confidence = 0.95;

  double low() const { return mean - halfWidth; }
  double high() const { return mean + halfWidth; }
  // The half-width relative to the mean (infinite for a zero mean with any spread).
  double relativeHalfWidth() const;
  bool covers(double value) const { return low() <= value && value <= high(); }
};

Estimate estimate(const std::vector<double>& values, double confidence = 0.95);

// The difference a - b of paired replications (the same seeds on both): the CI of the mean
// difference, and whether it excludes zero (significant at the confidence level).
struct Difference {
  Estimate estimate;
  bool significant() const { return estimate.low() > 0 || estimate.high() < 0; }
};
Difference pairedDifference(const std::vector<double>& a, const std::vector<double>& b,
                            double confidence = 0.95);

// A value printed with no more digits than it has: rounded to the decimal place of the first
// significant digit of its uncertainty (a half-width, or a histogram's bin error). "0.1680" for
// 0.16803 with 0.0008; "2.45" for 2.4513 with 0.012; "1,234,600" style grouping is not applied.
std::string withUncertainty(double value, double uncertainty);
// "0.168 ± 0.002" (the half-width to one significant digit, the mean to the same place).
std::string formatEstimate(const Estimate& e);

}  // namespace tsunagu::stats
