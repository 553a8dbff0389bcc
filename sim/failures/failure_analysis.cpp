#include "sim/failures/failure_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "models/queueing/queueing.hpp"
#include "sim/analytic/state_loads.hpp"

namespace tsunagu::failures {

namespace {

// The carrier's links: backbone links of the national model, and links between PoPs and cores
// written out in a custom topology.
bool isBackbone(const NationGraph& g, Edge e) {
  auto carrier = [&](Vertex v) {
    return g[v].kind == NodeKind::Pop || g[v].kind == NodeKind::Core;
  };
  return g[e].role == LinkRole::Backbone ||
         (g[e].role == LinkRole::Custom && carrier(boost::source(e, g)) &&
          carrier(boost::target(e, g)));
}

}  // namespace

std::vector<FailureCase> failureCases(const Nation& nation, Date date, double startSeconds,
                                      Duration duration) {
  const NationGraph& g = nation.graph();
  const Scenario& scenario = nation.scenario();
  std::vector<FailureCase> cases;
  auto add = [&](const std::string& name, const std::string& kind, FailureSpec spec) {
    spec.id = "n-1 " + name;
    spec.date = date;
    spec.startSeconds = startSeconds;
    spec.duration = duration;
    cases.push_back({name, kind, spec});
  };
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    NodeKind kind = g[v].kind;
    if (kind == NodeKind::Facility || kind == NodeKind::RegionalHub) continue;
    std::string name = nation.name(v);
    if (kind == NodeKind::Ix) {
      auto opens = scenario.ixOpenDate(name);
      if (opens && *opens > date) continue;
    }
    FailureSpec spec;
    spec.target = FailureSpec::Target::Node;
    spec.element = name;
    add(name, nodeKindName(kind), spec);
  }
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    if (!isBackbone(g, e) || !nation.active(e, date)) continue;
    FailureSpec spec;
    spec.target = FailureSpec::Target::Link;
    spec.from = nation.name(boost::source(e, g));
    spec.to = nation.name(boost::target(e, g));
    spec.element = nation.linkName(e);
    add(spec.element, "backbone link", spec);
  }
  for (const auto& spec : scenario.failures) cases.push_back({spec.id, "scenario", spec});
  return cases;
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

class FailureScreen {
 public:
  FailureScreen(const core::Workload& workload, const core::Design& design,
                const analytic::PlanResult& plan)
      : nation_(workload.nation()),
        scenario_(nation_.scenario()),
        plan_(plan),
        workload_(workload),
        index_(nation_, workload) {
    for (Edge e : index_.edges()) capacityBps_.push_back(design.capacityBps(nation_, e));
  }

  FailureImpact screen(const FailureCase& failure) {
    FailureImpact impact;
    impact.failure = failure;
    if (failure.spec.target == FailureSpec::Target::Pool) {
      screenPool(impact);
      return impact;
    }
    const FailureSpec& spec = failure.spec;
    const analytic::StateLoads& base = baseline(spec.date);
    Exclusions excluded = core::failedElements(nation_, index_, spec).excluded;
    analytic::StateLoads degraded =
        analytic::buildStateLoads(index_, workload_, spec.date, spec.date.plusDays(1), &excluded);
    compareRoutes(base.routes, degraded.routes, impact);
    findCutOff(base.routes, spec.date, impact);
    forEachHour(spec, [&](size_t hour, double share, const Eigen::VectorXd& rates) {
      for (size_t e = 0; e < workload_.size(); ++e)
        impact.transactionsFailed +=
            share * rates[Eigen::Index(e)] *
            std::max(0.0, degraded.routes.unroutedShare[e] - base.routes.unroutedShare[e]);
      double busiest = linkUtilisation(degraded, rates);
      impact.maxLinkUtilisation = std::max(impact.maxLinkUtilisation, busiest);
      responses(degraded.routes, rates, hour, busiest >= 1.0, {}, impact);
    });
    return impact;
  }

 private:
  const analytic::StateLoads& baseline(Date day) {
    auto it = baselines_.find(day);
    if (it == baselines_.end())
      it = baselines_
               .emplace(day, analytic::buildStateLoads(index_, workload_, day, day.plusDays(1)))
               .first;
    return it->second;
  }

  // Calls `visit(plan hour, share of the hour in the outage, transactions per hour per entry)`
  // for every hour the failure overlaps.
  template <typename Visit>
  void forEachHour(const FailureSpec& spec, Visit visit) {
    double from = spec.startSeconds, to = spec.startSeconds + spec.duration.seconds;
    Eigen::VectorXd rates(Eigen::Index(workload_.size()));
    for (double t = std::floor(from / 3600) * 3600; t < to; t += 3600) {
      Date day = spec.date.plusDays(int(t / 86400));
      if (day < plan_.start || size_t(day - plan_.start) * 24 >= plan_.hours) break;
      int hourOfDay = int(std::fmod(t, 86400) / 3600);
      double share = (std::min(to, t + 3600) - std::max(from, t)) / 3600;
      for (size_t e = 0; e < workload_.size(); ++e)
        rates[Eigen::Index(e)] = workload_.perHour(e, day, hourOfDay);
      visit(size_t(day - plan_.start) * 24 + size_t(hourOfDay), share, rates);
    }
  }

