#pragma once

#include <string>

#include "models/scenario/uncertainty.hpp"

namespace tsunagu::study {

// The value below which a share `p` (0 < p < 1) of the distribution lies: the inverse of its
// cumulative distribution function (Boost.Math). A truncated normal is the normal's quantile of
// p rescaled into the probability that min … max holds. Degenerate distributions (a normal with
// sd 0, a uniform or triangular with min = max) return their one value for every p.
double quantile(const Distribution& distribution, double p);

// The distribution's mean and standard deviation, to compare with a sample's.
double meanOf(const Distribution& distribution);
double sdOf(const Distribution& distribution);

// A value of an input as the scenario writes it: "3%/year", "-6 months".
std::string formatValue(UncertainTarget target, double value);
// "normal(mean 3%/year, sd 1%/year)", "triangular(min -6 months, mode 0 months, max 12 months)".
std::string describe(const Distribution& distribution, UncertainTarget target);
// The units of an input's values in results files: "1/year" (a fraction a year) or "d".
const char* valueUnits(UncertainTarget target);

}  // namespace tsunagu::study
