#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/core/date.hpp"
#include "models/facilities/facility.hpp"

namespace tsunagu {

enum class RolloutEventType {
  ServiceLive,        // a service starts; no demand before
  ServiceMandatory,   // a service becomes mandatory (reported; adoption says how fast)
  IxOpen,             // an IX center opens
  Migrate,            // a share of facilities moves from one line technology to another
  TechnologyEnd,      // a technology is withdrawn; its remaining users move
  LineConsolidation,  // facilities drop their separate regional-network lines, using the IX
};

const char* rolloutEventTypeName(RolloutEventType type);
std::optional<RolloutEventType> parseRolloutEventType(std::string_view name);

struct RolloutEvent {
  std::string id;
  Date date;
  RolloutEventType type = RolloutEventType::ServiceLive;
  std::string service;              // service-live, service-mandatory
  std::string ix;                   // ix-open
  std::string from;                 // migrate: technology; technology-end: the withdrawn one
  std::string to;                   // migrate, technology-end
  std::vector<FacilityKind> kinds;  // migrate (empty = all kinds)
  double share = 1.0;               // migrate
  std::string description;
};

}  // namespace tsunagu
