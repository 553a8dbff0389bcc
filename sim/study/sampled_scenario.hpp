#pragma once

#include <vector>

#include "models/scenario/scenario.hpp"

namespace tsunagu::study {

// Sets the uncertain inputs of a copy of the scenario as loaded to one sample's values (values[i]
// for scenario.uncertainty[i]): a volume growth replaces the growth of every volume row it names
// (a fraction a year); an adoption shift moves every adoption curve of its service by the value,
// in days rounded to the nearest day, from where the scenario put them. Nothing else changes.
void applySample(Scenario& scenario, const std::vector<double>& values);

// The volume rows (indices into scenario.data.volumes) whose growth an input sets.
std::vector<size_t> volumeRowsOf(const Scenario& scenario, const UncertainInput& input);

}  // namespace tsunagu::study
