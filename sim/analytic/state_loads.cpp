#include "sim/analytic/state_loads.hpp"

#include <Eigen/Sparse>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace tsunagu::analytic {

PlanIndex::PlanIndex(const Nation& nation, const std::vector<DemandEntry>& entries) {
  const NationGraph& g = nation.graph();
  for (Edge e : boost::make_iterator_range(boost::edges(g)))
    if (!nation.isFacility(boost::source(e, g)) && !nation.isFacility(boost::target(e, g))) {
      linkOf[g[e].id] = links.size();
      links.push_back(e);
    }
  std::map<std::string, int> poolByName;
  for (const auto& entry : entries) {
    const ServiceSpec& s = *entry.service;
    bool queued = s.pattern == ServicePattern::Transaction || s.pattern == ServicePattern::Batch;
    if (!queued || s.host == "ix") {
      poolOfEntry.push_back(-1);
      continue;
    }
    std::string name = s.id + "@" + s.host;
    auto [it, added] = poolByName.emplace(name, int(pools.size()));
    if (added) pools.push_back({s.id, s.host});
    poolOfEntry.push_back(it->second);
  }
  eligibleWeight.assign(entries.size(), 0.0);
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (!nation.isFacility(v)) continue;
    facilities.push_back(v);
    Vertex hub{};
    bool member = nation.regionalHub(v, hub);
    for (size_t e = 0; e < entries.size(); ++e)
      if (entries[e].kind == g[v].facilityKind && (!entries[e].viaRegionalHub || member))
        eligibleWeight[e] += g[v].weight * g[v].count;
  }
}

namespace {

// Facilities that reach the infrastructure the same way (same lines, same hub) route alike.
struct Signature {
  std::vector<std::pair<Vertex, double>> lines;  // attachment, line latency
  long hub = -1;
  bool operator==(const Signature& o) const { return lines == o.lines && hub == o.hub; }
};

struct SignatureHash {
  size_t operator()(const Signature& s) const {
    size_t h = std::hash<long>()(s.hub);
    for (const auto& [v, latency] : s.lines)
      h = h * 1000003u ^ (std::hash<size_t>()(v) + std::hash<double>()(latency));
    return h;
  }
};

struct Origin {
  Vertex representative{};
  std::vector<double> share;  // per entry
};

class StateBuilder {
 public:
  StateBuilder(const Nation& nation, const PlanIndex& index,
               const std::vector<DemandEntry>& entries, Date start, Date end, bool withOriginRoutes,
               const Exclusions* excluded)
      : nation_(nation),
        index_(index),
        entries_(entries),
        routes_(nation, start, excluded),
        withOriginRoutes_(withOriginRoutes) {
    state_.start = start;
    state_.end = end;
    size_t n = entries.size();
    state_.routedShare.assign(n, 0.0);
    state_.latencySeconds.assign(n, 0.0);
    state_.users.assign(n, 0.0);
    state_.routedUsers.assign(n, 0.0);
    state_.unroutedShare.assign(n, 0.0);
    threshold_.assign(n * kFacilityKindCount, 0.0);
    for (size_t e = 0; e < n; ++e)
      if (entries[e].kind) entriesOfKind_[int(*entries[e].kind)].push_back(e);
    for (size_t e = 0; e < n; ++e)
      for (FacilityKind kind : kFacilityKinds)
        threshold_[e * kFacilityKindCount + int(kind)] =
            nation.scenario().adoptionShare(entries[e].service->id, kind, start);
  }

  StateLoads build() {
    collectFacilities();
    collectDataCenters();
    routeOrigins();
    return std::move(state_);
  }

 private:
  int users(Vertex v, size_t e) const {
    const VertexInfo& info = nation_.graph()[v];
    if (info.customIndex >= 0) return nation_.usersOn(v, entries_[e].service->id, state_.start);
    double share = threshold_[e * kFacilityKindCount + int(info.facilityKind)];
    const float* ranks = nation_.ranks(v);
    return int(std::lower_bound(ranks, ranks + info.count, float(share)) - ranks);
  }

  Signature signatureOf(Vertex v, double& capacity, std::string& technology) const {
    const NationGraph& g = nation_.graph();
    Signature s;
    capacity = 0;
    for (Edge e : boost::make_iterator_range(boost::out_edges(v, g))) {
      if (nation_.isFacility(boost::target(e, g)) || !nation_.active(e, state_.start)) continue;
      s.lines.push_back({boost::target(e, g), g[e].latency.seconds});
      if (g[e].capacity.bitsPerSecond > capacity) {
        capacity = g[e].capacity.bitsPerSecond;
        technology = g[e].technology;
      }
    }
    std::sort(s.lines.begin(), s.lines.end());
    Vertex hub{};
    if (nation_.regionalHub(v, hub)) s.hub = long(hub);
    return s;
  }

  size_t technologyIndex(const std::string& technology) {
    auto& names = state_.technologies;
    auto it = std::find(names.begin(), names.end(), technology);
    if (it != names.end()) return size_t(it - names.begin());
    names.push_back(technology);
    return names.size() - 1;
  }

