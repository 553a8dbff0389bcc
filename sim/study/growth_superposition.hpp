#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "models/nation/nation.hpp"
#include "sim/analytic/plan_result.hpp"
#include "sim/study/year_loads.hpp"

namespace tsunagu::study {

// A study whose inputs are all volume growths, without a plan per sample. Growth changes only
// the rates of the volume rows it names, by the factor (1 + g)^k in fiscal year k of the
// horizon; routes, users, rollout states and the pools' busiest hub do not depend on it, and
// every hourly load and arrival rate of the planner is linear in the rates. So with
//   R0 = the hourly series of a plan with every sampled growth at 0, and
//   Rj = those of a plan with input j's growth at c (100% a year) and the others at 0,
// a sample's hourly series in fiscal year k >= 1 is exactly
//   R0 + sum_j w_jk (Rj - R0),  w_jk = ((1 + g_j)^k - 1) / ((1 + c)^k - 1),
// and R0 in fiscal year 0 (where every factor is 1). The busy hours follow by taking the
// maximum per fiscal year, as the planner does. 1 + inputs plans instead of one per sample;
// the series are kept as the planner's float32, so loads agree with a full plan to about 10^-6.
class GrowthSuperposition {
 public:
  using Progress = std::function<void(size_t plansDone, size_t plansTotal)>;

  // Runs the 1 + inputs plans. `scenario` must have only VolumeGrowth inputs. Returns nothing,
  // after the first plan, when the series of all the plans would need more than `maxBytes`.
  static std::unique_ptr<GrowthSuperposition> build(const Scenario& scenario, size_t maxBytes,
                                                    const Progress& progress);

  // The plan with every sampled growth at 0, without its hourly series (names, capacities,
  // fiscal years).
  const analytic::PlanResult& base() const { return base_; }
  size_t plansRun() const { return series_.size(); }

  // The busy hours of a sample: growth[j] for input j, a fraction a year.
  YearLoads loads(const std::vector<double>& growth) const;

 private:
  struct Series {
    analytic::Table<float> forward, backward, arrivals;  // links x hours, pools x hours
  };
  GrowthSuperposition(Scenario scenario) : scenario_(std::move(scenario)) {}
  Series runWithGrowth(const Nation& nation, size_t input, double growth);
  // The weights of R0 and each Rj in fiscal year index k.
  std::vector<double> weights(const std::vector<double>& growth, size_t k) const;

  Scenario scenario_;                      // sampled growths at 0; the nation below points to it
  std::vector<std::vector<size_t>> rows_;  // volume rows of each input
  analytic::PlanResult base_;
  std::vector<Series> series_;  // R0, then Rj
};

}  // namespace tsunagu::study
