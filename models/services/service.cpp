#include "models/services/service.hpp"

#include <array>

namespace tsunagu {

namespace {
constexpr std::array<const char*, 4> kPatternNames = {"transaction", "batch", "bulk", "stream"};
constexpr std::array<const char*, 3> kDayProfileNames = {"weekday", "claims-window", "uniform"};
constexpr std::array<const char*, 3> kPeriodNames = {"day", "month", "year"};
}  // namespace

const char* servicePatternName(ServicePattern p) {
  return kPatternNames[static_cast<int>(p)];
}

std::optional<ServicePattern> parseServicePattern(std::string_view name) {
  for (size_t i = 0; i < kPatternNames.size(); ++i)
    if (name == kPatternNames[i]) return static_cast<ServicePattern>(i);
  return std::nullopt;
}

const char* dayProfileName(DayProfile p) {
  return kDayProfileNames[static_cast<int>(p)];
}

std::optional<DayProfile> parseDayProfile(std::string_view name) {
  for (size_t i = 0; i < kDayProfileNames.size(); ++i)
    if (name == kDayProfileNames[i]) return static_cast<DayProfile>(i);
  return std::nullopt;
}

const char* volumePeriodName(VolumePeriod p) {
  return kPeriodNames[static_cast<int>(p)];
}

const ServiceSpec* ServiceCatalog::find(std::string_view id) const {
  for (const auto& s : services_)
    if (s.id == id) return &s;
  return nullptr;
}

ServiceSpec* ServiceCatalog::find(std::string_view id) {
  for (auto& s : services_)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<std::string> ServiceCatalog::ids() const {
  std::vector<std::string> ids;
  for (const auto& s : services_) ids.push_back(s.id);
  return ids;
}

}  // namespace tsunagu
