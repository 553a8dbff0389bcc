#include "sim/study/sampled_scenario.hpp"

#include <cmath>
#include <stdexcept>

namespace tsunagu::study {

std::vector<size_t> volumeRowsOf(const Scenario& scenario, const UncertainInput& input) {
  std::vector<size_t> rows;
  if (input.target != UncertainTarget::VolumeGrowth) return rows;
  const auto& volumes = scenario.data.volumes;
  for (size_t i = 0; i < volumes.size(); ++i)
    if (volumes[i].service == input.service &&
        (input.origin.empty() || volumes[i].origin == input.origin))
      rows.push_back(i);
  return rows;
}

void applySample(Scenario& scenario, const std::vector<double>& values) {
  if (values.size() != scenario.uncertainty.size())
    throw std::invalid_argument("applySample: one value per uncertain input is needed");
  for (size_t i = 0; i < values.size(); ++i) {
    const UncertainInput& input = scenario.uncertainty[i];
    if (input.target == UncertainTarget::VolumeGrowth) {
      for (size_t row : volumeRowsOf(scenario, input))
        scenario.data.volumes[row].growthPerYear = values[i];
    } else {
      ServiceAdoption& adoption = scenario.adoption.at(input.service);
      adoption = adoption.shifted(int(std::lround(values[i])));
    }
  }
}

}  // namespace tsunagu::study
