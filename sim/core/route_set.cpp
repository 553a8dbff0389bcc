#include "sim/core/route_set.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace tsunagu::core {

namespace {

// How a facility reaches the infrastructure: its lines (attachment, latency) and its hub.
struct Signature {
  std::vector<std::pair<Vertex, double>> lines;
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

// The entries a facility uses, one bit each, as many words as the workload needs.
using EntrySet = std::vector<std::uint64_t>;
struct EntrySetHash {
  size_t operator()(const EntrySet& s) const {
    size_t h = 0;
    for (auto word : s) h = h * 1000003u ^ std::hash<std::uint64_t>()(word);
    return h;
  }
};

class RouteCompiler {
 public:
  RouteCompiler(const NetworkIndex& index, const Workload& workload, Date date,
                const Exclusions* excluded)
      : nation_(workload.nation()),
        index_(index),
        entries_(workload.entries()),
        routes_(nation_, date, excluded) {
    set_.date = date;
    size_t n = entries_.size();
    for (auto* perEntry : {&set_.routedShare, &set_.latencySeconds, &set_.users, &set_.routedUsers,
                           &set_.unroutedShare})
      perEntry->assign(n, 0.0);
    threshold_.assign(n * kFacilityKindCount, 0.0);
    for (size_t e = 0; e < n; ++e)
      if (entries_[e].kind) entriesOfKind_[int(*entries_[e].kind)].push_back(e);
    for (size_t e = 0; e < n; ++e)
      for (FacilityKind kind : kFacilityKinds)
        threshold_[e * kFacilityKindCount + int(kind)] =
            nation_.scenario().adoptionShare(entries_[e].service->id, kind, date);
  }

  RouteSet compile() {
    collectFacilities();
    collectDataCenters();
    routeOrigins();
    return std::move(set_);
  }

 private:
  int users(Vertex v, size_t e) const {
    const VertexInfo& info = nation_.graph()[v];
    if (info.customIndex >= 0) return nation_.usersOn(v, entries_[e].service->id, set_.date);
    double share = threshold_[e * kFacilityKindCount + int(info.facilityKind)];
    const float* ranks = nation_.ranks(v);
    return int(std::lower_bound(ranks, ranks + info.count, float(share)) - ranks);
  }

  Signature signatureOf(Vertex v, double& capacity, std::string& technology) const {
    const NationGraph& g = nation_.graph();
    Signature s;
    capacity = 0;
    for (Edge e : boost::make_iterator_range(boost::out_edges(v, g))) {
      if (nation_.isFacility(boost::target(e, g)) || !nation_.active(e, set_.date)) continue;
      s.lines.push_back({boost::target(e, g), g[e].latency.seconds});
      if (g[e].capacity.bitsPerSecond > capacity) {
        capacity = g[e].capacity.bitsPerSecond;
        technology = g[e].technology;
      }
    }
    std::sort(s.lines.begin(), s.lines.end());
    if (auto hub = nation_.regionalHub(v)) s.hub = long(*hub);
    return s;
  }

  size_t technologyIndex(const std::string& technology) {
    auto& names = set_.technologies;
    auto it = std::find(names.begin(), names.end(), technology);
    if (it != names.end()) return size_t(it - names.begin());
    names.push_back(technology);
    return names.size() - 1;
  }

  void collectFacilities() {
    const NationGraph& g = nation_.graph();
    size_t n = entries_.size(), facilities = index_.facilities().size();
    std::unordered_map<EntrySet, std::int32_t, EntrySetHash> patterns;
    set_.facilityPattern.assign(facilities, -1);
    set_.facilityCapacityBps.assign(facilities, 0.0f);
    set_.facilityTechnology.assign(facilities, 0);
    set_.facilityOrigin.assign(facilities, -1);
    EntrySet used((n + 63) / 64);
    for (size_t i = 0; i < facilities; ++i) {
      Vertex v = index_.facilities()[i];
      const VertexInfo& info = g[v];
      double capacity = 0;
      std::string technology = "none";
      Signature signature = signatureOf(v, capacity, technology);
      auto [it, added] = bySignature_.emplace(signature, set_.origins.size());
      if (added) set_.origins.push_back({v, nation_.name(v), std::vector<double>(n, 0.0)});
      OriginGroup& origin = set_.origins[it->second];
      set_.facilityOrigin[i] = std::int32_t(it->second);
      std::fill(used.begin(), used.end(), 0);
      bool usesAny = false;
      for (size_t e : entriesOfKind_[int(info.facilityKind)]) {
        if (entries_[e].viaRegionalHub && signature.hub < 0) continue;
        int u = users(v, e);
        if (u == 0 || index_.eligibleWeight(e) <= 0) continue;
        origin.share[e] += info.weight * u / index_.eligibleWeight(e);
        set_.users[e] += u;
        used[e / 64] |= std::uint64_t(1) << (e % 64);
        usesAny = true;
      }
      set_.facilityCapacityBps[i] = float(capacity);
      set_.facilityTechnology[i] = std::uint8_t(technologyIndex(technology));
      if (!usesAny) continue;
      auto p = patterns.find(used);  // most facilities repeat a known pattern: no copy then
      if (p == patterns.end()) {
        p = patterns.emplace(used, std::int32_t(set_.patternShares.size())).first;
        set_.patternShares.push_back(patternRow(used));
      }
      set_.facilityPattern[i] = p->second;
    }
  }

