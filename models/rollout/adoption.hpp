#pragma once

#include <array>
#include <optional>
#include <vector>

#include "models/core/date.hpp"
#include "models/facilities/facility.hpp"

namespace tsunagu {

struct AdoptionPoint {
  Date date;
  double share = 0;  // 0..1 of the facilities of a kind
};

// Share of facilities using a service over time: linear between dated points, zero before
// the first point unless it says otherwise, flat after the last.
class AdoptionCurve {
 public:
  AdoptionCurve() = default;
  explicit AdoptionCurve(std::vector<AdoptionPoint> points);
  double at(Date date) const;
  // The first date on which the share reaches `rank` (0..1), if it ever does.
  std::optional<Date> firstDateReaching(double rank) const;
  bool empty() const { return points_.empty(); }
  const std::vector<AdoptionPoint>& points() const { return points_; }
  // The same curve moved `days` later (earlier when negative): every point keeps its share.
  AdoptionCurve shifted(int days) const;

 private:
  std::vector<AdoptionPoint> points_;  // sorted by date
};

// A service's adoption: one curve for all kinds, optionally replaced per kind.
struct ServiceAdoption {
  AdoptionCurve all;
  std::array<std::optional<AdoptionCurve>, kFacilityKindCount> byKind;

  const AdoptionCurve& forKind(FacilityKind kind) const {
    const auto& specific = byKind[static_cast<int>(kind)];
    return specific ? *specific : all;
  }
  // Every curve of the service moved `days` later (earlier when negative).
  ServiceAdoption shifted(int days) const;
};

}  // namespace tsunagu
