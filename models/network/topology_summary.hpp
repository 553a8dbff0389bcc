#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "models/network/failure_points.hpp"

namespace tsunagu {

struct ServiceReach {
  std::string service;
  bool live = false;
  int users = 0;             // facilities (or origins) using the service on the date
  int routed = 0;            // of those, how many have a route to a host
  double meanLatencyMs = 0;  // one way, over routed users
  double meanHops = 0;
};

// The network on one date: what exists, how it connects, and where it is fragile.
struct TopologySummary {
  Date date;
  std::map<int, std::array<int, kFacilityKindCount>> facilitiesByPrefecture;
  std::array<int, kFacilityKindCount> facilitiesByKind{};
  std::map<NodeKind, int> infrastructureByKind;
  std::map<std::string, int> linesByTechnology;  // active lines (aggregated vertices count each)
  std::map<std::string, int> linksByRole;
  std::vector<ServiceReach> services;
  int components = 0;  // connected components with at least one active link
  int largestComponentVertices = 0;
  size_t vertices = 0;
  size_t edges = 0;
  SinglePointsOfFailure failures;
};

TopologySummary summarizeTopology(const Nation& nation, Date date);

}  // namespace tsunagu