  // The share of each entry one facility of weight 1 carries, for the entries it uses.
  std::vector<double> patternRow(const EntrySet& used) const {
    std::vector<double> row(entries_.size(), 0.0);
    for (size_t e = 0; e < entries_.size(); ++e)
      if (used[e / 64] & (std::uint64_t(1) << (e % 64))) row[e] = 1.0 / index_.eligibleWeight(e);
    return row;
  }

  void collectDataCenters() {
    for (size_t e = 0; e < entries_.size(); ++e) {
      if (entries_[e].kind || !nation_.scenario().serviceLive(entries_[e].service->id, set_.date))
        continue;
      auto v = nation_.find(entries_[e].volume->origin);
      if (!v) continue;
      OriginGroup origin{*v, nation_.name(*v), std::vector<double>(entries_.size(), 0.0)};
      origin.share[e] = 1.0;
      set_.users[e] += 1;
      set_.dataCenterOrigin[e] = OriginId(set_.origins.size());
      set_.origins.push_back(origin);
    }
  }

  size_t pathTo(Vertex attachment, Vertex host) {
    auto [it, added] = pathOf_.emplace(std::make_pair(attachment, host), set_.paths.size());
    if (!added) return it->second;
    const NationGraph& g = nation_.graph();
    HostPath path{attachment, host, {}};
    Vertex at = attachment;
    for (Edge link : routes_.path(attachment, host)) {
      bool along = boost::source(link, g) == at;
      path.hops.push_back({index_.linkOf(g, link), along});
      at = along ? boost::target(link, g) : boost::source(link, g);
    }
    set_.paths.push_back(std::move(path));
    return it->second;
  }

  void routeOrigins() {
    const NationGraph& g = nation_.graph();
    size_t n = entries_.size();
    for (size_t o = 0; o < set_.origins.size(); ++o) {
      const OriginGroup& origin = set_.origins[o];
      for (size_t e = 0; e < n; ++e) {
        double share = origin.share[e];
        if (share <= 0) continue;
        auto host = routes_.hostFor(origin.representative, *entries_[e].service);
        auto route = host ? routes_.route(origin.representative, *host) : std::nullopt;
        if (!route) {
          set_.unroutedShare[e] += share;
          continue;
        }
        double access = route->accessLine ? g[*route->accessLine].capacity.bitsPerSecond : 0.0;
        set_.routes.push_back({OriginId(o), e, share, pathTo(route->attachment, *host),
                               route->latencySeconds, access});
        set_.routedShare[e] += share;
        set_.latencySeconds[e] += share * route->latencySeconds;
      }
    }
    for (size_t e = 0; e < n; ++e) {
      if (set_.routedShare[e] > 0) set_.latencySeconds[e] /= set_.routedShare[e];
      double total = 0;
      for (const OriginGroup& o : set_.origins) total += o.share[e];
      double routedFraction = set_.routedShare[e] / std::max(1e-300, total);
      set_.routedUsers[e] = set_.users[e] * std::min(1.0, routedFraction);
    }
  }

  const Nation& nation_;
  const NetworkIndex& index_;
  const std::vector<DemandEntry>& entries_;
  RouteTable routes_;
  RouteSet set_;
  std::vector<double> threshold_;
  std::array<std::vector<size_t>, kFacilityKindCount> entriesOfKind_;
  std::unordered_map<Signature, size_t, SignatureHash> bySignature_;
  std::map<std::pair<Vertex, Vertex>, size_t> pathOf_;
};

}  // namespace

RouteSet compileRoutes(const NetworkIndex& index, const Workload& workload, Date date,
                       const Exclusions* excluded) {
  return RouteCompiler(index, workload, date, excluded).compile();
}

FailedElements failedElements(const Nation& nation, const NetworkIndex& index,
                              const FailureSpec& spec) {
  FailedElements failed;
  if (spec.target == FailureSpec::Target::Pool) return failed;
  const NationGraph& g = nation.graph();
  bool node = spec.target == FailureSpec::Target::Node;
  // The scenario's loader has checked that the elements exist.
  Vertex a = node ? nation.find(spec.element).value() : nation.find(spec.from).value();
  Vertex b = node ? a : nation.find(spec.to).value();
  if (node) failed.excluded.nodes.insert(a);
  for (size_t l = 0; l < index.linkCount(); ++l) {
    Edge e = index.edge(LinkId(l));
    Vertex s = boost::source(e, g), t = boost::target(e, g);
    bool hit = node ? (s == a || t == a) : ((s == a && t == b) || (s == b && t == a));
    if (!hit) continue;
    failed.links.insert(LinkId(l));
    failed.excluded.links.insert(g[e].id);
  }
  return failed;
}

}  // namespace tsunagu::core
