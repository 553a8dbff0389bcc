#include "models/network/topology_summary.hpp"

#include <boost/graph/connected_components.hpp>
#include <boost/graph/filtered_graph.hpp>

namespace tsunagu {

namespace {

struct ActiveOn {
  const Nation* nation = nullptr;
  Date date;
  bool operator()(Edge e) const { return nation->active(e, date); }
};

void countElements(const Nation& nation, Date date, TopologySummary& summary) {
  const NationGraph& g = nation.graph();
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    const VertexInfo& info = g[v];
    if (info.kind != NodeKind::Facility) {
      ++summary.infrastructureByKind[info.kind];
      continue;
    }
    int kind = static_cast<int>(info.facilityKind);
    summary.facilitiesByPrefecture[info.prefecture][kind] += info.count;
    summary.facilitiesByKind[kind] += info.count;
  }
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    int lines = nation.linesOn(e, date);
    if (lines == 0) continue;
    summary.linesByTechnology[g[e].technology] += lines;
    summary.linksByRole[linkRoleName(g[e].role)] += lines;
  }
  summary.vertices = boost::num_vertices(g);
  summary.edges = boost::num_edges(g);
}

void measureReach(const Nation& nation, const RouteTable& routes, TopologySummary& summary) {
  const Scenario& scenario = nation.scenario();
  const NationGraph& g = nation.graph();
  for (const auto& id : scenario.services) {
    const ServiceSpec& service = *scenario.data.services.find(id);
    ServiceReach reach;
    reach.service = id;
    reach.live = scenario.serviceLive(id, routes.date());
    double latency = 0, hops = 0;
    for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
      int users = nation.usersOn(v, id, routes.date());
      if (!nation.isFacility(v) && reach.live) {
        bool origin = std::any_of(scenario.data.volumes.begin(), scenario.data.volumes.end(),
                                  [&](const ServiceVolume& vol) {
                                    return vol.service == id && vol.origin == nation.name(v);
                                  });
        users = origin ? 1 : 0;
      }
      if (users == 0) continue;
      reach.users += users;
      if (auto route = routes.route(v, service)) {
        reach.routed += users;
        latency += route->latencySeconds * users;
        hops += route->hops * users;
      }
    }
    if (reach.routed > 0) {
      reach.meanLatencyMs = latency / reach.routed * 1e3;
      reach.meanHops = hops / reach.routed;
    }
    summary.services.push_back(reach);
  }
}

void measureConnectivity(const Nation& nation, Date date, TopologySummary& summary) {
  const NationGraph& g = nation.graph();
  boost::filtered_graph<NationGraph, ActiveOn> active(g, ActiveOn{&nation, date});
  std::vector<int> component(boost::num_vertices(g));
  int count = boost::connected_components(active, component.data());
  std::vector<int> sizes(count, 0);
  std::vector<bool> hasLink(count, false);
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) ++sizes[component[v]];
  for (Edge e : boost::make_iterator_range(boost::edges(active)))
    hasLink[component[boost::source(e, g)]] = true;
  for (int c = 0; c < count; ++c) {
    if (!hasLink[c]) continue;
    ++summary.components;
    summary.largestComponentVertices = std::max(summary.largestComponentVertices, sizes[c]);
  }
}

}  // namespace

TopologySummary summarizeTopology(const Nation& nation, Date date) {
  TopologySummary summary;
  summary.date = date;
  RouteTable routes(nation, date);
  countElements(nation, date, summary);
  measureReach(nation, routes, summary);
  measureConnectivity(nation, date, summary);
  summary.failures = findSinglePointsOfFailure(nation, routes);
  return summary;
}

}  // namespace tsunagu