  void collectFacilities() {
    const NationGraph& g = nation_.graph();
    size_t n = entries_.size();
    std::unordered_map<std::uint64_t, std::int32_t> patterns;
    state_.facilityPattern.assign(index_.facilities.size(), -1);
    state_.facilityCapacityBps.assign(index_.facilities.size(), 0.0f);
    state_.facilityTechnology.assign(index_.facilities.size(), 0);
    state_.facilityOrigin.assign(index_.facilities.size(), -1);
    std::vector<std::vector<double>> patternRows;
    for (size_t i = 0; i < index_.facilities.size(); ++i) {
      Vertex v = index_.facilities[i];
      const VertexInfo& info = g[v];
      double capacity = 0;
      std::string technology = "none";
      Signature signature = signatureOf(v, capacity, technology);
      auto [it, added] = bySignature_.emplace(signature, origins_.size());
      if (added) origins_.push_back({v, std::vector<double>(n, 0.0)});
      Origin& origin = origins_[it->second];
      state_.facilityOrigin[i] = std::int32_t(it->second);
      std::uint64_t mask = 0;
      for (size_t e : entriesOfKind_[int(info.facilityKind)]) {
        if (entries_[e].viaRegionalHub && signature.hub < 0) continue;
        int u = users(v, e);
        if (u == 0 || index_.eligibleWeight[e] <= 0) continue;
        origin.share[e] += info.weight * u / index_.eligibleWeight[e];
        state_.users[e] += u;
        if (e < 64) mask |= std::uint64_t(1) << e;
      }
      state_.facilityCapacityBps[i] = float(capacity);
      state_.facilityTechnology[i] = std::uint8_t(technologyIndex(technology));
      if (mask == 0) continue;
      auto [p, newPattern] = patterns.emplace(mask, std::int32_t(patternRows.size()));
      if (newPattern) patternRows.push_back(patternRow(mask));
      state_.facilityPattern[i] = p->second;
    }
    state_.patternUp.resize(Eigen::Index(patternRows.size()), Eigen::Index(n));
    state_.patternDown.resize(Eigen::Index(patternRows.size()), Eigen::Index(n));
    for (size_t p = 0; p < patternRows.size(); ++p)
      for (size_t e = 0; e < n; ++e) {
        state_.patternUp(Eigen::Index(p), Eigen::Index(e)) =
            patternRows[p][e] * entries_[e].requestBytes;
        state_.patternDown(Eigen::Index(p), Eigen::Index(e)) =
            patternRows[p][e] * entries_[e].responseBytes;
      }
  }

  // The share of each entry one facility of weight 1 carries, for the entries in `mask`.
  std::vector<double> patternRow(std::uint64_t mask) const {
    std::vector<double> row(entries_.size(), 0.0);
    for (size_t e = 0; e < entries_.size() && e < 64; ++e)
      if (mask & (std::uint64_t(1) << e)) row[e] = 1.0 / index_.eligibleWeight[e];
    return row;
  }

  void collectDataCenters() {
    for (size_t e = 0; e < entries_.size(); ++e) {
      if (entries_[e].kind ||
          !nation_.scenario().serviceLive(entries_[e].service->id, state_.start))
        continue;
      Vertex v{};
      if (!nation_.find(entries_[e].volume->origin, v)) continue;
      Origin origin{v, std::vector<double>(entries_.size(), 0.0)};
      origin.share[e] = 1.0;
      state_.users[e] += 1;
      state_.dataCenterOrigin[e] = origins_.size();
      origins_.push_back(origin);
    }
  }

  void routeOrigins() {
    size_t n = entries_.size();
    std::map<std::pair<Vertex, Vertex>, size_t> groupOf;  // (attachment, host) -> column
    std::vector<Eigen::Triplet<double>> shares;           // group x entry
    std::map<Vertex, std::vector<double>> hubShares;      // regional hub -> per entry
    for (size_t o = 0; o < origins_.size(); ++o) {
      const Origin& origin = origins_[o];
      for (size_t e = 0; e < n; ++e) {
        double share = origin.share[e];
        if (share <= 0) continue;
        auto host = routes_.hostFor(origin.representative, *entries_[e].service);
        auto route = host ? routes_.route(origin.representative, *host) : std::nullopt;
        if (!route) {
          state_.unroutedShare[e] += share;
          continue;
        }
        if (withOriginRoutes_) keepOriginRoute(o, e, share, *host, *route);
        auto [it, added] =
            groupOf.emplace(std::make_pair(route->attachment, *host), groupOf.size());
        shares.emplace_back(Eigen::Index(it->second), Eigen::Index(e), share);
        state_.routedShare[e] += share;
        state_.latencySeconds[e] += share * route->latencySeconds;
        if (entries_[e].viaRegionalHub) {
          auto& perEntry = hubShares[*host];
          perEntry.resize(n, 0.0);
          perEntry[e] += share;
        }
      }
    }
    for (size_t e = 0; e < n; ++e) {
      if (state_.routedShare[e] > 0) state_.latencySeconds[e] /= state_.routedShare[e];
      double routedFraction = state_.routedShare[e] / std::max(1e-300, totalShare(e));
      state_.routedUsers[e] = state_.users[e] * std::min(1.0, routedFraction);
    }
    fillLinks(groupOf, shares);
    fillPools(hubShares);
  }

