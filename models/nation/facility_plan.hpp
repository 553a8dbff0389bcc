#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/nation/nation.hpp"

namespace tsunagu {

struct LineSegment {
  std::string technology;
  Date since;
  Date until;  // exclusive
};

// What one facility of the national model does over the horizon: its readiness rank, the
// access lines it has, and its regional-network membership.
struct FacilityPlan {
  float rank = 0;
  std::vector<LineSegment> lines;
  int hubOrdinal = -1;  // which of its prefecture's regional networks; -1 = none
  LineSegment memberLine;
};

// Draws each facility's plan from its own random stream and the scenario's rollout.
class FacilityPlanner {
 public:
  explicit FacilityPlanner(const Scenario& scenario);
  FacilityPlan plan(std::uint64_t facilityKey, FacilityKind kind, int prefecture) const;

 private:
  std::string initialLine(std::uint64_t key, FacilityKind kind, double rank) const;
  Date firstUse(FacilityKind kind, double rank) const;
  void addMembership(std::uint64_t key, FacilityKind kind, int prefecture,
                     FacilityPlan& plan) const;

  const Scenario& scenario_;
  std::vector<const RolloutEvent*> lineEvents_;           // migrations and technology ends, by date
  std::vector<std::vector<std::string>> servicesByKind_;  // central services each kind uses
};

}  // namespace tsunagu
