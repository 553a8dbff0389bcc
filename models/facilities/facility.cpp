#include "models/facilities/facility.hpp"

namespace tsunagu {

namespace {
constexpr std::array<const char*, kFacilityKindCount> kNames = {"hospital", "clinic",
                                                                "dental-clinic", "pharmacy"};
}

const char* facilityKindName(FacilityKind kind) {
  return kNames[static_cast<int>(kind)];
}

std::optional<FacilityKind> parseFacilityKind(std::string_view name) {
  for (FacilityKind kind : kFacilityKinds)
    if (name == facilityKindName(kind)) return kind;
  return std::nullopt;
}

}  // namespace tsunagu
