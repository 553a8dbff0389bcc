#include "models/scenario/reference_data.hpp"

namespace tsunagu {

const Prefecture* ReferenceData::prefecture(int code) const {
  for (const auto& p : prefectures)
    if (p.code == code) return &p;
  return nullptr;
}

const DataCenter* ReferenceData::datacenter(const std::string& id) const {
  for (const auto& dc : datacenters)
    if (dc.id == id) return &dc;
  return nullptr;
}

int ReferenceData::totalFacilities(FacilityKind kind) const {
  int total = 0;
  for (const auto& p : prefectures) total += p.count(kind);
  return total;
}

}  // namespace tsunagu
