#include "sim/sizing/sizer.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

#include "sim/analytic/summaries.hpp"
#include "sim/core/workload.hpp"
#include "sim/sizing/pool_sizing.hpp"

namespace tsunagu::sizing {

namespace {

std::string ordinal(int day) {
  const char* suffix = (day % 100 >= 11 && day % 100 <= 13) ? "th"
                       : day % 10 == 1                      ? "st"
                       : day % 10 == 2                      ? "nd"
                       : day % 10 == 3                      ? "rd"
                                                            : "th";
  return std::to_string(day) + suffix;
}

std::string levelLabel(const ServiceSpec& service) {
  std::string label;
  if (service.targetPercentile > 0)
    label = fmt::format("p{:g} <= {:g} s", service.targetPercentile * 100,
                        service.targetResponse.seconds);
  if (service.deadlineDay > 0)
    label += fmt::format("{}by the {} 24:00", label.empty() ? "" : " and ",
                         ordinal(service.deadlineDay));
  return label.empty() ? "utilisation" : label;
}

class AnalyticSizer {
 public:
  AnalyticSizer(const Nation& nation, const analytic::PlanResult& plan)
      : nation_(nation), scenario_(nation.scenario()), plan_(plan), workload_(nation) {
    const NationGraph& g = nation.graph();
    for (Edge e : boost::make_iterator_range(boost::edges(g))) edgeByName_[nation.linkName(e)] = e;
  }

  SizingResult run(const std::vector<int>& years) {
    result_.scenarioName = plan_.scenarioName;
    result_.utilisationTarget = plan_.utilisationTarget;
    result_.peakRule = plan_.peakRule;
    for (size_t fy = 0; fy < plan_.fiscalYears.size(); ++fy) {
      if (std::find(years.begin(), years.end(), plan_.fiscalYears[fy]) == years.end()) continue;
      sizeLinks(fy);
      sizePools(fy);
      checkStreams(fy);
    }
    return std::move(result_);
  }

 private:
  bool linkExists(const std::string& name, int fiscalYear) const {
    auto it = edgeByName_.find(name);
    if (it == edgeByName_.end()) return false;
    for (const auto& span : nation_.lineHistory(it->second))
      if (span.lines > 0 && span.from < fiscalYearStart(fiscalYear + 1) &&
          span.to > fiscalYearStart(fiscalYear))
        return true;
    return false;
  }

  const std::vector<LinkOption>& optionsOf(const std::string& technology) {
    auto [it, added] = optionsByTechnology_.try_emplace(technology);
    if (added) it->second = linkOptions(scenario_.data.technologies, technology);
    return it->second;
  }

  void sizeLinks(size_t fy) {
    const auto& links = plan_.links;
    int year = plan_.fiscalYears[fy];
    double target = plan_.utilisationTarget, peakTarget = plan_.peakRule.target;
    for (size_t l = 0; l < links.names.size(); ++l) {
      if (!linkExists(links.names[l], year)) continue;
      const auto& options = optionsOf(links.technologies[l]);
      if (options.empty()) continue;
      LinkChoice choice;
      choice.fiscalYear = year;
      choice.link = links.names[l];
      choice.role = links.roles[l];
      choice.technology = links.technologies[l];
      choice.busyBps = links.busyBps.at(l, fy);
      choice.peakBps = links.busyPeakBps.at(l, fy);
      auto best = cheapestLinkOption(options, choice.busyBps, target, choice.peakBps, peakTarget);
      choice.met = best.has_value();
      choice.option =
          best ? *best : *std::max_element(options.begin(), options.end(), [](auto& a, auto& b) {
            return a.capacityBps < b.capacityBps;
          });
      choice.utilisation = choice.busyBps / choice.option.capacityBps;
      choice.peakUtilisation = choice.peakBps / choice.option.capacityBps;
      // The search walks the options from the cheapest: those it passed did not fit.
      for (const auto& option : options) {
        bool fits = linkOptionFits(option, choice.busyBps, target, choice.peakBps, peakTarget);
        result_.options.push_back({year, choice.link, option.label(), "analytic", option.yearlyYen,
                                   choice.busyBps / option.capacityBps, fits,
                                   option.label() == choice.option.label(), false});
        if (fits) break;
      }
      result_.links.push_back(choice);
    }
  }

