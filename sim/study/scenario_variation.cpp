#include "sim/study/scenario_variation.hpp"

#include <algorithm>

namespace tsunagu::study {

ScenarioVariation::ScenarioVariation(const std::vector<CatalogueField>& catalogue)
    : catalogue_(catalogue) {
  for (size_t i = 0; i < catalogue.size(); ++i)
    if (!catalogue[i].composition.empty()) compositions_[catalogue[i].composition].push_back(i);
}

Scenario ScenarioVariation::apply(const Scenario& base, const Assignment& values) const {
  Scenario varied = base;
  std::map<std::string, std::vector<size_t>> touched;  // composition -> fields set in it
  for (const auto& [field, value] : values) {
    catalogue_.at(field).set(varied, value);
    if (!catalogue_[field].composition.empty())
      touched[catalogue_[field].composition].push_back(field);
  }
  for (const auto& [name, set] : touched) rebalance(compositions_.at(name), set, base, varied);
  return varied;
}

void ScenarioVariation::rebalance(const std::vector<size_t>& members,
                                  const std::vector<size_t>& set, const Scenario& base,
                                  Scenario& varied) const {
  auto isSet = [&](size_t field) { return std::find(set.begin(), set.end(), field) != set.end(); };
  double setTotal = 0, restTotal = 0;
  for (size_t field : members) {
    if (isSet(field))
      setTotal += catalogue_[field].get(varied);
    else
      restTotal += catalogue_[field].get(base);
  }
  // The shares not set keep their proportions and fill what the set ones leave; if they
  // cannot (nothing left, or nobody to take it) the set shares are scaled to sum to 1.
  bool restTakesUp = setTotal <= 1 && restTotal > 0;
  double setScale = restTakesUp || setTotal <= 0 ? 1.0 : 1.0 / setTotal;
  double restScale = restTakesUp ? (1 - setTotal) / restTotal : 0.0;
  for (size_t field : members) {
    const CatalogueField& f = catalogue_[field];
    if (isSet(field))
      f.set(varied, f.get(varied) * setScale);
    else
      f.set(varied, f.get(base) * restScale);
  }
}

}  // namespace tsunagu::study
