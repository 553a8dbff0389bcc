#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tsunagu {

// The four kinds of facility (医療機関等) that bill public insurance.
enum class FacilityKind { Hospital, Clinic, DentalClinic, Pharmacy };
inline constexpr int kFacilityKindCount = 4;
inline constexpr std::array<FacilityKind, kFacilityKindCount> kFacilityKinds = {
    FacilityKind::Hospital, FacilityKind::Clinic, FacilityKind::DentalClinic,
    FacilityKind::Pharmacy};

const char* facilityKindName(FacilityKind kind);  // hospital, clinic, dental-clinic, pharmacy
std::optional<FacilityKind> parseFacilityKind(std::string_view name);

struct Prefecture {
  int code = 0;  // JIS X 0401: 1 Hokkaido ... 47 Okinawa
  std::string name;
  std::string nameJa;
  std::string region;
  std::string carrierArea;  // east | west (NTT East / NTT West)
  std::string capital;
  double latitude = 0;
  double longitude = 0;
  std::array<int, kFacilityKindCount> facilities{};  // indexed by FacilityKind

  int count(FacilityKind kind) const { return facilities[static_cast<int>(kind)]; }
};

// Hospitals are split by bed count; the weight scales a hospital's share of its kind's demand.
struct BedClass {
  std::string name;  // e.g. "100-199"
  int minBeds = 0;
  int maxBeds = 0;  // 0 = open-ended
  double share = 0;
  double demandWeight = 1;
};

}  // namespace tsunagu
