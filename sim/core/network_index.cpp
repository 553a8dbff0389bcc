#include "sim/core/network_index.hpp"

namespace tsunagu::core {

NetworkIndex::NetworkIndex(const Nation& nation, const Workload& workload) {
  const NationGraph& g = nation.graph();
  for (Edge e : boost::make_iterator_range(boost::edges(g)))
    if (!nation.isFacility(boost::source(e, g)) && !nation.isFacility(boost::target(e, g))) {
      linkOf_[g[e].id] = LinkId(links_.size());
      links_.push_back(e);
      linkNames_.push_back(nation.linkName(e));
    }
  std::map<std::string, int> poolByName;
  for (const auto& entry : workload.entries()) {
    const ServiceSpec& s = *entry.service;
    bool queued = s.pattern == ServicePattern::Transaction || s.pattern == ServicePattern::Batch;
    if (!queued || s.host == "ix") {
      poolOfEntry_.push_back(-1);
      continue;
    }
    std::string key = s.id + "@" + s.host;
    auto [it, added] = poolByName.emplace(key, int(pools_.size()));
    if (added)
      pools_.push_back(
          {s.id, s.host, s.id + "@" + (s.host == kHostRegionalHub ? "busiest-rhin-hub" : s.host)});
    poolOfEntry_.push_back(it->second);
  }
  const auto& entries = workload.entries();
  eligibleWeight_.assign(entries.size(), 0.0);
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (!nation.isFacility(v)) continue;
    facilities_.push_back(v);
    bool member = nation.regionalHub(v).has_value();
    for (size_t e = 0; e < entries.size(); ++e)
      if (entries[e].kind == g[v].facilityKind && (!entries[e].viaRegionalHub || member))
        eligibleWeight_[e] += g[v].weight * g[v].count;
  }
}

}  // namespace tsunagu::core