  void keepOriginRoute(size_t origin, size_t e, double share, Vertex host, const Route& route) {
    double access = 0;
    if (route.accessLine) access = nation_.graph()[*route.accessLine].capacity.bitsPerSecond;
    state_.originRoutes.push_back({origin, e, share, host, route.attachment, route.latencySeconds,
                                   access, routes_.path(route.attachment, host)});
  }

  double totalShare(size_t e) const {
    double total = 0;
    for (const Origin& o : origins_) total += o.share[e];
    return total;
  }

  void fillLinks(const std::map<std::pair<Vertex, Vertex>, size_t>& groupOf,
                 const std::vector<Eigen::Triplet<double>>& shares) {
    const NationGraph& g = nation_.graph();
    // link x group: 1 when the group's requests cross the link in that direction
    std::vector<Eigen::Triplet<double>> forward, backward;
    for (const auto& [key, group] : groupOf) {
      Vertex at = key.first;
      for (Edge link : routes_.path(key.first, key.second)) {
        bool along = boost::source(link, g) == at;
        (along ? forward : backward)
            .emplace_back(Eigen::Index(index_.linkOf.at(g[link].id)), Eigen::Index(group), 1.0);
        at = along ? boost::target(link, g) : boost::source(link, g);
      }
    }
    auto rows = Eigen::Index(index_.links.size()), cols = Eigen::Index(groupOf.size());
    Eigen::SparseMatrix<double> rf(rows, cols), rb(rows, cols);
    rf.setFromTriplets(forward.begin(), forward.end());
    rb.setFromTriplets(backward.begin(), backward.end());
    Eigen::SparseMatrix<double> s(cols, Eigen::Index(entries_.size()));
    s.setFromTriplets(shares.begin(), shares.end());
    state_.linksForward = Eigen::MatrixXd(rf * s);
    state_.linksBackward = Eigen::MatrixXd(rb * s);
  }

  void fillPools(const std::map<Vertex, std::vector<double>>& hubShares) {
    size_t n = entries_.size();
    state_.pools = Eigen::MatrixXd::Zero(Eigen::Index(index_.pools.size()), Eigen::Index(n));
    // Regional hubs each run their own pool; the planner follows the busiest one.
    const std::vector<double>* busiest = nullptr;
    double busiestTotal = -1;
    for (const auto& [hub, perEntry] : hubShares) {
      double total = 0;
      for (size_t e = 0; e < n; ++e) total += perEntry[e] * entries_[e].volume->volume;
      if (total > busiestTotal) {
        busiestTotal = total;
        busiest = &perEntry;
      }
    }
    for (size_t e = 0; e < n; ++e) {
      int pool = index_.poolOfEntry[e];
      if (pool < 0) continue;
      state_.pools(pool, Eigen::Index(e)) =
          entries_[e].viaRegionalHub ? (busiest ? (*busiest)[e] : 0.0) : state_.routedShare[e];
    }
  }

  const Nation& nation_;
  const PlanIndex& index_;
  const std::vector<DemandEntry>& entries_;
  RouteTable routes_;
  bool withOriginRoutes_;
  StateLoads state_;
  std::vector<double> threshold_;
  std::array<std::vector<size_t>, kFacilityKindCount> entriesOfKind_;
  std::unordered_map<Signature, size_t, SignatureHash> bySignature_;
  std::vector<Origin> origins_;
};

}  // namespace

StateLoads buildStateLoads(const Nation& nation, const PlanIndex& index,
                           const std::vector<DemandEntry>& entries, Date start, Date end,
                           bool withOriginRoutes, const Exclusions* excluded) {
  return StateBuilder(nation, index, entries, start, end, withOriginRoutes, excluded).build();
}

FailedElements failedElements(const Nation& nation, const PlanIndex& index,
                              const FailureSpec& spec) {
  FailedElements failed;
  if (spec.target == FailureSpec::Target::Pool) return failed;
  const NationGraph& g = nation.graph();
  Vertex a{}, b{};
  bool node = spec.target == FailureSpec::Target::Node;
  if (node) {
    nation.find(spec.element, a);
    failed.excluded.nodes.insert(a);
  } else {
    nation.find(spec.from, a);
    nation.find(spec.to, b);
  }
  for (size_t l = 0; l < index.links.size(); ++l) {
    Vertex s = boost::source(index.links[l], g), t = boost::target(index.links[l], g);
    bool hit = node ? (s == a || t == a) : ((s == a && t == b) || (s == b && t == a));
    if (!hit) continue;
    failed.trackedLinks.insert(l);
    failed.excluded.links.insert(g[index.links[l]].id);
  }
  return failed;
}

}  // namespace tsunagu::analytic
