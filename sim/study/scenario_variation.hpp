#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/study/input_catalogue.hpp"

namespace tsunagu::study {

// New values for some catalogue fields: (index into the catalogue, value).
using Assignment = std::vector<std::pair<size_t, double>>;

// Makes the scenario a study evaluates: a copy of the base with some fields set. Shares of a
// composition must still sum to 1, so the shares that are not set are scaled in proportion to
// take up the rest (an hour profile's other 23 hours, a line mix's other technologies); when
// the shares set already exceed 1 they are scaled down to 1 and the others become 0.
class ScenarioVariation {
 public:
  explicit ScenarioVariation(const std::vector<CatalogueField>& catalogue);

  Scenario apply(const Scenario& base, const Assignment& values) const;

 private:
  void rebalance(const std::vector<size_t>& members, const std::vector<size_t>& set,
                 const Scenario& base, Scenario& varied) const;

  const std::vector<CatalogueField>& catalogue_;
  std::map<std::string, std::vector<size_t>> compositions_;  // name -> member fields
};

}  // namespace tsunagu::study
