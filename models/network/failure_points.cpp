#include "models/network/failure_points.hpp"

#include <boost/graph/biconnected_components.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace tsunagu {

namespace {

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

// The active infrastructure at a date, indexed compactly, with the facilities grouped by the
// infrastructure nodes they attach to.
class InfrastructureView {
 public:
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                            boost::property<boost::edge_index_t, size_t>>;

  struct Group {
    std::vector<size_t> attachments;  // compact indices
    std::optional<size_t> hub;
    std::vector<double> users;  // by service index
  };

  InfrastructureView(const Nation& nation, Date date) : nation_(nation) {
    const NationGraph& g = nation.graph();
    for (Vertex v : boost::make_iterator_range(boost::vertices(g)))
      if (!nation.isFacility(v)) {
        index_[v] = vertices_.size();
        vertices_.push_back(v);
      }
    graph_ = Graph(vertices_.size());
    for (Edge e : boost::make_iterator_range(boost::edges(g))) {
      auto a = index_.find(boost::source(e, g)), b = index_.find(boost::target(e, g));
      if (a == index_.end() || b == index_.end() || !nation.active(e, date)) continue;
      boost::add_edge(a->second, b->second, edges_.size(), graph_);
      edges_.push_back(e);
    }
    const Scenario& scenario = nation.scenario();
    for (const auto& id : scenario.services) services_.push_back(scenario.data.services.find(id));
    groupFacilities(date);
  }

  const Graph& graph() const { return graph_; }
  Vertex vertex(size_t i) const { return vertices_[i]; }
  Edge edge(size_t i) const { return edges_[i]; }
  size_t vertexCount() const { return vertices_.size(); }

  // Facilities that lose a service they use when the node `failedNode` (or the link with index
  // `failedEdge`) is gone.
  FailurePoint cutOff(std::optional<size_t> failedNode, std::optional<size_t> failedEdge) const {
    UnionFind components(vertices_.size());
    for (auto e : boost::make_iterator_range(boost::edges(graph_))) {
      size_t s = boost::source(e, graph_), t = boost::target(e, graph_);
      bool removed = failedEdge ? boost::get(boost::edge_index, graph_, e) == *failedEdge
                                : (s == *failedNode || t == *failedNode);
      if (!removed) components.join(s, t);
    }
    FailurePoint point;
    std::set<std::string> lost;
    for (const auto& group : groups_) {
      double cut = 0;
      for (size_t i = 0; i < services_.size(); ++i) {
        if (group.users[i] <= 0 || !reachable(group, *services_[i], baseline_, std::nullopt))
          continue;
        if (reachable(group, *services_[i], components, failedNode)) continue;
        cut = std::max(cut, group.users[i]);
        lost.insert(services_[i]->id);
      }
      point.facilitiesCutOff += int(cut);
    }
    point.services.assign(lost.begin(), lost.end());
    return point;
  }

 private:
  void groupFacilities(Date date) {
    const NationGraph& g = nation_.graph();
    std::map<std::pair<std::vector<size_t>, long>, size_t> byAttachments;
    for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
      if (g[v].kind == NodeKind::Ix) ixCenters_.push_back(index_.at(v));
      if (!nation_.isFacility(v)) continue;
      std::vector<size_t> attachments;
      for (Edge e : boost::make_iterator_range(boost::out_edges(v, g)))
        if (!nation_.isFacility(boost::target(e, g)) && nation_.active(e, date))
          attachments.push_back(index_.at(boost::target(e, g)));
      std::sort(attachments.begin(), attachments.end());
      auto hub = nation_.regionalHub(v);
      long hubIndex = hub ? long(index_.at(*hub)) : -1L;
      auto [it, added] =
          byAttachments.emplace(std::make_pair(attachments, hubIndex), groups_.size());
      if (added) {
        Group group{attachments, std::nullopt, std::vector<double>(services_.size(), 0.0)};
        if (hubIndex >= 0) group.hub = size_t(hubIndex);
        groups_.push_back(group);
      }
      for (size_t i = 0; i < services_.size(); ++i)
        groups_[it->second].users[i] += nation_.usersOn(v, services_[i]->id, date);
    }
    baseline_ = UnionFind(vertices_.size());
    for (auto e : boost::make_iterator_range(boost::edges(graph_)))
      baseline_.join(boost::source(e, graph_), boost::target(e, graph_));
  }

