#include "sim/analytic/costs.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace tsunagu::analytic {

namespace {

class CostLedger {
 public:
  CostLedger(const PlanResult& result, const Scenario& scenario)
      : result_(result), scenario_(scenario), years_(result.fiscalYears.size()) {}

  // Running cost of `lines` lines over [from, to), cut by fiscal year and horizon.
  void run(const std::string& component, Date from, Date to, double lines, const Money& cost) {
    for (size_t fy = 0; fy < years_; ++fy) {
      double days = overlapDays(from, to, fy);
      if (days > 0) row(component).running[fy] += lines * days * cost.perYear() / 365.0;
    }
  }

  void buy(const std::string& component, Date when, double units, const Money& cost) {
    if (when <= scenario_.horizon.start || when > scenario_.horizon.end) return;  // already there
    row(component).initial[size_t(when.fiscalYear() - result_.fiscalYears.front())] +=
        units * cost.yen;
  }

  double overlapDays(Date from, Date to, size_t fy) const {
    Date start =
        std::max({from, fiscalYearStart(result_.fiscalYears[fy]), scenario_.horizon.start});
    Date stop = std::min(
        {to, fiscalYearStart(result_.fiscalYears[fy] + 1), scenario_.horizon.end.plusDays(1)});
    return stop > start ? double(stop - start) : 0.0;
  }

  CostResults finish() const {
    CostResults costs;
    costs.initialYen.resize(rows_.size(), years_);
    costs.runningYen.resize(rows_.size(), years_);
    size_t r = 0;
    for (const auto& [name, row] : rows_) {
      costs.components.push_back(name);
      for (size_t fy = 0; fy < years_; ++fy) {
        costs.initialYen.at(r, fy) = row.initial[fy];
        costs.runningYen.at(r, fy) = row.running[fy];
      }
      ++r;
    }
    return costs;
  }

 private:
  struct Row {
    std::vector<double> initial, running;
  };
  Row& row(const std::string& name) {
    auto [it, added] = rows_.try_emplace(name);
    if (added) {
      it->second.initial.assign(years_, 0.0);
      it->second.running.assign(years_, 0.0);
    }
    return it->second;
  }

  const PlanResult& result_;
  const Scenario& scenario_;
  size_t years_;
  std::map<std::string, Row> rows_;
};

std::string componentOf(const EdgeInfo& link) {
  switch (link.role) {
    case LinkRole::Access:
    case LinkRole::RegionalLine:
    case LinkRole::Custom:
      return "lines: " + link.technology;
    case LinkRole::Backbone:
      return "backbone links";
    case LinkRole::DataCenter:
      return "data-center links";
    case LinkRole::IxPort:
      return "IX ports";
    case LinkRole::HubUplink:
      return "regional hub uplinks";
  }
  return "other";
}

void addLinks(const Nation& nation, CostLedger& ledger, std::vector<double>& saving) {
  const Scenario& scenario = nation.scenario();
  const NationGraph& g = nation.graph();
  auto consolidation = scenario.lineConsolidationDate();
  for (Edge e : boost::make_iterator_range(boost::edges(g))) {
    const EdgeInfo& link = g[e];
    const TechnologyTier* tier = scenario.data.technologies.find(link.technology, link.tier);
    if (!tier) continue;
    std::string component = componentOf(link);
    int previous = 0;
    for (const auto& span : nation.lineHistory(e)) {
      ledger.run(component, span.from, span.to, span.lines, tier->monthlyCost);
      if (span.lines > previous)
        ledger.buy(component, span.from, span.lines - previous, tier->setupCost);
      previous = span.lines;
      // Lines a consolidation ended would otherwise have run to the end of the horizon.
      bool ended =
          consolidation && link.role == LinkRole::RegionalLine && span.to == *consolidation;
      if (!ended) continue;
      int remaining = 0;
      for (const auto& later : nation.lineHistory(e))
        if (later.from == *consolidation) remaining = later.lines;
      for (size_t fy = 0; fy < saving.size(); ++fy)
        saving[fy] += (span.lines - remaining) * ledger.overlapDays(*consolidation, kForever, fy) *
                      tier->monthlyCost.perYear() / 365.0;
    }
  }
}

void addSites(const Nation& nation, CostLedger& ledger) {
  const Scenario& scenario = nation.scenario();
  const CostItems& items = scenario.data.costs;
  const NationGraph& g = nation.graph();
  Date start = scenario.horizon.start, stop = scenario.horizon.end.plusDays(1);
  for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].kind == NodeKind::RegionalHub)
      ledger.run("regional networks", start, stop, 1, items.regionalNetworkRunning);
    if (g[v].kind != NodeKind::Ix) continue;
    Date opens = scenario.ixOpenDate(nation.name(v)).value_or(start);
    ledger.run("IX centers", opens, stop, items.ixRacksPerCenter, items.ixRack);
    ledger.buy("IX centers", opens, 1, items.ixCenterSetup);
  }
}

void addServers(const Scenario& scenario, const PlanResult& result, CostLedger& ledger) {
  const CostItems& items = scenario.data.costs;
  const PoolResults& pools = result.pools;
  for (size_t p = 0; p < pools.names.size(); ++p) {
    double previous = scenario.serviceLive(pools.services[p], scenario.horizon.start)
                          ? pools.servers.at(p, 0)
                          : 0.0;
    for (size_t fy = 0; fy < result.fiscalYears.size(); ++fy) {
      double servers = pools.servers.at(p, fy);
      Date from = fiscalYearStart(result.fiscalYears[fy]);
      if (auto live = scenario.serviceLiveDate(pools.services[p])) from = std::max(from, *live);
      ledger.run("central servers", from, fiscalYearStart(result.fiscalYears[fy] + 1), servers,
                 items.serverRunning);
      if (servers > previous)
        ledger.buy("central servers", std::max(from, scenario.horizon.start.plusDays(1)),
                   servers - previous, items.serverSetup);
      previous = servers;
    }
  }
}

}  // namespace

CostResults computeCosts(const Nation& nation, const PlanResult& result) {
  const Scenario& scenario = nation.scenario();
  size_t years = result.fiscalYears.size();
  CostLedger ledger(result, scenario);
  std::vector<double> saving(years, 0.0);
  addLinks(nation, ledger, saving);
  addSites(nation, ledger);
  addServers(scenario, result, ledger);
  CostResults costs = ledger.finish();
  costs.discountRate = scenario.planning.discountRate;
  costs.consolidationSavingYen = saving;
  costs.totalYen.assign(years, 0.0);
  costs.transactions.assign(years, 0.0);
  costs.yenPerTransaction.assign(years, 0.0);
  for (size_t fy = 0; fy < years; ++fy) {
    for (size_t c = 0; c < costs.components.size(); ++c)
      costs.totalYen[fy] += costs.initialYen.at(c, fy) + costs.runningYen.at(c, fy);
    for (size_t s = 0; s < result.services.names.size(); ++s)
      costs.transactions[fy] += result.services.transactions.at(s, fy);
    if (costs.transactions[fy] > 0)
      costs.yenPerTransaction[fy] = costs.totalYen[fy] / costs.transactions[fy];
    costs.netPresentValueYen += costs.totalYen[fy] / std::pow(1.0 + costs.discountRate, double(fy));
  }
  return costs;
}

}  // namespace tsunagu::analytic
