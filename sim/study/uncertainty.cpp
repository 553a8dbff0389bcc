#include "sim/study/uncertainty.hpp"

#include <fmt/core.h>

#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/analytic/summaries.hpp"
#include "sim/study/distributions.hpp"
#include "sim/study/growth_superposition.hpp"
#include "sim/study/latin_hypercube.hpp"
#include "sim/study/sampled_scenario.hpp"

namespace tsunagu::study {

namespace {

std::string levelOf(const ServiceSpec& service) {
  if (service.targetPercentile <= 0) return "stable";
  return fmt::format("p{:g} <= {:g} s", service.targetPercentile * 100,
                     service.targetResponse.seconds);
}

// Judges a sample's busy hours against the capacity of each fiscal year and records them.
class YearJudge {
 public:
  YearJudge(const Scenario& scenario, const analytic::PlanResult& base,
            const UncertaintyOptions& options, UncertaintyResult& result)
      : scenario_(scenario), base_(base), result_(result) {
    core::Design own = core::Design::fromScenario(scenario);
    size_t years = base.fiscalYears.size(), samples = options.samples;
    LinkOutcomes& links = result.links;
    links.names = base.links.names;
    links.roles = base.links.roles;
    links.capacityBps.resize(links.names.size(), years);
    PoolOutcomes& pools = result.pools;
    pools.names = base.pools.names;
    pools.services = base.pools.services;
    servers_.assign(pools.names.size() * years, std::nullopt);
    for (size_t k = 0; k < years; ++k) {
      auto it = options.designs.find(base.fiscalYears[k]);
      const core::Design& design = it == options.designs.end() ? own : it->second;
      for (size_t l = 0; l < links.names.size(); ++l) {
        auto chosen = design.links().find(links.names[l]);
        links.capacityBps.at(l, k) =
            chosen == design.links().end() ? base.links.capacityBps[l] : chosen->second.capacityBps;
      }
      for (size_t p = 0; p < pools.names.size(); ++p) {
        const std::string& host = base.pools.hosts[p];
        servers_[p * years + k] = design.servers(pools.services[p], host, host == kHostRegionalHub);
      }
    }
    for (const auto& id : pools.services) {
      const ServiceSpec& service = *scenario.data.services.find(id);
      pools.levels.push_back(levelOf(service));
      pools.targetResponse.push_back(service.targetPercentile > 0 ? service.targetResponse.seconds
                                                                  : 0.0);
    }
    links.busyBps.resize(links.names.size() * years, samples);
    links.breach.resize(links.names.size() * years, samples);
    for (auto* table : {&pools.busyArrivals, &pools.servers, &pools.atTarget})
      table->resize(pools.names.size() * years, samples);
    pools.missed.resize(pools.names.size() * years, samples);
  }

  void record(size_t sample, const YearLoads& loads) {
    size_t years = base_.fiscalYears.size();
    LinkOutcomes& links = result_.links;
    for (size_t l = 0; l < links.names.size(); ++l)
      for (size_t k = 0; k < years; ++k) {
        double busy = loads.linkBusyBps.at(l, k);
        links.busyBps.at(l * years + k, sample) = busy;
        links.breach.at(l * years + k, sample) =
            busy > result_.utilisationTarget * links.capacityBps.at(l, k);
      }
    PoolOutcomes& pools = result_.pools;
    for (size_t p = 0; p < pools.names.size(); ++p) {
      const ServiceSpec& service = *scenario_.data.services.find(pools.services[p]);
      for (size_t k = 0; k < years; ++k) {
        size_t row = p * years + k;
        double arrivals = loads.poolArrivals.at(p, k);
        analytic::PoolEstimate estimate =
            analytic::estimatePool(service, arrivals, servers_[row], result_.utilisationTarget);
        pools.busyArrivals.at(row, sample) = arrivals;
        pools.servers.at(row, sample) = estimate.servers;
        pools.atTarget.at(row, sample) =
            estimate.stats.stable ? estimate.atTarget : std::numeric_limits<double>::infinity();
        pools.missed.at(row, sample) = arrivals > 0 && estimate.missesLevel;
      }
    }
  }

