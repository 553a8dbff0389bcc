#include "models/network/failure_points.hpp"

#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/property_map.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace tsunagu {

namespace {

struct ActiveOn {
  const Nation* nation = nullptr;
  Date date;
  bool operator()(Edge e) const { return nation->active(e, date); }
};

// Facilities that reach the infrastructure the same way, with the users of each service.
struct AttachmentGroup {
  std::vector<Vertex> attachments;
  std::optional<Vertex> hub;
  std::vector<double> users;  // by service index
  std::vector<bool> reachableBefore;
};

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(size_t a, size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<size_t> parent_;
};

class ImpactMeter {
 public:
  ImpactMeter(const Nation& nation, const RouteTable& routes) : nation_(nation), routes_(routes) {
    const auto& scenario = nation.scenario();
    for (const auto& id : scenario.services) services_.push_back(scenario.data.services.find(id));
    groupFacilities();
  }

  // Facilities that lose a service when `node` (or the link node--other) fails.
  FailurePoint measure(Vertex a, std::optional<Vertex> b) {
    const NationGraph& g = nation_.graph();
    UnionFind components(boost::num_vertices(g));
    for (Edge e : infraEdges_) {
      Vertex s = boost::source(e, g), t = boost::target(e, g);
      bool removed = b ? ((s == a && t == *b) || (s == *b && t == a)) : (s == a || t == a);
      if (!removed) components.join(s, t);
    }
    FailurePoint point;
    std::set<std::string> affected;
    for (const auto& group : groups_) {
      double cut = 0;
      for (size_t i = 0; i < services_.size(); ++i) {
        if (group.users[i] <= 0) continue;
        if (group.reachableBefore[i] && !reachable(group, *services_[i], &components, b ? std::nullopt : std::optional(a))) {
          cut = std::max(cut, group.users[i]);
          affected.insert(services_[i]->id);
        }
      }
      point.facilitiesCutOff += int(cut);
    }
    point.services.assign(affected.begin(), affected.end());
    return point;
  }

  std::vector<Edge> infraEdges_;

 private:
  void groupFacilities() {
    const NationGraph& g = nation_.graph();
    std::map<std::pair<std::vector<Vertex>, long>, size_t> index;
    for (Edge e : boost::make_iterator_range(boost::edges(g)))
      if (!nation_.isFacility(boost::source(e, g)) && !nation_.isFacility(boost::target(e, g)) &&
          nation_.active(e, routes_.date()))
        infraEdges_.push_back(e);
    for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
      if (g[v].kind == NodeKind::Ix) ixCenters_.push_back(v);
      if (!nation_.isFacility(v)) continue;
      std::vector<Vertex> attachments;
      for (Edge e : boost::make_iterator_range(boost::out_edges(v, g)))
        if (!nation_.isFacility(boost::target(e, g)) && nation_.active(e, routes_.date()))
          attachments.push_back(boost::target(e, g));
      std::sort(attachments.begin(), attachments.end());
      Vertex hub{};
      bool member = nation_.regionalHub(v, hub);
      auto key = std::make_pair(attachments, member ? long(hub) : -1L);
      auto [it, added] = index.emplace(key, groups_.size());
      if (added)
        groups_.push_back({attachments, member ? std::optional(hub) : std::nullopt,
                           std::vector<double>(services_.size(), 0.0), {}});
      for (size_t i = 0; i < services_.size(); ++i)
        groups_[it->second].users[i] += nation_.usersOn(v, services_[i]->id, routes_.date());
    }
    for (auto& group : groups_)
      for (const ServiceSpec* service : services_)
        group.reachableBefore.push_back(reachable(group, *service, nullptr, std::nullopt));
  }

  std::vector<Vertex> hostsFor(const AttachmentGroup& group, const ServiceSpec& service) const {
    if (service.host == kHostRegionalHub) return group.hub ? std::vector{*group.hub} : std::vector<Vertex>{};
    std::vector<Vertex> hosts;
    if (service.host == "ix") return ixCenters_;
    Vertex host{};
    if (nation_.find(service.host, host)) hosts.push_back(host);
    return hosts;
  }

  bool reachable(const AttachmentGroup& group, const ServiceSpec& service, UnionFind* components,
                 std::optional<Vertex> failed) {
    for (Vertex host : hostsFor(group, service)) {
      if (failed && host == *failed) continue;
      for (Vertex a : group.attachments) {
        if (failed && a == *failed) continue;
        if (!components ? routes_.route(a, host).has_value() : components->find(a) == components->find(host))
          return true;
      }
    }
    return false;
  }

  const Nation& nation_;
  const RouteTable& routes_;
  std::vector<const ServiceSpec*> services_;
  std::vector<AttachmentGroup> groups_;
  std::vector<Vertex> ixCenters_;
};

}  // namespace

FailureAnalysis findSinglePointsOfFailure(const Nation& nation, const RouteTable& routes) {
  const NationGraph& g = nation.graph();
  boost::filtered_graph<NationGraph, ActiveOn> active(g, ActiveOn{&nation, routes.date()});
  std::vector<size_t> component(boost::num_edges(g), 0);
  auto componentMap = boost::make_iterator_property_map(component.begin(), boost::get(&EdgeInfo::id, g));
  std::vector<Vertex> articulation;
  auto [componentCount, out] =
      boost::biconnected_components(active, componentMap, std::back_inserter(articulation));
  (void)out;
  std::vector<int> edgesInComponent(componentCount, 0);
  for (Edge e : boost::make_iterator_range(boost::edges(active))) ++edgesInComponent[component[g[e].id]];

  FailureAnalysis analysis;
  ImpactMeter meter(nation, routes);
  for (Vertex v : articulation) {
    if (nation.isFacility(v)) {
      analysis.facilityArticulationPoints += 1;
      continue;
    }
    FailurePoint point = meter.measure(v, std::nullopt);
    point.name = nation.name(v);
    point.kind = nodeKindName(g[v].kind);
    if (point.facilitiesCutOff > 0) analysis.nodes.push_back(point);
  }
  for (Edge e : boost::make_iterator_range(boost::edges(active))) {
    if (edgesInComponent[component[g[e].id]] != 1) continue;
    Vertex a = boost::source(e, g), b = boost::target(e, g);
    if (nation.isFacility(a) || nation.isFacility(b)) continue;
    FailurePoint point = meter.measure(a, b);
    point.name = nation.name(a) + " -- " + nation.name(b);
    point.kind = linkRoleName(g[e].role);
    if (point.facilitiesCutOff > 0) analysis.links.push_back(point);
  }
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (!nation.isFacility(v)) continue;
    int lines = 0;
    for (Edge e : boost::make_iterator_range(boost::out_edges(v, g))) lines += nation.active(e, routes.date());
    if (lines == 1) analysis.singleHomedFacilities += g[v].count;
    if (lines == 0) analysis.facilitiesWithoutLine += g[v].count;
  }
  auto byImpact = [](const FailurePoint& a, const FailurePoint& b) {
    return a.facilitiesCutOff != b.facilitiesCutOff ? a.facilitiesCutOff > b.facilitiesCutOff : a.name < b.name;
  };
  std::sort(analysis.nodes.begin(), analysis.nodes.end(), byImpact);
  std::sort(analysis.links.begin(), analysis.links.end(), byImpact);
  return analysis;
}

}  // namespace tsunagu