  double linkUtilisation(const analytic::StateLoads& state, const Eigen::VectorXd& rates) {
    analytic::LinkLoads loads = analytic::linkLoads(state, workload_, rates);
    double busiest = 0;
    for (size_t l = 0; l < capacityBps_.size(); ++l) {
      double load = std::max(loads.forwardBps[Eigen::Index(l)], loads.backwardBps[Eigen::Index(l)]);
      if (capacityBps_[l] > 0) busiest = std::max(busiest, load / capacityBps_[l]);
    }
    return busiest;
  }

  int poolRow(const std::string& service) const {
    for (size_t p = 0; p < plan_.pools.names.size(); ++p)
      if (plan_.pools.services[p] == service) return int(p);
    return -1;
  }

  // Each service with a target: there and back over its routes (mean latency) and its pool's
  // percentile at this hour, against the target; `servers` overrides a pool's count.
  void responses(const core::RouteSet& state, const Eigen::VectorXd& rates, size_t hour,
                 bool congested, std::map<int, int> servers, FailureImpact& impact) {
    size_t fy =
        size_t(plan_.start.plusDays(int(hour / 24)).fiscalYear() - plan_.fiscalYears.front());
    for (const auto& id : scenario_.services) {
      const ServiceSpec& service = *scenario_.data.services.find(id);
      if (service.targetPercentile <= 0) continue;
      double weight = 0, latency = 0;
      for (size_t e = 0; e < workload_.size(); ++e) {
        if (workload_.entry(e).service != &service) continue;
        double routed = rates[Eigen::Index(e)] * state.routedShare[e];
        weight += routed;
        latency += routed * state.latencySeconds[e];
      }
      if (weight <= 0) continue;
      double response = 2 * latency / weight;
      int p = poolRow(id);
      if (p >= 0) {
        int n = servers.count(p) ? servers[p] : int(plan_.pools.servers.at(size_t(p), fy));
        double lambda = plan_.pools.arrivalsPerSecond.at(size_t(p), hour);
        double s = service.serviceTime.seconds;
        response +=
            n <= 0 || lambda * s >= n
                ? kInf
                : (lambda > 0 ? queueing::mmcResponsePercentile(n, lambda, s, service.serviceTimeCv,
                                                                service.targetPercentile)
                              : s);
      }
      double ratio = congested ? kInf : response / service.targetResponse.seconds;
      if (ratio > impact.worstResponseRatio) {
        impact.worstResponseRatio = ratio;
        impact.worstService = id;
      }
    }
  }

  void compareRoutes(const core::RouteSet& base, const core::RouteSet& degraded,
                     FailureImpact& impact) {
    std::map<std::pair<core::OriginId, size_t>, const core::HostPath*> after;
    for (const auto& r : degraded.routes) after[{r.origin, r.entry}] = &degraded.pathOf(r);
    auto samePath = [](const core::HostPath& a, const core::HostPath& b) {
      if (a.attachment != b.attachment || a.hops.size() != b.hops.size()) return false;
      for (size_t k = 0; k < a.hops.size(); ++k)
        if (a.hops[k].link != b.hops[k].link || a.hops[k].forward != b.hops[k].forward)
          return false;
      return true;
    };
    int lost = 0, moved = 0, failedOver = 0;
    for (const auto& r : base.routes) {
      auto it = after.find({r.origin, r.entry});
      const core::HostPath& before = base.pathOf(r);
      if (it == after.end()) {
        ++lost;
        lostPairs_.insert({r.origin.index(), r.entry});
      } else if (it->second->host != before.host) {
        ++failedOver;  // another IX center (or host) serves them now
      } else if (!samePath(*it->second, before)) {
        ++moved;
      }
    }
    if (lost > 0)
      impact.rerouting = moved + failedOver > 0 ? "partly" : "none";
    else
      impact.rerouting = failedOver > 0 ? "fail-over" : moved > 0 ? "re-routed" : "not used";
  }

  // Facilities whose origin group lost its route to a service they use.
  void findCutOff(const core::RouteSet& base, Date day, FailureImpact& impact) {
    std::map<size_t, std::vector<size_t>> lostEntries;
    for (auto [origin, entry] : lostPairs_) lostEntries[origin].push_back(entry);
    lostPairs_.clear();
    if (lostEntries.empty()) return;
    const NationGraph& g = nation_.graph();
    for (size_t i = 0; i < index_.facilities().size(); ++i) {
      auto it = base.facilityOrigin[i] < 0 ? lostEntries.end()
                                           : lostEntries.find(size_t(base.facilityOrigin[i]));
      if (it == lostEntries.end()) continue;
      Vertex v = index_.facilities()[i];
      std::set<std::string> services;
      for (size_t e : it->second) {
        const core::DemandEntry& entry = workload_.entry(e);
        if (entry.kind && *entry.kind == g[v].facilityKind &&
            nation_.usersOn(v, entry.service->id, day) > 0)
          services.insert(entry.service->id);
      }
      if (services.empty()) continue;
      int users = 0;
      for (const auto& s : services) users = std::max(users, nation_.usersOn(v, s, day));
      impact.facilitiesCutOff += users;
      impact.cutOff.push_back({nation_.name(v),
                               facilityKindName(g[v].facilityKind),
                               g[v].prefecture,
                               users,
                               {services.begin(), services.end()}});
    }
  }

