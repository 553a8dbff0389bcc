#pragma once

#include <string>
#include <vector>

#include "models/network/routing.hpp"

namespace tsunagu {

// A piece of infrastructure whose loss alone cuts facilities off from services they use.
struct FailurePoint {
  std::string name;   // a node, or "a -- b" for a link
  std::string kind;   // node kind or link role
  int facilitiesCutOff = 0;
  std::vector<std::string> services;
};

struct FailureAnalysis {
  std::vector<FailurePoint> nodes;  // articulation points among infrastructure nodes
  std::vector<FailurePoint> links;  // bridges among infrastructure links
  int facilityArticulationPoints = 0;  // facilities whose two lines join otherwise separate networks
  int singleHomedFacilities = 0;       // facilities with exactly one line: it is a bridge
  int facilitiesWithoutLine = 0;
};

// Finds the articulation points and bridges of the network at the route table's date (Boost
// Graph) and measures, for each one in the infrastructure, which facilities it cuts off.
FailureAnalysis findSinglePointsOfFailure(const Nation& nation, const RouteTable& routes);

}  // namespace tsunagu
