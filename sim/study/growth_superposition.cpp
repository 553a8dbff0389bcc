#include "sim/study/growth_superposition.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/analytic/summaries.hpp"
#include "sim/study/sampled_scenario.hpp"

namespace tsunagu::study {

namespace {

// The growth of input j's rows in plan Rj: large, so that Rj - R0 is far above the rounding of
// float32 series, and exact in binary, so that (1 + c)^k - 1 is too.
constexpr double kBasisGrowth = 1.0;
constexpr size_t kBase = std::numeric_limits<size_t>::max();

size_t bytesOf(const analytic::Table<float>& table) {
  return table.values.size() * sizeof(float);
}

}  // namespace

std::unique_ptr<GrowthSuperposition> GrowthSuperposition::build(const Scenario& scenario,
                                                                size_t maxBytes,
                                                                const Progress& progress) {
  std::unique_ptr<GrowthSuperposition> study(new GrowthSuperposition(scenario));
  for (const auto& input : study->scenario_.uncertainty) {
    if (input.target != UncertainTarget::VolumeGrowth)
      throw std::invalid_argument("GrowthSuperposition: every input must be a volume growth");
    study->rows_.push_back(volumeRowsOf(study->scenario_, input));
  }
  size_t plans = 1 + study->rows_.size();
  auto nation = buildNation(study->scenario_);
  study->series_.push_back(study->runWithGrowth(*nation, kBase, 0.0));
  if (progress) progress(1, plans);
  const Series& first = study->series_.front();
  if ((bytesOf(first.forward) + bytesOf(first.backward) + bytesOf(first.arrivals)) * plans >
      maxBytes)
    return nullptr;
  for (size_t j = 0; j < study->rows_.size(); ++j) {
    study->series_.push_back(study->runWithGrowth(*nation, j, kBasisGrowth));
    if (progress) progress(j + 2, plans);
  }
  return study;
}

GrowthSuperposition::Series GrowthSuperposition::runWithGrowth(const Nation& nation, size_t input,
                                                               double growth) {
  for (size_t j = 0; j < rows_.size(); ++j)
    for (size_t row : rows_[j]) scenario_.data.volumes[row].growthPerYear = j == input ? growth : 0;
  core::Workload workload(nation);  // fresh: a workload keeps the volumes it computed
  analytic::PlanResult plan = analytic::runPlan(workload, core::Design::fromScenario(scenario_));
  Series series{std::move(plan.links.forwardBps), std::move(plan.links.backwardBps),
                std::move(plan.pools.arrivalsPerSecond)};
  if (input == kBase) {
    base_ = std::move(plan);
    base_.links.forwardBps = {};
    base_.links.backwardBps = {};
    base_.pools.arrivalsPerSecond = {};
  }
  return series;
}

std::vector<double> GrowthSuperposition::weights(const std::vector<double>& growth,
                                                 size_t k) const {
  std::vector<double> w(series_.size(), 0.0);
  w[0] = 1.0;
  if (k == 0) return w;  // every growth factor is 1 in the horizon's first fiscal year
  double basis = std::pow(1 + kBasisGrowth, double(k)) - 1;
  for (size_t j = 0; j < growth.size(); ++j) {
    w[j + 1] = (std::pow(1 + growth[j], double(k)) - 1) / basis;
    w[0] -= w[j + 1];
  }
  return w;
}

YearLoads GrowthSuperposition::loads(const std::vector<double>& growth) const {
  if (growth.size() + 1 != series_.size())
    throw std::invalid_argument("GrowthSuperposition::loads: one growth per input is needed");
  size_t links = base_.links.names.size(), pools = base_.pools.names.size();
  size_t years = base_.fiscalYears.size();
  YearLoads out;
  out.linkBusyBps.resize(links, years);
  out.poolArrivals.resize(pools, years);
  for (size_t k = 0; k < years; ++k) {
    std::vector<double> w = weights(growth, k);
    auto [first, last] = analytic::hoursOf(base_, k);
    for (size_t l = 0; l < links; ++l) {
      double busy = 0;
      for (size_t h = first; h < last; ++h) {
        double forward = 0, backward = 0;
        for (size_t i = 0; i < series_.size(); ++i) {
          forward += w[i] * series_[i].forward.at(l, h);
          backward += w[i] * series_[i].backward.at(l, h);
        }
        busy = std::max(busy, std::max(forward, backward));
      }
      out.linkBusyBps.at(l, k) = busy;
    }
    for (size_t p = 0; p < pools; ++p) {
      double busy = 0;
      for (size_t h = first; h < last; ++h) {
        double arrivals = 0;
        for (size_t i = 0; i < series_.size(); ++i) arrivals += w[i] * series_[i].arrivals.at(p, h);
        busy = std::max(busy, arrivals);
      }
      out.poolArrivals.at(p, k) = busy;
    }
  }
  return out;
}

}  // namespace tsunagu::study
