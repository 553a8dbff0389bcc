#include "models/network/routing.hpp"

#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace tsunagu {

namespace {
constexpr double kUnreachable = std::numeric_limits<double>::infinity();
}

RouteTable::RouteTable(const Nation& nation, Date date, const Exclusions* excluded)
    : nation_(nation), date_(date) {
  if (excluded) excluded_ = *excluded;
  const NationGraph& g = nation.graph();
  compact_.assign(boost::num_vertices(g), -1);
  int next = 0;
  for (Vertex v : boost::make_iterator_range(boost::vertices(g)))
    if (!nation.isFacility(v)) {
      compact_[v] = next++;
      infraVertices_.push_back(v);
    }
  infra_ = InfraGraph(next);
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    int a = compact_[boost::source(e, g)], b = compact_[boost::target(e, g)];
    if (a < 0 || b < 0 || !nation.active(e, date)) continue;
    if (excluded_.links.count(g[e].id) || excluded_.contains(boost::source(e, g)) ||
        excluded_.contains(boost::target(e, g)))
      continue;
    boost::add_edge(a, b, g[e].latency.seconds, infra_);
    auto key = std::minmax(a, b);
    auto known = fastestEdge_.find(key);
    if (known == fastestEdge_.end() || g[e].latency.seconds < g[known->second].latency.seconds)
      fastestEdge_[key] = e;
    for (Vertex end : {boost::source(e, g), boost::target(e, g)})
      if (g[end].kind == NodeKind::Ix && g[e].role != LinkRole::HubUplink &&
          std::find(openIxCenters_.begin(), openIxCenters_.end(), end) == openIxCenters_.end())
        openIxCenters_.push_back(end);
  }
}

const RouteTable::Distances& RouteTable::from(Vertex host) const {
  auto it = cache_.find(host);
  if (it != cache_.end()) return it->second;
  size_t n = boost::num_vertices(infra_);
  Distances d{std::vector<double>(n, kUnreachable), std::vector<int>(n, 0), std::vector<size_t>(n)};
  std::vector<InfraGraph::vertex_descriptor>& predecessor = d.predecessor;
  boost::dijkstra_shortest_paths(infra_, compact_[host],
                                 boost::distance_map(d.latency.data())
                                     .predecessor_map(predecessor.data())
                                     .distance_inf(kUnreachable));
  // Hop counts follow the predecessor tree; distances order the vertices so parents come first.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return d.latency[a] < d.latency[b]; });
  for (size_t v : order)
    if (predecessor[v] != v && d.latency[v] < kUnreachable) d.hops[v] = d.hops[predecessor[v]] + 1;
  return cache_.emplace(host, std::move(d)).first->second;
}

std::optional<Vertex> RouteTable::hostFor(Vertex origin, const ServiceSpec& service) const {
  if (service.host == kHostRegionalHub) return nation_.regionalHub(origin);
  if (service.host == "ix") {
    std::optional<Vertex> best;
    double bestLatency = kUnreachable;
    for (Vertex ix : openIxCenters_) {
      auto r = route(origin, ix);
      if (r && r->latencySeconds < bestLatency) {
        bestLatency = r->latencySeconds;
        best = ix;
      }
    }
    return best;
  }
  return nation_.find(service.host);
}

std::optional<Route> RouteTable::route(Vertex origin, Vertex host) const {
  if (excluded_.contains(host) || excluded_.contains(origin)) return std::nullopt;
  const Distances& d = from(host);
  if (compact_[origin] >= 0) {
    int i = compact_[origin];
    if (d.latency[i] == kUnreachable) return std::nullopt;
    return Route{d.latency[i], d.hops[i], origin, std::nullopt};
  }
  const NationGraph& g = nation_.graph();
  std::optional<Route> best;
  for (Edge e : boost::make_iterator_range(boost::out_edges(origin, g))) {
    int attach = compact_[boost::target(e, g)];
    if (attach < 0 || !nation_.active(e, date_) || d.latency[attach] == kUnreachable) continue;
    if (excluded_.contains(boost::target(e, g))) continue;
    Route r{g[e].latency.seconds + d.latency[attach], d.hops[attach] + 1, boost::target(e, g), e};
    if (!best || r.latencySeconds < best->latencySeconds) best = r;
  }
  return best;
}

std::optional<Route> RouteTable::route(Vertex origin, const ServiceSpec& service) const {
  auto host = hostFor(origin, service);
  if (!host) return std::nullopt;
  return route(origin, *host);
}

std::vector<Edge> RouteTable::path(Vertex from, Vertex host) const {
  const Distances& d = this->from(host);
  std::vector<Edge> links;
  size_t at = size_t(compact_[from]);
  if (d.latency[at] == kUnreachable) return links;
  while (at != size_t(compact_[host])) {
    size_t next = d.predecessor[at];
    links.push_back(fastestEdge_.at(std::minmax(int(at), int(next))));
    at = next;
  }
  return links;
}

}  // namespace tsunagu
