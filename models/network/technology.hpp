#pragma once

#include <string>
#include <vector>

#include "models/core/quantities.hpp"

namespace tsunagu {

// One capacity tier of a line technology (IP-VPN, IPsec+IKE, ISDN, ...), with its costs.
struct TechnologyTier {
  std::string technology;
  std::string tier;
  BitRate capacity;
  Duration latency;
  double availability = 1;
  Money setupCost;
  Money monthlyCost;
};

class TechnologyCatalog {
 public:
  void add(TechnologyTier tier) { tiers_.push_back(std::move(tier)); }
  bool hasTechnology(const std::string& technology) const;
  // The first tier listed for a technology is its default.
  const TechnologyTier* defaultTier(const std::string& technology) const;
  const TechnologyTier* find(const std::string& technology, const std::string& tier) const;
  std::vector<std::string> technologies() const;
  std::vector<TechnologyTier>& tiers() { return tiers_; }
  const std::vector<TechnologyTier>& tiers() const { return tiers_; }

 private:
  std::vector<TechnologyTier> tiers_;
};

}  // namespace tsunagu