  // A pool losing part of its servers: arrivals beyond what the rest can serve while it lasts,
  // the response at the target percentile, and the claims backlog left at the deadline.
  void screenPool(FailureImpact& impact) {
    const FailureSpec& spec = impact.failure.spec;
    impact.rerouting = "pool";
    std::string service = spec.element.substr(0, spec.element.find('@'));
    int p = poolRow(service);
    if (p < 0) return;
    const ServiceSpec& spec2 = *scenario_.data.services.find(service);
    double s = spec2.serviceTime.seconds;
    const analytic::StateLoads& base = baseline(spec.date);
    Date firstDay = spec.date;
    size_t fy = size_t(firstDay.fiscalYear() - plan_.fiscalYears.front());
    int servers = int(plan_.pools.servers.at(size_t(p), fy));
    int left = int(std::lround(servers * (1 - spec.serversLost)));
    forEachHour(spec, [&](size_t hour, double share, const Eigen::VectorXd& rates) {
      double lambda = plan_.pools.arrivalsPerSecond.at(size_t(p), hour);
      impact.transactionsFailed += share * std::max(0.0, lambda - left / s) * 3600;
      responses(base.routes, rates, hour, false, {{p, left}}, impact);
    });
    impact.lateClaims = claimsLeftAtDeadline(size_t(p), spec2, spec, servers, left);
  }

  double claimsLeftAtDeadline(size_t p, const ServiceSpec& service, const FailureSpec& spec,
                              int servers, int left) const {
    if (service.dayProfile != DayProfile::ClaimsWindow) return 0;
    Date deadline =
        Date::fromYmd(spec.date.year(), spec.date.month(), unsigned(service.claimsDeadlineDay()));
    if (deadline < spec.date) return 0;
    Date windowStart = Date::fromYmd(spec.date.year(), spec.date.month(), 1);
    size_t first = size_t(std::max(windowStart, plan_.start) - plan_.start) * 24;
    size_t last = std::min(plan_.hours, size_t(deadline.plusDays(1) - plan_.start) * 24);
    double outageFrom = double(spec.date - plan_.start) * 86400 + spec.startSeconds;
    double outageTo = outageFrom + spec.duration.seconds;
    double backlog = 0, s = service.serviceTime.seconds;
    for (size_t h = first; h < last; ++h) {
      double t = double(h) * 3600;
      double down = std::max(0.0, std::min(outageTo, t + 3600) - std::max(outageFrom, t)) / 3600;
      double capacity = (servers * (1 - down) + left * down) * 3600;
      backlog =
          std::max(0.0, backlog + plan_.pools.arrivalsPerSecond.at(p, h) * 3600 * s - capacity);
    }
    return backlog / s;
  }

  const Nation& nation_;
  const Scenario& scenario_;
  const analytic::PlanResult& plan_;
  const core::Workload& workload_;
  core::NetworkIndex index_;
  std::vector<double> capacityBps_;  // per tracked link, as the design has it
  std::map<Date, analytic::StateLoads> baselines_;
  std::set<std::pair<size_t, size_t>> lostPairs_;
};

}  // namespace

std::vector<FailureImpact> screenFailures(const core::Workload& workload,
                                          const core::Design& design,
                                          const analytic::PlanResult& plan,
                                          const std::vector<FailureCase>& cases) {
  FailureScreen screen(workload, design, plan);
  std::vector<FailureImpact> impacts;
  for (const auto& failure : cases) impacts.push_back(screen.screen(failure));
  rankFailures(impacts);
  return impacts;
}

void rankFailures(std::vector<FailureImpact>& impacts) {
  auto key = [](const FailureImpact& f) {
    return std::make_tuple(
        f.failedForRanking(), f.facilitiesCutOff,
        std::max(f.lateClaims, f.desLateClaims),  // a short DES window may end before the deadline
        f.desWorstResponseRatio >= 0 ? f.desWorstResponseRatio : f.worstResponseRatio,
        f.maxLinkUtilisation);
  };
  std::stable_sort(impacts.begin(), impacts.end(),
                   [&](const FailureImpact& a, const FailureImpact& b) { return key(a) > key(b); });
  for (size_t i = 0; i < impacts.size(); ++i) impacts[i].rank = int(i) + 1;
}

}  // namespace tsunagu::failures
