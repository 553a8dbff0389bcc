#include "sim/sizing/des_confirmation.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/analytic/planner.hpp"
#include "sim/des/isolated/isolated_window.hpp"
#include "sim/des/isolated/replications.hpp"
#include "sim/sizing/link_options.hpp"

namespace tsunagu::sizing {

namespace {

// The peak window of a fiscal year: the plan's peak day, from an hour before its busiest hour
// (by arrivals at every pool) to two hours after it.
des::WindowOptions peakWindow(const analytic::PlanResult& plan, int fiscalYear, std::uint64_t seed,
                              std::string& label) {
  Date day = analytic::peakDay(plan, fiscalYear);
  int busiest = analytic::busiestHour(plan, day);
  int from = std::max(0, busiest - 1), until = std::min(24, busiest + 2);
  des::WindowOptions window;
  window.first = day;
  window.fromSeconds = from * 3600.0;
  window.untilSeconds = until * 3600.0;
  window.seed = seed;
  // Bulk flows fill a link while they run: the hourly utilisation is the mean of many samples.
  window.stepSeconds = 10;
  label = fmt::format("{} {:02}:00-{:02}:00", day.toString(), from, until);
  return window;
}

class DesConfirmation {
 public:
  DesConfirmation(const Scenario& scenario, const analytic::PlanResult& plan, SizingResult& result,
                  const DesCheckOptions& options)
      : scenario_(scenario), plan_(plan), result_(result), options_(options) {}

  void run() {
    std::vector<int> pending;
    for (const auto& year : result_.years) pending.push_back(year.fiscalYear);
    for (int round = 0; round < options_.maxRounds && !pending.empty(); ++round) {
      std::vector<des::IsolatedRun> runs;
      for (int year : pending) runs.push_back(runFor(year));
      int n = std::max(1, options_.replications);
      auto summaries = des::simulateIsolated(des::replicate(runs, n), options_.jobs);
      std::vector<int> again;
      for (size_t i = 0; i < pending.size(); ++i) {
        std::vector<des::WindowSummary> year(summaries.begin() + long(i) * n,
                                             summaries.begin() + long(i + 1) * n);
        if (!compare(pending[i], des::pooledSummary(year)) && round + 1 < options_.maxRounds)
          again.push_back(pending[i]);
      }
      pending = again;
    }
  }

 private:
  YearTotal& total(int year) {
    return *std::find_if(result_.years.begin(), result_.years.end(),
                         [&](const YearTotal& y) { return y.fiscalYear == year; });
  }

  // Exactly the year's design, pool by pool and link by link.
  des::IsolatedRun runFor(int year) {
    des::IsolatedRun run{scenario_, result_.designFor(year), {}};
    run.scenario.failures.clear();  // sizing is for normal operation; `failures` studies the rest
    run.options = peakWindow(plan_, year, options_.seed, total(year).desWindow);
    return run;
  }

  bool compare(int year, const des::WindowSummary& summary) {
    return recordDesCheck(scenario_, year, summary, options_.tolerance, result_);
  }

  const Scenario& scenario_;
  const analytic::PlanResult& plan_;
  SizingResult& result_;
  DesCheckOptions options_;
};

// More of what missed: 10% more servers (at least one), recomputed by the analytic model too.
void addServers(PoolChoice& pool) {
  int more = std::max(1, int(std::ceil(pool.servers * 0.1)));
  pool.servers += more;
  pool.addedByDes += more;
  ServerOption now = evaluateServers(pool.model, pool.servers);
  pool.utilisation = now.utilisation;
  pool.atTarget = now.atTarget;
  pool.p99 = now.p99;
}

// The cheapest option larger than the link has that carries what the simulation saw within
// the target; false when there is none.
bool enlarge(const Scenario& scenario, double utilisationTarget, LinkChoice& link) {
  double seenBps = link.desUtilisation * link.option.capacityBps;
  for (const auto& option : linkOptions(scenario.data.technologies, link.technology)) {
    if (option.capacityBps <= link.option.capacityBps ||
        seenBps > utilisationTarget * option.capacityBps)
      continue;
    link.option = option;
    link.utilisation = link.busyBps / option.capacityBps;
    return true;
  }
  return false;
}

}  // namespace

bool recordDesCheck(const Scenario& scenario, int year, const des::WindowSummary& summary,
                    double tolerance, SizingResult& result) {
  YearTotal& total = *std::find_if(result.years.begin(), result.years.end(),
                                   [&](const YearTotal& y) { return y.fiscalYear == year; });
  ++total.desRounds;
  total.conserved = total.conserved && summary.conserved;
  bool agrees = true;
  for (auto& pool : result.pools) {
    if (pool.fiscalYear != year) continue;
    const des::WindowSummary::Service* s = summary.service(pool.service);
    if (!s || s->completed == 0) continue;
    const ServiceSpec& spec = *scenario.data.services.find(pool.service);
    pool.desAtTarget = spec.targetPercentile > 0 ? s->atTarget : s->p99;
    pool.desP99 = s->p99;
    bool misses = s->timeouts > 0 || (spec.targetPercentile > 0 &&
                                      s->atTarget > spec.targetResponse.seconds * (1 + tolerance));
    result.options.push_back({year, pool.pool, fmt::format("{} servers", pool.servers), "des",
                              pool.servers * scenario.data.costs.serverRunning.perYear(), s->p99,
                              !misses, false, false});
    if (!misses) continue;
    agrees = false;
    addServers(pool);
  }
  for (auto& link : result.links) {
    if (link.fiscalYear != year) continue;
    for (const auto& l : summary.links)
      if (l.name == link.link) link.desUtilisation = l.busiestHourUtilisation;
    if (link.desUtilisation <= result.utilisationTarget) continue;
    agrees = false;
    if (!enlarge(scenario, result.utilisationTarget, link)) link.met = false;
  }
  total.desAgrees = agrees;
  return agrees;
}

void confirmWithDes(const Scenario& scenario, const analytic::PlanResult& plan,
                    SizingResult& result, const DesCheckOptions& options) {
  DesConfirmation(scenario, plan, result, options).run();
}

}  // namespace tsunagu::sizing
