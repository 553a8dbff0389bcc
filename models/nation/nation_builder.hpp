#pragma once

#include <memory>

#include "models/nation/nation.hpp"

namespace tsunagu {

// Builds the graph of a scenario: the national model from the data tables (every facility a
// vertex, or one vertex per prefecture x kind x bed class x regional network when
// aggregated), or the custom topology as written.
std::unique_ptr<Nation> buildNation(const Scenario& scenario);
std::unique_ptr<Nation> buildNationalTopology(const Scenario& scenario);
std::unique_ptr<Nation> buildCustomTopology(const Scenario& scenario);

// Great-circle distance between two prefectures' capitals, in km.
double distanceKm(const Prefecture& a, const Prefecture& b);

}  // namespace tsunagu
