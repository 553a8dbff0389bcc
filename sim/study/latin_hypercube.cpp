#include "sim/study/latin_hypercube.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/core/random_stream.hpp"

namespace tsunagu::study {

std::vector<std::vector<double>> latinHypercube(size_t samples,
                                                const std::vector<std::string>& dimensions,
                                                std::uint64_t seed) {
  std::vector<std::vector<double>> points;
  for (const auto& name : dimensions) {
    core::RandomStream stream(seed, core::streamKey("latin-hypercube", name));
    std::vector<size_t> stratum(samples);
    std::iota(stratum.begin(), stratum.end(), size_t{0});
    for (size_t i = samples; i > 1; --i) {  // Fisher-Yates: a uniform random permutation
      size_t j = std::min(size_t(stream.uniform() * double(i)), i - 1);
      std::swap(stratum[i - 1], stratum[j]);
    }
    std::vector<double> column(samples);
    // The top stratum's sum can round up to exactly 1, where a normal's quantile is infinite.
    const double belowOne = std::nextafter(1.0, 0.0);
    for (size_t i = 0; i < samples; ++i)
      column[i] = std::min((double(stratum[i]) + stream.uniform()) / double(samples), belowOne);
    points.push_back(std::move(column));
  }
  return points;
}

}  // namespace tsunagu::study
