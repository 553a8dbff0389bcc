#include "models/rollout/rollout_event.hpp"

#include <array>

namespace tsunagu {

namespace {
constexpr std::array<const char*, 6> kNames = {"service-live",   "service-mandatory",
                                               "ix-open",        "migrate",
                                               "technology-end", "line-consolidation"};
}

const char* rolloutEventTypeName(RolloutEventType type) {
  return kNames[static_cast<int>(type)];
}

std::optional<RolloutEventType> parseRolloutEventType(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<RolloutEventType>(i);
  return std::nullopt;
}

}  // namespace tsunagu
