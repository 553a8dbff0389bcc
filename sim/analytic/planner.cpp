#include "sim/analytic/planner.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "sim/analytic/costs.hpp"
#include "sim/analytic/link_peaks.hpp"
#include "sim/analytic/service_loads.hpp"
#include "sim/analytic/state_loads.hpp"
#include "sim/analytic/summaries.hpp"

namespace tsunagu::analytic {

std::vector<std::pair<Date, Date>> rolloutStates(const Scenario& scenario) {
  const Horizon& h = scenario.horizon;
  Date stop = h.end.plusDays(1);
  std::set<Date> cuts = {h.start, stop};
  int months = scenario.planning.monthsPerState;
  for (Date d = Date::fromYmd(h.start.year(), h.start.month(), 1); d < stop;) {
    if (d > h.start) cuts.insert(d);
    int index = d.year() * 12 + int(d.month()) - 1 + months;
    d = Date::fromYmd(index / 12, unsigned(index % 12) + 1, 1);
  }
  for (int fy = h.start.fiscalYear(); fy <= h.end.fiscalYear() + 1; ++fy)
    if (fiscalYearStart(fy) > h.start && fiscalYearStart(fy) < stop)
      cuts.insert(fiscalYearStart(fy));
  auto cut = [&](Date d) {
    if (d > h.start && d < stop) cuts.insert(d);
  };
  for (const auto& event : scenario.events) cut(event.date);
  for (const auto& link : scenario.links) {  // custom topologies change on their links' dates
    if (link.since) cut(*link.since);
    if (link.until) cut(*link.until);
  }
  for (const auto& node : scenario.nodes)
    for (const auto& [service, date] : node.joins) cut(date);
  for (const auto& [service, adoption] : scenario.adoption) {
    for (const auto& point : adoption.all.points()) cut(point.date);
    for (const auto& curve : adoption.byKind)
      if (curve)
        for (const auto& point : curve->points()) cut(point.date);
  }
  std::vector<std::pair<Date, Date>> states;
  for (auto it = cuts.begin(); std::next(it) != cuts.end(); ++it)
    states.push_back({*it, *std::next(it)});
  return states;
}

namespace {

class Planner {
 public:
  Planner(const core::Workload& workload, const core::Design& design, const PlanProgress& progress)
      : progress_(progress),
        nation_(workload.nation()),
        scenario_(nation_.scenario()),
        workload_(workload),
        design_(design),
        index_(nation_, workload),
        quantiles_{PeakQuantile(scenario_.planning.peak.percentile, kPeakIntervalSeconds[0]),
                   PeakQuantile(scenario_.planning.peak.percentile, kPeakIntervalSeconds[1])} {}

  PlanResult run() {
    setUp();
    auto states = rolloutStates(scenario_);
    result_.states = int(states.size());
    for (const auto& [start, end] : states) {
      StateLoads state = buildStateLoads(index_, workload_, start, end);
      runState(state);
    }
    closeFiscalYear();
    summariseLinks(result_, scenario_);
    estimatePools(result_, scenario_, design_);
    result_.costs = computeCosts(nation_, result_);
    return std::move(result_);
  }

 private:
  size_t fyIndex(Date d) const { return size_t(d.fiscalYear() - result_.fiscalYears.front()); }

