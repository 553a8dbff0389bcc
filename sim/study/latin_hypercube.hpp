#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tsunagu::study {

// A Latin hypercube sample of the unit cube: `samples` points, one coordinate per dimension.
// In every dimension each of the `samples` strata [i/N, (i+1)/N) holds exactly one point, at a
// uniform position inside it, and the strata are matched across dimensions by an independent
// random permutation per dimension. So each input's whole range is covered with N points, which
// plain random sampling does only on average.
//
// Dimension d draws from its own Random123 stream keyed by (seed, its name), so adding,
// removing or reordering other dimensions leaves its coordinates unchanged.
//
// Returns the coordinates by dimension: result[d][i] is point i's coordinate in dimension d,
// strictly inside (0, 1).
std::vector<std::vector<double>> latinHypercube(size_t samples,
                                                const std::vector<std::string>& dimensions,
                                                std::uint64_t seed);

}  // namespace tsunagu::study
