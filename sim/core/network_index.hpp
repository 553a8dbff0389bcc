#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/workload.hpp"

namespace tsunagu::core {

// The links and pools the engines follow, fixed for the whole horizon: every infrastructure
// link (backbone, IX port, hub uplink, data-center link; not access lines) with its id and
// display name, the planner's server pools (one per service and host; the regional hubs of a
// service count as one pool, the busiest), and the facility vertices.
class NetworkIndex {
 public:
  struct Pool {
    std::string service;
    std::string host;  // a node name, or "rhin-hub" for the busiest regional hub
    std::string name;  // "service@host" ("service@busiest-rhin-hub")
  };

  NetworkIndex(const Nation& nation, const Workload& workload);

  size_t linkCount() const { return links_.size(); }
  Edge edge(LinkId link) const { return links_[link.index()]; }
  const std::vector<Edge>& edges() const { return links_; }
  const std::string& linkName(LinkId link) const { return linkNames_[link.index()]; }
  // The tracked link of a graph edge (by EdgeInfo id); throws for an access line.
  LinkId linkOf(const NationGraph& g, Edge e) const { return linkOf_.at(g[e].id); }

  const std::vector<Pool>& pools() const { return pools_; }
  // The pool an entry's requests queue at, or -1 (streams, bulk, the IX itself).
  int poolOfEntry(size_t entry) const { return poolOfEntry_[entry]; }

  const std::vector<Vertex>& facilities() const { return facilities_; }
  // Per entry: the sum of weight x facilities that may use it.
  double eligibleWeight(size_t entry) const { return eligibleWeight_[entry]; }

 private:
  std::vector<Edge> links_;
  std::vector<std::string> linkNames_;
  std::map<std::uint32_t, LinkId> linkOf_;  // EdgeInfo id -> link
  std::vector<Pool> pools_;
  std::vector<int> poolOfEntry_;
  std::vector<Vertex> facilities_;
  std::vector<double> eligibleWeight_;
};

}  // namespace tsunagu::core
