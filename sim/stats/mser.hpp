#pragma once

#include <cstddef>
#include <vector>

namespace tsunagu::stats {

// MSER-5 (White 1997; Franklin and White 2008): the series is cut into batches of five
// observations; the truncation point is the number of leading batches d (at most half of them)
// that minimises the squared standard error of the mean of what is left,
// sum over the kept batches of (b - mean)^2 / (k - d)^2. Returns the number of leading
// observations to delete (a multiple of 5).
struct Truncation {
  std::size_t observations = 0;  // to delete from the front
  double statistic = 0;          // the minimised MSER value
};
Truncation mser5(const std::vector<double>& series);

}  // namespace tsunagu::stats
