#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <limits>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "models/nation/nation.hpp"

namespace tsunagu {

struct Route {
  double latencySeconds = 0;  // one way, sum of link latencies
  int hops = 0;
  Vertex attachment{};             // the first infrastructure node on the way (or the origin)
  std::optional<Edge> accessLine;  // the facility's line to it, for facility origins
};

// Lowest-latency routes through the infrastructure (PoPs, cores, hubs, IX centers, data
// centers) at one date. Facilities are stubs: they reach the infrastructure over their own
// lines and never carry other facilities' traffic.
// Infrastructure taken out of service (failures): routes avoid it.
struct Exclusions {
  std::set<Vertex> nodes;
  std::set<std::uint32_t> links;  // EdgeInfo ids
  bool contains(Vertex v) const { return nodes.count(v) != 0; }
};

class RouteTable {
 public:
  RouteTable(const Nation& nation, Date date, const Exclusions* excluded = nullptr);

  Date date() const { return date_; }
  // The vertex that serves `service` for `origin`, if any is up: a named node, the nearest
  // open IX center, or the origin's regional hub.
  std::optional<Vertex> hostFor(Vertex origin, const ServiceSpec& service) const;
  // The route from `origin` (a facility or an infrastructure node) to `host`.
  std::optional<Route> route(Vertex origin, Vertex host) const;
  std::optional<Route> route(Vertex origin, const ServiceSpec& service) const;
  // The links from infrastructure node `from` to `host` along the lowest-latency route
  // (empty when from == host or there is no route).
  std::vector<Edge> path(Vertex from, Vertex host) const;

 private:
  using InfraGraph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                            boost::property<boost::edge_weight_t, double>>;
  struct Distances {
    std::vector<double> latency;
    std::vector<int> hops;
    std::vector<size_t> predecessor;  // towards the host
  };
  const Distances& from(Vertex host) const;

  const Nation& nation_;
  Date date_;
  InfraGraph infra_;
  std::vector<int> compact_;  // nation vertex -> infrastructure index, or -1
  std::vector<Vertex> openIxCenters_;
  Exclusions excluded_;
  std::vector<Vertex> infraVertices_;                // infrastructure index -> nation vertex
  std::map<std::pair<int, int>, Edge> fastestEdge_;  // between two infrastructure nodes
  mutable std::map<Vertex, Distances> cache_;
};

}  // namespace tsunagu
