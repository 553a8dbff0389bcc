#include "models/nation/nation_builder.hpp"

#include <cmath>

namespace tsunagu {

double distanceKm(const Prefecture& a, const Prefecture& b) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRadians = M_PI / 180.0;
  double dLat = (b.latitude - a.latitude) * kRadians;
  double dLon = (b.longitude - a.longitude) * kRadians;
  double h = std::sin(dLat / 2) * std::sin(dLat / 2) + std::cos(a.latitude * kRadians) *
                                                           std::cos(b.latitude * kRadians) *
                                                           std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::unique_ptr<Nation> buildNation(const Scenario& scenario) {
  return scenario.topology == TopologyKind::National ? buildNationalTopology(scenario)
                                                     : buildCustomTopology(scenario);
}

}  // namespace tsunagu
