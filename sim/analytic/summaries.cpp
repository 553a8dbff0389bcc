#include "sim/analytic/summaries.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/analytic/burst_model.hpp"
#include "sim/core/servers.hpp"

namespace tsunagu::analytic {

namespace {

std::string hourLabel(Date start, size_t hour) {
  return fmt::format("{} {:02}:00", start.plusDays(int(hour / 24)).toString(), hour % 24);
}

// The least tier whose capacity keeps the busy hour's mean within the utilisation target and
// the busiest interval within the peak target.
std::string tierFor(const TechnologyCatalog& catalog, const std::string& technology, double busyBps,
                    double target, double peakBps, double peakTarget) {
  std::vector<const TechnologyTier*> tiers;
  for (const auto& t : catalog.tiers())
    if (t.technology == technology) tiers.push_back(&t);
  std::sort(tiers.begin(), tiers.end(),
            [](auto* a, auto* b) { return a->capacity.bitsPerSecond < b->capacity.bitsPerSecond; });
  for (const auto* t : tiers)
    if (busyBps <= target * t->capacity.bitsPerSecond &&
        peakBps <= peakTarget * t->capacity.bitsPerSecond)
      return t->tier;
  return "beyond " + (tiers.empty() ? technology : tiers.back()->tier);
}

}  // namespace

std::pair<size_t, size_t> hoursOf(const PlanResult& result, size_t fy) {
  Date from = std::max(result.start, fiscalYearStart(result.fiscalYears[fy]));
  Date to = fiscalYearStart(result.fiscalYears[fy] + 1);
  size_t first = size_t(from - result.start) * 24;
  size_t last = std::min(result.hours, size_t(to - result.start) * 24);
  return {first, last};
}

void summariseLinks(PlanResult& result, const Scenario& scenario) {
  LinkResults& links = result.links;
  size_t n = links.names.size(), years = result.fiscalYears.size();
  links.busyBps.resize(n, years);
  links.meanBps.resize(n, years);
  links.peakUtilisation.resize(n, years);
  links.busyPeakBps.resize(n, years);
  size_t rule = peakIntervalIndex(result.peakRule.intervalSeconds);
  links.tierNeeded.assign(n, std::vector<std::string>(years));
  links.firstBreach.assign(n, "");
  for (size_t l = 0; l < n; ++l) {
    double limit = result.utilisationTarget * links.capacityBps[l];
    for (size_t fy = 0; fy < years; ++fy) {
      auto [first, last] = hoursOf(result, fy);
      double busy = 0, sum = 0, busyPeak = 0;
      for (size_t h = first; h < last; ++h) {
        double load = std::max(links.forwardBps.at(l, h), links.backwardBps.at(l, h));
        busyPeak = std::max({busyPeak, double(links.forwardPeakBps[rule].at(l, h)),
                             double(links.backwardPeakBps[rule].at(l, h))});
        busy = std::max(busy, load);
        sum += load;
        if (load > limit && links.firstBreach[l].empty())
          links.firstBreach[l] = hourLabel(result.start, h);
      }
      links.busyBps.at(l, fy) = busy;
      links.meanBps.at(l, fy) = last > first ? sum / double(last - first) : 0;
      links.peakUtilisation.at(l, fy) = busy / links.capacityBps[l];
      links.busyPeakBps.at(l, fy) = busyPeak;
      links.tierNeeded[l][fy] = tierFor(scenario.data.technologies, links.technologies[l], busy,
                                        result.utilisationTarget, busyPeak, result.peakRule.target);
    }
  }
}

PoolEstimate estimatePool(const ServiceSpec& service, double busy, std::optional<int> fixedServers,
                          double utilisationTarget) {
  PoolEstimate estimate;
  double s = service.serviceTime.seconds, cv = service.serviceTimeCv;
  // When no pool can meet the response target (the service time alone is too long) it is
  // sized to the utilisation target, and that is a breach.
  core::ServerCount needed{0, true};
  if (busy > 0)
    needed = core::serversNeeded({busy, s, cv, service.targetPercentile,
                                  service.targetResponse.seconds, 0.0, utilisationTarget});
  bool unreachable = !needed.reachable;
  estimate.serversNeeded = unreachable ? -1 : needed.servers;
  estimate.servers = fixedServers ? *fixedServers : needed.servers;
  if (busy <= 0 || estimate.servers <= 0) return estimate;
  queueing::PoolStats stats = queueing::mmcStats(estimate.servers, busy, s, cv);
  estimate.stats = stats;
  double atTarget = service.targetPercentile >= 0.99 ? stats.p99Response : stats.p95Response;
  if (service.targetPercentile > 0 && service.targetPercentile != 0.95 &&
      service.targetPercentile != 0.99)
    atTarget =
        queueing::mmcResponsePercentile(estimate.servers, busy, s, cv, service.targetPercentile);
  estimate.atTarget = atTarget;
  estimate.missesLevel =
      !stats.stable || unreachable ||
      (service.targetPercentile > 0 && atTarget > service.targetResponse.seconds * (1 + 1e-9));
  return estimate;
}

void estimatePools(PlanResult& result, const Scenario& scenario, const core::Design& design) {
  PoolResults& pools = result.pools;
  size_t n = pools.names.size(), years = result.fiscalYears.size();
  for (auto* table :
       {&pools.busyArrivals, &pools.servers, &pools.serversNeeded, &pools.utilisation,
        &pools.waitProbability, &pools.meanResponse, &pools.p95Response, &pools.p99Response})
    table->resize(n, years);
  pools.firstBreach.assign(n, "");
  for (size_t p = 0; p < n; ++p) {
    const ServiceSpec& service = *scenario.data.services.find(pools.services[p]);
    std::optional<int> configured =
        design.servers(service.id, pools.hosts[p], pools.hosts[p] == kHostRegionalHub);
    for (size_t fy = 0; fy < years; ++fy) {
      auto [first, last] = hoursOf(result, fy);
      double busy = 0;
      for (size_t h = first; h < last; ++h)
        busy = std::max(busy, double(pools.arrivalsPerSecond.at(p, h)));
      pools.busyArrivals.at(p, fy) = busy;
      PoolEstimate estimate = estimatePool(service, busy, configured, result.utilisationTarget);
      pools.serversNeeded.at(p, fy) = estimate.serversNeeded;
      pools.servers.at(p, fy) = estimate.servers;
      if (busy <= 0 || estimate.servers <= 0) continue;
      const queueing::PoolStats& stats = estimate.stats;
      pools.utilisation.at(p, fy) = stats.utilisation;
      pools.waitProbability.at(p, fy) = stats.waitProbability;
      pools.meanResponse.at(p, fy) = stats.meanResponse;
      pools.p95Response.at(p, fy) = stats.p95Response;
      pools.p99Response.at(p, fy) = stats.p99Response;
      if (estimate.missesLevel && pools.firstBreach[p].empty())
        pools.firstBreach[p] = fmt::format("FY{}", result.fiscalYears[fy]);
    }
  }
  // A service's response estimate: there and back over its route plus its pool's p95.
  ServiceResults& services = result.services;
  for (size_t row = 0; row < services.names.size(); ++row)
    for (size_t fy = 0; fy < years; ++fy) {
      double network = 2 * services.networkLatencyMs.at(row, fy) / 1e3;
      double pool = 0;
      for (size_t p = 0; p < n; ++p)
        if (pools.services[p] == services.names[row])
          pool = std::max(pool, pools.p95Response.at(p, fy));
      services.responseP95Seconds.at(row, fy) =
          services.transactions.at(row, fy) > 0 ? network + pool : 0;
    }
}

}  // namespace tsunagu::analytic