  void setUp() {
    const Horizon& h = scenario_.horizon;
    result_.scenarioName = scenario_.name;
    result_.start = h.start;
    result_.hours = size_t(h.end - h.start + 1) * 24;
    result_.utilisationTarget = scenario_.planning.utilisationTarget;
    result_.peakRule = scenario_.planning.peak;
    for (int fy = h.start.fiscalYear(); fy <= h.end.fiscalYear(); ++fy)
      result_.fiscalYears.push_back(fy);
    size_t years = result_.fiscalYears.size();
    const NationGraph& g = nation_.graph();
    LinkResults& links = result_.links;
    for (size_t l = 0; l < index_.linkCount(); ++l) {
      Edge e = index_.edge(core::LinkId(l));
      links.names.push_back(index_.linkName(core::LinkId(l)));
      links.roles.push_back(linkRoleName(g[e].role));
      links.technologies.push_back(g[e].technology);
      links.capacityBps.push_back(design_.capacityBps(nation_, e));
    }
    links.busyHour.resize(index_.linkCount(), years, -1);
    links.busyByServiceBps.resize(index_.linkCount() * scenario_.services.size(), years);
    busiestSoFar_.assign(index_.linkCount() * years, -1.0);
    links.forwardBps.resize(index_.linkCount(), result_.hours);
    links.backwardBps.resize(index_.linkCount(), result_.hours);
    for (size_t i = 0; i < kPeakIntervalSeconds.size(); ++i) {
      links.forwardPeakBps[i].resize(index_.linkCount(), result_.hours);
      links.backwardPeakBps[i].resize(index_.linkCount(), result_.hours);
    }
    PoolResults& pools = result_.pools;
    for (const auto& pool : index_.pools()) {
      pools.names.push_back(pool.name);
      pools.services.push_back(pool.service);
      pools.hosts.push_back(pool.host);
    }
    pools.arrivalsPerSecond.resize(index_.pools().size(), result_.hours);
    ServiceResults& services = result_.services;
    services.names = scenario_.services;
    for (auto* table :
         {&services.transactions, &services.bytes, &services.users, &services.routedUsers,
          &services.networkLatencyMs, &services.responseP95Seconds})
      table->resize(services.names.size(), years);
    services.usersByKind.resize(services.names.size() * kFacilityKindCount, years);
    latencyWeight_.assign(services.names.size() * years, 0.0);
    for (const auto& entry : workload_.entries())
      serviceRowOfEntry_.push_back(serviceRow(entry.service->id));
    facilityUtilisation_.assign(index_.facilities().size(), 0.0f);
    facilityTechnology_.assign(index_.facilities().size(), 0);
    technologyNames_ = {"none"};
    currentFy_ = h.start.fiscalYear();
  }

  size_t serviceRow(const std::string& id) const {
    return size_t(std::find(result_.services.names.begin(), result_.services.names.end(), id) -
                  result_.services.names.begin());
  }

  void runState(const StateLoads& state) {
    if (state.start.fiscalYear() != currentFy_) {
      closeFiscalYear();
      currentFy_ = state.start.fiscalYear();
    }
    size_t n = workload_.size();
    Eigen::VectorXd rate(n), bytes(n);
    Eigen::VectorXd patternPeakUp = Eigen::VectorXd::Zero(state.patternUp.rows());
    Eigen::VectorXd patternPeakDown = Eigen::VectorXd::Zero(state.patternDown.rows());
    size_t fy = fyIndex(state.start);
    PeakShapes shapes = peakShapes(state, workload_, result_.links.capacityBps);
    for (Date day = state.start; day < state.end; day = day.plusDays(1)) {
      size_t firstHour = size_t(day - result_.start) * 24;
      for (int h = 0; h < 24; ++h) {
        for (size_t e = 0; e < n; ++e) {
          rate[Eigen::Index(e)] = workload_.perHour(e, day, h);
          bytes[Eigen::Index(e)] = rate[Eigen::Index(e)] * workload_.entry(e).requestBytes +
                                   rate[Eigen::Index(e)] * workload_.entry(e).responseBytes;
        }
        recordHour(state, shapes, firstHour + size_t(h), rate);
        patternPeakUp = patternPeakUp.cwiseMax(state.patternUp * rate);
        patternPeakDown = patternPeakDown.cwiseMax(state.patternDown * rate);
        countServices(state, fy, rate, bytes);
      }
      if (progress_) progress_(double(day - result_.start + 1) * 24 / double(result_.hours));
    }
    recordAccess(state, patternPeakUp, patternPeakDown);
    recordCoverage(state, fy);
  }

  void recordHour(const StateLoads& state, const PeakShapes& shapes, size_t hour,
                  const Eigen::VectorXd& rate) {
    LinkLoads loads = linkLoads(state, workload_, rate);
    LinkPeaks peaks = linkPeaks(shapes, rate, quantiles_);
    LinkResults& links = result_.links;
    for (Eigen::Index l = 0; l < loads.forwardBps.size(); ++l) {
      links.forwardBps.at(size_t(l), hour) = float(loads.forwardBps[l]);
      links.backwardBps.at(size_t(l), hour) = float(loads.backwardBps[l]);
      for (size_t i = 0; i < kPeakIntervalSeconds.size(); ++i) {
        links.forwardPeakBps[i].at(size_t(l), hour) = float(peaks.forwardBps(l, Eigen::Index(i)));
        links.backwardPeakBps[i].at(size_t(l), hour) = float(peaks.backwardBps(l, Eigen::Index(i)));
      }
    }
    trackBusyHours(state, hour, rate);
    Eigen::VectorXd arrivals = state.pools * rate / 3600.0;
    for (Eigen::Index p = 0; p < arrivals.size(); ++p)
      result_.pools.arrivalsPerSecond.at(size_t(p), hour) = float(arrivals[p]);
  }

