#include "models/nation/nation.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace tsunagu {

const char* linkRoleName(LinkRole role) {
  static constexpr std::array<const char*, 7> names = {
      "access", "regional-line", "backbone", "datacenter", "ix-port", "hub-uplink", "custom"};
  return names[static_cast<int>(role)];
}

Nation::Nation(const Scenario& scenario) : scenario_(&scenario) {
  for (const auto& volume : scenario.data.volumes)
    if (auto kind = parseFacilityKind(volume.origin))
      originKinds_[volume.service][static_cast<int>(*kind)] = true;
}

Vertex Nation::addInfrastructure(const std::string& name, NodeKind kind, int prefecture) {
  VertexInfo info;
  info.kind = kind;
  info.prefecture = prefecture;
  Vertex v = boost::add_vertex(info, graph_);
  infraNames_.resize(v + 1);
  infraNames_[v] = name;
  byName_[name] = v;
  return v;
}

Vertex Nation::addFacilities(const VertexInfo& info, const std::vector<float>& ranks) {
  VertexInfo stored = info;
  stored.rankOffset = std::uint32_t(ranks_.size());
  stored.count = int(ranks.size());
  ranks_.insert(ranks_.end(), ranks.begin(), ranks.end());
  std::sort(ranks_.begin() + stored.rankOffset, ranks_.end());
  Vertex v = boost::add_vertex(stored, graph_);
  infraNames_.resize(v + 1);
  if (info.customIndex >= 0) {
    infraNames_[v] = scenario_->nodes[info.customIndex].id;
    byName_[infraNames_[v]] = v;
  }
  return v;
}

Edge Nation::addLink(Vertex a, Vertex b, EdgeInfo info) {
  info.id = std::uint32_t(boost::num_edges(graph_));
  return boost::add_edge(a, b, info, graph_).first;
}

void Nation::setLineCounts(Edge e, std::vector<std::pair<Date, int>> steps) {
  lineCounts_[graph_[e].id] = std::move(steps);
}

std::string Nation::name(Vertex v) const {
  if (!infraNames_[v].empty()) return infraNames_[v];
  const VertexInfo& info = graph_[v];
  std::string kind = facilityKindName(info.facilityKind);
  return kind + "-" + std::to_string(info.prefecture) + "-" + std::to_string(v);
}

std::string Nation::linkName(Edge e) const {
  return name(boost::source(e, graph_)) + " -- " + name(boost::target(e, graph_));
}

std::optional<Vertex> Nation::findAny(const std::string& name) const {
  if (auto v = find(name)) return v;
  auto dash = name.rfind('-');
  if (dash == std::string::npos || dash + 1 >= name.size()) return std::nullopt;
  char* end = nullptr;
  unsigned long long index = std::strtoull(name.c_str() + dash + 1, &end, 10);
  if (*end != '\0' || index >= boost::num_vertices(graph_)) return std::nullopt;
  if (this->name(Vertex(index)) != name) return std::nullopt;
  return Vertex(index);
}

std::optional<Vertex> Nation::find(const std::string& name) const {
  auto it = byName_.find(name);
  if (it == byName_.end()) return std::nullopt;
  return it->second;
}

int Nation::linesOn(Edge e, Date date) const {
  const EdgeInfo& info = graph_[e];
  if (date < info.since || date >= info.until) return 0;
  auto it = lineCounts_.find(info.id);
  if (it == lineCounts_.end()) return 1;
  const auto& steps = it->second;
  auto after = std::upper_bound(steps.begin(), steps.end(), date,
                                [](Date d, const std::pair<Date, int>& s) { return d < s.first; });
  return after == steps.begin() ? 0 : (after - 1)->second;
}

std::vector<Nation::LineSpan> Nation::lineHistory(Edge e) const {
  const EdgeInfo& info = graph_[e];
  auto it = lineCounts_.find(info.id);
  if (it == lineCounts_.end()) return {{info.since, info.until, 1}};
  std::vector<LineSpan> spans;
  const auto& steps = it->second;
  for (size_t i = 0; i < steps.size(); ++i) {
    Date to = i + 1 < steps.size() ? steps[i + 1].first : info.until;
    if (steps[i].second > 0 && steps[i].first < to)
      spans.push_back({steps[i].first, to, steps[i].second});
  }
  return spans;
}

std::optional<Vertex> Nation::regionalHub(Vertex facility) const {
  std::int64_t stored = graph_[facility].regionalHub;
  if (stored < 0) return std::nullopt;
  return Vertex(stored);
}

const Nation::SharesOn& Nation::sharesOn(const std::string& service, Date date) const {
  auto [it, added] = shareCache_.try_emplace(service);
  SharesOn& cached = it->second;
  if (added || cached.date != date) {
    cached.date = date;
    cached.live = scenario_->serviceLive(service, date);
    for (FacilityKind kind : kFacilityKinds)
      cached.byKind[static_cast<int>(kind)] = scenario_->adoptionShare(service, kind, date);
  }
  return cached;
}

int Nation::usersOn(Vertex v, const std::string& service, Date date) const {
  const VertexInfo& info = graph_[v];
  if (info.kind != NodeKind::Facility) return 0;
  const SharesOn& shares = sharesOn(service, date);
  if (!shares.live) return 0;
  auto origins = originKinds_.find(service);
  if (origins == originKinds_.end() || !origins->second[static_cast<int>(info.facilityKind)])
    return 0;
  const ServiceSpec* spec = scenario_->data.services.find(service);
  if (spec->host == kHostRegionalHub && !regionalHub(v)) return 0;
  if (info.customIndex >= 0) {
    const auto& joins = scenario_->nodes[info.customIndex].joins;
    if (auto it = joins.find(service); it != joins.end())
      return date >= it->second ? info.count : 0;
  }
  double share = shares.byKind[static_cast<int>(info.facilityKind)];
  auto first = ranks_.begin() + info.rankOffset;
  return int(std::lower_bound(first, first + info.count, float(share)) - first);
}

size_t Nation::facilityCount() const {
  size_t total = 0;
  for (Vertex v : boost::make_iterator_range(boost::vertices(graph_)))
    if (graph_[v].kind == NodeKind::Facility) total += graph_[v].count;
  return total;
}

}  // namespace tsunagu
