#include "models/rollout/adoption.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagu {

AdoptionCurve::AdoptionCurve(std::vector<AdoptionPoint> points) : points_(std::move(points)) {
  std::sort(points_.begin(), points_.end(),
            [](const AdoptionPoint& a, const AdoptionPoint& b) { return a.date < b.date; });
}

double AdoptionCurve::at(Date date) const {
  if (points_.empty() || date < points_.front().date) return 0.0;
  if (date >= points_.back().date) return points_.back().share;
  auto next = std::upper_bound(points_.begin(), points_.end(), date,
                               [](Date d, const AdoptionPoint& p) { return d < p.date; });
  auto prev = next - 1;
  double span = next->date - prev->date;
  double fraction = (date - prev->date) / span;
  return prev->share + fraction * (next->share - prev->share);
}

std::optional<Date> AdoptionCurve::firstDateReaching(double rank) const {
  if (points_.empty()) return std::nullopt;
  if (points_.front().share >= rank) return points_.front().date;
  for (size_t i = 1; i < points_.size(); ++i) {
    const auto& a = points_[i - 1];
    const auto& b = points_[i];
    if (b.share < rank) continue;
    // Linear between a and b: the first whole day whose share is at least `rank`.
    double days = (rank - a.share) / (b.share - a.share) * double(b.date - a.date);
    Date candidate = a.date.plusDays(int(std::ceil(days - 1e-9)));
    while (at(candidate) < rank) candidate = candidate.plusDays(1);
    return candidate;
  }
  return std::nullopt;
}

AdoptionCurve AdoptionCurve::shifted(int days) const {
  std::vector<AdoptionPoint> moved = points_;
  for (auto& point : moved) point.date = point.date.plusDays(days);
  return AdoptionCurve(std::move(moved));
}

ServiceAdoption ServiceAdoption::shifted(int days) const {
  ServiceAdoption moved;
  moved.all = all.shifted(days);
  for (size_t k = 0; k < byKind.size(); ++k)
    if (byKind[k]) moved.byKind[k] = byKind[k]->shifted(days);
  return moved;
}

}  // namespace tsunagu