  // A link's busy hour so far this fiscal year, split by service whenever a busier hour comes
  // (from the same float loads the busy hour is read from, so the hour is the same).
  void trackBusyHours(const StateLoads& state, size_t hour, const Eigen::VectorXd& rate) {
    LinkResults& links = result_.links;
    size_t fy = fyIndex(result_.start.plusDays(int(hour / 24))), years = result_.fiscalYears.size();
    size_t services = result_.services.names.size();
    for (size_t l = 0; l < links.names.size(); ++l) {
      float f = links.forwardBps.at(l, hour), b = links.backwardBps.at(l, hour);
      double& best = busiestSoFar_[l * years + fy];
      if (std::max(f, b) <= best) continue;
      best = std::max(f, b);
      links.busyHour.at(l, fy) = double(hour);
      std::vector<double> split(services, 0.0);
      addByService(state, workload_, l, f >= b, rate, serviceRowOfEntry_, split);
      for (size_t s = 0; s < services; ++s)
        links.busyByServiceBps.at(l * services + s, fy) = split[s];
    }
  }

  void countServices(const StateLoads& state, size_t fy, const Eigen::VectorXd& rate,
                     const Eigen::VectorXd& bytes) {
    const core::RouteSet& routes = state.routes;
    for (size_t e = 0; e < workload_.size(); ++e) {
      double served = routes.routedShare[e];
      if (served <= 0) continue;
      size_t row = serviceRowOfEntry_[e];
      double tx = rate[Eigen::Index(e)] * served;
      result_.services.transactions.at(row, fy) += tx;
      result_.services.bytes.at(row, fy) += bytes[Eigen::Index(e)] * served;
      result_.services.networkLatencyMs.at(row, fy) += tx * routes.latencySeconds[e] * 1e3;
      latencyWeight_[row * result_.fiscalYears.size() + fy] += tx;
    }
  }

  void recordCoverage(const StateLoads& state, size_t fy) {
    auto& users = result_.services.users;
    auto& routed = result_.services.routedUsers;
    for (size_t row = 0; row < users.rows; ++row) {
      users.at(row, fy) = 0;
      routed.at(row, fy) = 0;
    }
    auto& byKind = result_.services.usersByKind;
    for (size_t row = 0; row < byKind.rows; ++row) byKind.at(row, fy) = 0;
    const core::RouteSet& routes = state.routes;
    for (size_t e = 0; e < workload_.size(); ++e) {
      size_t row = serviceRowOfEntry_[e];
      users.at(row, fy) += routes.users[e];
      routed.at(row, fy) += routes.routedUsers[e];
      if (auto kind = workload_.entry(e).kind)
        byKind.at(row * kFacilityKindCount + size_t(*kind), fy) += routes.users[e];
    }
  }

  void recordAccess(const StateLoads& state, const Eigen::VectorXd& peakUp,
                    const Eigen::VectorXd& peakDown) {
    const NationGraph& g = nation_.graph();
    std::vector<std::uint8_t> global;  // the state's technology indices in technologyNames_
    const core::RouteSet& routes = state.routes;
    for (const auto& name : routes.technologies) {
      auto it = std::find(technologyNames_.begin(), technologyNames_.end(), name);
      if (it == technologyNames_.end()) it = technologyNames_.insert(technologyNames_.end(), name);
      global.push_back(std::uint8_t(it - technologyNames_.begin()));
    }
    for (size_t i = 0; i < index_.facilities().size(); ++i) {
      std::int32_t p = routes.facilityPattern[i];
      float capacity = routes.facilityCapacityBps[i];
      if (p < 0 || capacity <= 0) continue;
      double busiest =
          std::max(peakUp[p], peakDown[p]) * g[index_.facilities()[i]].weight * 8.0 / 3600.0;
      float utilisation = float(busiest / capacity);
      if (utilisation <= facilityUtilisation_[i]) continue;
      facilityUtilisation_[i] = utilisation;  // the year's busiest state, and its line
      facilityTechnology_[i] = global[routes.facilityTechnology[i]];
    }
  }