  PoolLevel levelOf(size_t p, size_t fy) const {
    const ServiceSpec& service = *scenario_.data.services.find(plan_.pools.services[p]);
    const auto& names = plan_.services.names;
    size_t row = size_t(std::find(names.begin(), names.end(), service.id) - names.begin());
    PoolLevel level;
    level.arrivalsPerSecond = plan_.pools.busyArrivals.at(p, fy);
    level.serviceSeconds = service.serviceTime.seconds;
    level.serviceCv = service.serviceTimeCv;
    level.percentile = service.targetPercentile;
    level.roundTripSeconds =
        row < names.size() ? 2 * plan_.services.networkLatencyMs.at(row, fy) / 1e3 : 0.0;
    level.budgetSeconds = service.targetResponse.seconds - level.roundTripSeconds;
    level.utilisationTarget = plan_.utilisationTarget;
    return level;
  }

  // The fewest servers that process every claim of the fiscal year by its month's deadline (0
  // when the service has none): the pool's hourly arrivals through a fluid backlog.
  int serversForDeadline(size_t p, size_t fy, const ServiceSpec& service) const {
    if (service.deadlineDay <= 0 || service.dayProfile != DayProfile::ClaimsWindow) return 0;
    auto [first, last] = analytic::hoursOf(plan_, fy);
    std::vector<double> arrivals;
    std::vector<size_t> deadlines;
    for (size_t h = first; h < last; ++h) {
      arrivals.push_back(plan_.pools.arrivalsPerSecond.at(p, h));
      if (h % 24 == 23 && int(plan_.start.plusDays(int(h / 24)).day()) == service.deadlineDay)
        deadlines.push_back(h - first);
    }
    return leastServersForDeadlines(arrivals, service.serviceTime.seconds, deadlines);
  }

  void sizePools(size_t fy) {
    const auto& pools = plan_.pools;
    int year = plan_.fiscalYears[fy];
    for (size_t p = 0; p < pools.names.size(); ++p) {
      PoolLevel level = levelOf(p, fy);
      if (level.arrivalsPerSecond <= 0) continue;
      const ServiceSpec& service = *scenario_.data.services.find(pools.services[p]);
      PoolChoice choice;
      choice.fiscalYear = year;
      choice.pool = pools.names[p];
      choice.service = service.id;
      choice.host = pools.hosts[p];
      choice.level = levelLabel(service);
      choice.busyArrivals = level.arrivalsPerSecond;
      // No count meeting the response budget: sized to the utilisation target, and not met.
      core::ServerCount needed = core::serversNeeded(level);
      choice.met = needed.reachable;
      choice.servers = std::max(needed.servers, serversForDeadline(p, fy, service));
      choice.model = level;
      ServerOption chosen = evaluateServers(level, choice.servers);
      choice.utilisation = chosen.utilisation;
      choice.atTarget = chosen.atTarget;
      choice.p99 = chosen.p99;
      visitServers(level, choice);
      result_.pools.push_back(choice);
    }
  }

  // The server counts around the choice, from the smallest stable pool (or 40 below the choice)
  // to a few above it: cost against p99.
  void visitServers(const PoolLevel& level, const PoolChoice& choice) {
    int stable = int(std::floor(level.arrivalsPerSecond * level.serviceSeconds)) + 1;
    int smallest = std::max(stable, choice.servers - 40);
    int largest = choice.servers + std::max(3, std::min(20, int(std::ceil(choice.servers * 0.2))));
    double perServer = scenario_.data.costs.serverRunning.perYear();
    for (int n = smallest; n <= largest; ++n) {
      ServerOption option = evaluateServers(level, n);
      result_.options.push_back({choice.fiscalYear, choice.pool, fmt::format("{} servers", n),
                                 "analytic", n * perServer, option.p99,
                                 option.meets && n >= choice.servers, n == choice.servers, false});
    }
  }

  void checkStreams(size_t fy) {
    const auto& names = plan_.services.names;
    int year = plan_.fiscalYears[fy];
    for (size_t row = 0; row < names.size(); ++row) {
      const ServiceSpec& service = *scenario_.data.services.find(names[row]);
      if (plan_.services.transactions.at(row, fy) <= 0) continue;
      if (service.maxLatency.seconds > 0) {
        double latency = plan_.services.networkLatencyMs.at(row, fy) / 1e3;
        result_.checks.push_back(
            {year, service.id, fmt::format("latency <= {:g} s", service.maxLatency.seconds),
             latency, latency <= service.maxLatency.seconds,
             "mean one-way route latency; no tier changes it (a route or site does)"});
      }
      if (service.minRate.bitsPerSecond > 0) {
        double rate = slowestSessionBps(service);
        result_.checks.push_back(
            {year, service.id,
             fmt::format("rate >= {:g} Mb/s", service.minRate.bitsPerSecond / 1e6), rate,
             rate >= service.minRate.bitsPerSecond * (1 - 1e-9),
             "each session's bit rate; the links carry every session within the utilisation "
             "target"});
      }
    }
  }