  std::vector<size_t> hostsFor(const Group& group, const ServiceSpec& service) const {
    if (service.host == kHostRegionalHub)
      return group.hub ? std::vector{*group.hub} : std::vector<size_t>{};
    if (service.host == "ix") return ixCenters_;
    auto host = nation_.find(service.host);
    if (!host) return {};
    return {index_.at(*host)};
  }

  bool reachable(const Group& group, const ServiceSpec& service, UnionFind& components,
                 std::optional<size_t> failed) const {
    for (size_t host : hostsFor(group, service)) {
      if (failed && host == *failed) continue;
      for (size_t a : group.attachments)
        if ((!failed || a != *failed) && components.find(a) == components.find(host)) return true;
    }
    return false;
  }

  const Nation& nation_;
  std::map<Vertex, size_t> index_;
  std::vector<Vertex> vertices_;
  std::vector<Edge> edges_;
  Graph graph_;
  std::vector<const ServiceSpec*> services_;
  std::vector<Group> groups_;
  std::vector<size_t> ixCenters_;
  mutable UnionFind baseline_{0};
};

void countLines(const Nation& nation, Date date, SinglePointsOfFailure& analysis) {
  const NationGraph& g = nation.graph();
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (!nation.isFacility(v)) continue;
    int lines = 0;
    for (Edge e : boost::make_iterator_range(boost::out_edges(v, g)))
      lines += nation.active(e, date);
    if (lines == 1) analysis.singleHomedFacilities += g[v].count;
    if (lines == 0) analysis.facilitiesWithoutLine += g[v].count;
  }
}

}  // namespace

SinglePointsOfFailure findSinglePointsOfFailure(const Nation& nation, const RouteTable& routes) {
  const NationGraph& g = nation.graph();
  InfrastructureView view(nation, routes.date());
  const auto& infra = view.graph();
  std::vector<size_t> component(boost::num_edges(infra), 0);
  auto componentMap =
      boost::make_iterator_property_map(component.begin(), boost::get(boost::edge_index, infra));
  std::vector<size_t> articulation;
  size_t componentCount =
      boost::biconnected_components(infra, componentMap, std::back_inserter(articulation)).first;
  std::vector<int> edgesInComponent(componentCount, 0);
  for (size_t c : component) ++edgesInComponent[c];

  SinglePointsOfFailure analysis;
  analysis.articulationPoints = int(articulation.size());
  // Every node is tried, not only articulation points: a PoP or hub is a leaf of the
  // infrastructure yet cuts off the facilities that hang on it, and so does a data center.
  for (size_t i = 0; i < view.vertexCount(); ++i) {
    FailurePoint point = view.cutOff(i, std::nullopt);
    point.name = nation.name(view.vertex(i));
    point.kind = nodeKindName(g[view.vertex(i)].kind);
    if (point.facilitiesCutOff > 0) analysis.nodes.push_back(point);
  }
  for (auto e : boost::make_iterator_range(boost::edges(infra))) {
    size_t index = boost::get(boost::edge_index, infra, e);
    if (edgesInComponent[component[index]] != 1) continue;
    ++analysis.bridges;
    FailurePoint point = view.cutOff(std::nullopt, index);
    Edge original = view.edge(index);
    point.name = nation.linkName(original);
    point.kind = linkRoleName(g[original].role);
    if (point.facilitiesCutOff > 0) analysis.links.push_back(point);
  }
  countLines(nation, routes.date(), analysis);
  auto byImpact = [](const FailurePoint& a, const FailurePoint& b) {
    return a.facilitiesCutOff != b.facilitiesCutOff ? a.facilitiesCutOff > b.facilitiesCutOff
                                                    : a.name < b.name;
  };
  std::sort(analysis.nodes.begin(), analysis.nodes.end(), byImpact);
  std::sort(analysis.links.begin(), analysis.links.end(), byImpact);
  return analysis;
}

}  // namespace tsunagu
