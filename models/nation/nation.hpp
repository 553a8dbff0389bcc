#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "models/scenario/scenario.hpp"

namespace tsunagu {

inline const Date kForever = Date::fromYmd(9999, 12, 31);

enum class LinkRole {
  Access,        // facility -> carrier PoP (or, custom, to any infrastructure node)
  RegionalLine,  // facility -> its regional network's hub, a separate line
  Backbone,      // PoP -> carrier core, core -> core
  DataCenter,    // data center -> core
  IxPort,        // IX -> core
  HubUplink,     // regional hub -> IX
  Custom,        // written out in a custom topology
};
const char* linkRoleName(LinkRole role);

struct VertexInfo {
  NodeKind kind = NodeKind::Facility;
  FacilityKind facilityKind = FacilityKind::Clinic;
  int bedClass = -1;  // hospitals: index into the bed classes
  int prefecture = 13;
  int count = 1;                  // facilities this vertex stands for (more than 1 when aggregated)
  double weight = 1.0;            // demand weight of each of them within its kind
  std::uint32_t rankOffset = 0;   // facilities: their readiness ranks in Nation::ranks_
  std::int32_t customIndex = -1;  // custom topologies: index into Scenario::nodes
  std::int64_t regionalHub = -1;  // facilities: the hub of their regional network, if any
};

struct EdgeInfo {
  std::uint32_t id = 0;
  LinkRole role = LinkRole::Access;
  std::string technology;
  std::string tier;
  BitRate capacity;
  Duration latency;
  double availability = 1;
  Date since;
  Date until = kForever;  // exclusive
};

using NationGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexInfo, EdgeInfo>;
using Vertex = NationGraph::vertex_descriptor;
using Edge = NationGraph::edge_descriptor;

// The network graph over the whole horizon: every facility, hub, PoP, core, IX and data
// center, and every link with the dates it exists. "The network at a date" is the graph
// filtered by those dates; which facilities use which services follows from their readiness
// rank and the adoption curves.
class Nation {
 public:
  explicit Nation(const Scenario& scenario);

  const Scenario& scenario() const { return *scenario_; }
  const NationGraph& graph() const { return graph_; }
  NationGraph& graph() { return graph_; }

  Vertex addInfrastructure(const std::string& name, NodeKind kind, int prefecture);
  Vertex addFacilities(const VertexInfo& info, const std::vector<float>& ranks);
  Edge addLink(Vertex a, Vertex b, EdgeInfo info);
  // Aggregated vertices: how many of their facilities use the link over time.
  void setLineCounts(Edge e, std::vector<std::pair<Date, int>> steps);
  void setRegionalHub(Vertex facility, Vertex hub) {
    graph_[facility].regionalHub = std::int64_t(hub);
  }

  std::string name(Vertex v) const;
  // A link's display name, "a -- b": the one place it is built.
  std::string linkName(Edge e) const;
  // An infrastructure node (or custom facility) by name.
  [[nodiscard]] std::optional<Vertex> find(const std::string& name) const;
  // Any vertex by the name name() gives it, facilities of the national model included.
  [[nodiscard]] std::optional<Vertex> findAny(const std::string& name) const;
  bool isFacility(Vertex v) const { return graph_[v].kind == NodeKind::Facility; }
  bool active(Edge e, Date date) const { return linesOn(e, date) > 0; }
  int linesOn(Edge e, Date date) const;
  struct LineSpan {
    Date from, to;  // [from, to)
    int lines = 0;
  };
  // How many lines the link stands for over time (1 for an explicit link while it exists).
  std::vector<LineSpan> lineHistory(Edge e) const;
  // The regional hub a facility belongs to, if any.
  std::optional<Vertex> regionalHub(Vertex facility) const;
  // How many of a vertex's facilities use `service` on `date`: none unless their kind has a
  // volume for it (and, for regional-hub services, they belong to a regional network).
  int usersOn(Vertex v, const std::string& service, Date date) const;
  size_t facilityCount() const;
  // The readiness ranks of a facility vertex's facilities, sorted (count() of them).
  const float* ranks(Vertex v) const { return ranks_.data() + graph_[v].rankOffset; }

 private:
  const Scenario* scenario_;
  NationGraph graph_;
  std::vector<std::string> infraNames_;  // by vertex; empty for facilities
  std::unordered_map<std::string, Vertex> byName_;
  std::vector<float> ranks_;  // sorted within each vertex
  std::unordered_map<std::uint32_t, std::vector<std::pair<Date, int>>> lineCounts_;
  std::unordered_map<std::string, std::array<bool, kFacilityKindCount>> originKinds_;

  // usersOn is called for every vertex with the same service and date; the adoption shares
  // per kind are computed once per (service, date). Not safe to share across threads.
  struct SharesOn {
    Date date;
    bool live = false;
    std::array<double, kFacilityKindCount> byKind{};
  };
  const SharesOn& sharesOn(const std::string& service, Date date) const;
  mutable std::unordered_map<std::string, SharesOn> shareCache_;
};

}  // namespace tsunagu