  // A stream's sessions run at their origin's request size over the session length; the
  // slowest origin decides whether every session meets the rate.
  double slowestSessionBps(const ServiceSpec& service) const {
    double slowest = std::numeric_limits<double>::infinity();
    for (const auto& entry : workload_.entries())
      if (entry.service == &service)
        slowest =
            std::min(slowest, entry.requestBytes * 8 / std::max(service.serviceTime.seconds, 1e-9));
    return std::isfinite(slowest) ? slowest : 0.0;
  }

  const Nation& nation_;
  const Scenario& scenario_;
  const analytic::PlanResult& plan_;
  core::Workload workload_;
  std::map<std::string, Edge> edgeByName_;
  std::map<std::string, std::vector<LinkOption>> optionsByTechnology_;
  SizingResult result_;
};

// Within each element and year, from the cheapest option up: an option is on the front when
// it is faster than every cheaper one.
void flagPareto(std::vector<VisitedOption>& options) {
  std::vector<VisitedOption*> order;
  for (auto& option : options) order.push_back(&option);
  std::sort(order.begin(), order.end(), [](const VisitedOption* a, const VisitedOption* b) {
    return std::tie(a->fiscalYear, a->element, a->yearlyYen, a->p99) <
           std::tie(b->fiscalYear, b->element, b->yearlyYen, b->p99);
  });
  double best = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    bool first = i == 0 || order[i]->fiscalYear != order[i - 1]->fiscalYear ||
                 order[i]->element != order[i - 1]->element;
    // Faster by more than rounding: a p99 that has flattened out buys nothing.
    order[i]->pareto = first || order[i]->p99 < best * (1 - 1e-6);
    if (order[i]->pareto) best = order[i]->p99;
  }
}

}  // namespace

SizingResult sizeAnalytically(const Nation& nation, const analytic::PlanResult& plan,
                              const std::vector<int>& fiscalYears) {
  SizingResult result = AnalyticSizer(nation, plan).run(fiscalYears);
  settleCosts(nation.scenario(), result);
  return result;
}

core::Design SizingResult::designFor(int fiscalYear) const {
  core::Design design;
  for (const auto& link : links)
    if (link.fiscalYear == fiscalYear)
      design.setLink(link.link, {link.option.tier, link.option.lines, link.option.capacityBps});
  for (const auto& pool : pools)
    if (pool.fiscalYear == fiscalYear) design.setServers(pool.service, pool.host, pool.servers);
  return design;
}

void settleCosts(const Scenario& scenario, SizingResult& result) {
  const CostItems& items = scenario.data.costs;
  std::map<int, YearTotal> totals;
  for (const auto& y : result.years) totals[y.fiscalYear] = y;
  for (auto& [year, total] : totals)
    total.linksYearlyYen = total.serversYearlyYen = total.setupYen = 0;
  std::map<std::string, LinkOption> lastLink;
  for (auto& link : result.links) {
    YearTotal& total = totals[link.fiscalYear];
    total.fiscalYear = link.fiscalYear;
    auto before = lastLink.find(link.link);
    link.newPurchase = before == lastLink.end() || before->second.label() != link.option.label();
    if (link.newPurchase) {
      bool moreOfTheSame = before != lastLink.end() && before->second.tier == link.option.tier;
      double perLine = link.option.setupYen / link.option.lines;
      total.setupYen += moreOfTheSame
                            ? std::max(0, link.option.lines - before->second.lines) * perLine
                            : link.option.setupYen;
    }
    total.linksYearlyYen += link.option.yearlyYen;
    lastLink[link.link] = link.option;
  }
  std::map<std::string, int> lastServers;
  for (auto& pool : result.pools) {
    YearTotal& total = totals[pool.fiscalYear];
    total.fiscalYear = pool.fiscalYear;
    pool.serversBefore = lastServers.count(pool.pool) ? lastServers[pool.pool] : 0;
    pool.yearlyYen = pool.servers * items.serverRunning.perYear();
    pool.setupYen = std::max(0, pool.servers - pool.serversBefore) * items.serverSetup.yen;
    total.serversYearlyYen += pool.yearlyYen;
    total.setupYen += pool.setupYen;
    lastServers[pool.pool] = pool.servers;
  }
  result.years.clear();
  for (const auto& [year, total] : totals) result.years.push_back(total);
  flagPareto(result.options);
}

}  // namespace tsunagu::sizing