 private:
  const Scenario& scenario_;
  const analytic::PlanResult& base_;
  UncertaintyResult& result_;
  std::vector<std::optional<int>> servers_;  // pools x years: fixed servers, or the rule's
};

std::vector<double> rowOf(const analytic::Table<double>& table, size_t r) {
  return {table.values.begin() + long(r * table.cols),
          table.values.begin() + long((r + 1) * table.cols)};
}

bool growthOnly(const Scenario& scenario) {
  for (const auto& input : scenario.uncertainty)
    if (input.target != UncertainTarget::VolumeGrowth) return false;
  return true;
}

void checkSameElements(const analytic::PlanResult& base, const analytic::PlanResult& plan) {
  if (plan.links.names != base.links.names || plan.pools.names != base.pools.names ||
      plan.fiscalYears != base.fiscalYears)
    throw std::logic_error("a sample's plan has other links, pools or years than the first one");
}

// Every sample a plan of its own: any input, at the cost of a whole plan each.
void planEachSample(const Scenario& scenario, const UncertaintyOptions& options,
                    UncertaintyResult& result) {
  analytic::PlanResult base;
  std::unique_ptr<YearJudge> judge;
  for (size_t i = 0; i < options.samples; ++i) {
    Scenario sampled = scenario;
    applySample(sampled, rowOf(result.values, i));
    auto nation = buildNation(sampled);
    core::Workload workload(*nation);
    analytic::PlanResult plan = analytic::runPlan(workload, core::Design::fromScenario(sampled));
    if (!judge) {
      base = std::move(plan);
      judge = std::make_unique<YearJudge>(scenario, base, options, result);
      judge->record(i, yearLoadsOf(base));
    } else {
      checkSameElements(base, plan);
      judge->record(i, yearLoadsOf(plan));
    }
    if (options.progress) options.progress(i + 1, options.samples);
  }
  result.fiscalYears = base.fiscalYears;
  result.plansRun = options.samples;
  result.method = "plan per sample";
}

bool superpose(const Scenario& scenario, const UncertaintyOptions& options,
               UncertaintyResult& result) {
  auto study = GrowthSuperposition::build(scenario, options.maxSuperpositionBytes,
                                          [&](size_t done, size_t total) {
                                            if (options.progress) options.progress(done, total);
                                          });
  if (!study) return false;
  YearJudge judge(scenario, study->base(), options, result);
  for (size_t i = 0; i < options.samples; ++i)
    judge.record(i, study->loads(rowOf(result.values, i)));
  result.fiscalYears = study->base().fiscalYears;
  result.plansRun = study->plansRun();
  result.method = "superposition";
  return true;
}

}  // namespace

analytic::Table<double> sampleInputs(const Scenario& scenario, size_t samples, std::uint64_t seed) {
  std::vector<std::string> names;
  for (const auto& input : scenario.uncertainty) names.push_back(input.id);
  auto unit = latinHypercube(samples, names, seed);
  analytic::Table<double> values;
  values.resize(samples, names.size());
  for (size_t d = 0; d < names.size(); ++d)
    for (size_t i = 0; i < samples; ++i)
      values.at(i, d) = quantile(scenario.uncertainty[d].distribution, unit[d][i]);
  return values;
}

UncertaintyResult runUncertainty(const Scenario& scenario, const UncertaintyOptions& options) {
  if (scenario.uncertainty.empty())
    throw std::invalid_argument("runUncertainty: the scenario has no uncertain input");
  if (options.samples < 2) throw std::invalid_argument("runUncertainty: at least 2 samples");
  UncertaintyResult result;
  result.scenarioName = scenario.name;
  result.utilisationTarget = scenario.planning.utilisationTarget;
  result.seed = options.seed;
  result.samples = options.samples;
  result.inputs = scenario.uncertainty;
  result.values = sampleInputs(scenario, options.samples, options.seed);
  if (!(options.superpose && growthOnly(scenario) && superpose(scenario, options, result)))
    planEachSample(scenario, options, result);
  return result;
}

}  // namespace tsunagu::study
