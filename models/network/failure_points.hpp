#pragma once

#include <string>
#include <vector>

#include "models/network/routing.hpp"

namespace tsunagu {

// A piece of infrastructure whose loss alone cuts facilities off from services they use.
struct FailurePoint {
  std::string name;  // a node, or "a -- b" for a link
  std::string kind;  // node kind or link role
  int facilitiesCutOff = 0;
  std::vector<std::string> services;
};

struct SinglePointsOfFailure {
  std::vector<FailurePoint> nodes;  // infrastructure nodes whose loss cuts facilities off
  std::vector<FailurePoint> links;  // infrastructure links (bridges) whose loss does
  int articulationPoints = 0;       // of the infrastructure graph (Boost)
  int bridges = 0;                  // of the infrastructure graph (Boost)
  int singleHomedFacilities = 0;    // facilities with exactly one line: it is a bridge
  int facilitiesWithoutLine = 0;
};

// The single points of failure of the network at the route table's date. Facilities never
// carry other facilities' traffic, so the structure is that of the infrastructure graph
// (articulation points and bridges, Boost Graph); each infrastructure node and each bridge is
// then failed in turn to count the facilities it cuts off from a service they use.
SinglePointsOfFailure findSinglePointsOfFailure(const Nation& nation, const RouteTable& routes);

}  // namespace tsunagu