  // Access-line distributions of the fiscal year that just ended.
  void closeFiscalYear() {
    const NationGraph& g = nation_.graph();
    std::map<std::pair<std::string, std::string>, std::vector<float>> byClass;
    std::vector<std::pair<float, size_t>> ranked;
    for (size_t i = 0; i < index_.facilities().size(); ++i) {
      Vertex v = index_.facilities()[i];
      if (scenario_.aggregate || facilityUtilisation_[i] <= 0)
        continue;  // explicit facilities only
      byClass[{facilityKindName(g[v].facilityKind), technologyNames_[facilityTechnology_[i]]}]
          .push_back(facilityUtilisation_[i]);
      ranked.push_back({facilityUtilisation_[i], i});
    }
    for (auto& [key, values] : byClass) {
      std::sort(values.begin(), values.end());
      auto quantile = [&](double q) {
        return double(values[size_t(q * double(values.size() - 1))]);
      };
      result_.accessClasses.push_back({currentFy_, key.first, key.second, int(values.size()),
                                       quantile(0.5), quantile(0.95), values.back()});
    }
    size_t worst = std::min<size_t>(20, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + long(worst), ranked.end(), std::greater<>());
    for (size_t k = 0; k < worst; ++k) {
      Vertex v = index_.facilities()[ranked[k].second];
      result_.worstFacilities.push_back({currentFy_, nation_.name(v),
                                         facilityKindName(g[v].facilityKind),
                                         technologyNames_[facilityTechnology_[ranked[k].second]],
                                         g[v].prefecture, ranked[k].first});
    }
    std::fill(facilityUtilisation_.begin(), facilityUtilisation_.end(), 0.0f);
    size_t fy = size_t(currentFy_ - result_.fiscalYears.front());
    for (size_t row = 0; row < result_.services.names.size(); ++row) {
      double weight = latencyWeight_[row * result_.fiscalYears.size() + fy];
      result_.services.networkLatencyMs.at(row, fy) =
          weight > 0 ? result_.services.networkLatencyMs.at(row, fy) / weight : 0;
    }
  }

  PlanProgress progress_;
  const Nation& nation_;
  const Scenario& scenario_;
  const core::Workload& workload_;
  const core::Design& design_;
  core::NetworkIndex index_;
  std::array<PeakQuantile, 2> quantiles_;  // one per kPeakIntervalSeconds
  PlanResult result_;
  std::vector<double> latencyWeight_;
  std::vector<size_t> serviceRowOfEntry_;
  std::vector<double> busiestSoFar_;              // links x fiscal years
  std::vector<float> facilityUtilisation_;        // busiest hour of the current fiscal year
  std::vector<std::uint8_t> facilityTechnology_;  // index into technologyNames_
  std::vector<std::string> technologyNames_;
  int currentFy_ = 0;
};

}  // namespace

PlanResult runPlan(const core::Workload& workload, const core::Design& design,
                   const PlanProgress& progress) {
  return Planner(workload, design, progress).run();
}

PlanResult runPlan(const Nation& nation, const PlanProgress& progress) {
  core::Workload workload(nation);
  return runPlan(workload, core::Design::fromScenario(nation.scenario()), progress);
}

Date peakDay(const PlanResult& plan, int fiscalYear) {
  const auto& arrivals = plan.pools.arrivalsPerSecond;
  Date from = std::max(plan.start, fiscalYearStart(fiscalYear));
  size_t firstDay = size_t(from - plan.start);
  size_t lastDay = std::min(plan.hours / 24, size_t(fiscalYearStart(fiscalYear + 1) - plan.start));
  size_t best = firstDay;
  double bestTotal = -1;
  for (size_t day = firstDay; day < lastDay; ++day) {
    double total = 0;
    for (size_t p = 0; p < arrivals.rows; ++p)
      for (size_t h = day * 24; h < day * 24 + 24; ++h) total += arrivals.at(p, h);
    if (total > bestTotal) {
      bestTotal = total;
      best = day;
    }
  }
  return plan.start.plusDays(int(best));
}

int busiestHour(const PlanResult& plan, Date day) {
  size_t first = size_t(day - plan.start) * 24;
  int busiest = 0;
  double most = -1;
  for (int h = 0; h < 24; ++h) {
    double total = 0;
    for (size_t p = 0; p < plan.pools.arrivalsPerSecond.rows; ++p)
      total += plan.pools.arrivalsPerSecond.at(p, first + size_t(h));
    if (total > most) {
      most = total;
      busiest = h;
    }
  }
  return busiest;
}

}  // namespace tsunagu::analytic
