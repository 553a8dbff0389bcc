#include "models/network/technology.hpp"

#include <algorithm>

namespace tsunagu {

bool TechnologyCatalog::hasTechnology(const std::string& technology) const {
  return defaultTier(technology) != nullptr;
}

const TechnologyTier* TechnologyCatalog::defaultTier(const std::string& technology) const {
  for (const auto& tier : tiers_)
    if (tier.technology == technology) return &tier;
  return nullptr;
}

const TechnologyTier* TechnologyCatalog::find(const std::string& technology,
                                              const std::string& tier) const {
  for (const auto& t : tiers_)
    if (t.technology == technology && t.tier == tier) return &t;
  return nullptr;
}

std::vector<std::string> TechnologyCatalog::technologies() const {
  std::vector<std::string> names;
  for (const auto& tier : tiers_)
    if (std::find(names.begin(), names.end(), tier.technology) == names.end())
      names.push_back(tier.technology);
  return names;
}

}  // namespace tsunagu
