#pragma once

#include <atomic>
#include <memory>

#include "sim/analytic/plan_result.hpp"
#include "sim/study/estimated_inputs.hpp"
#include "sim/study/headline.hpp"
#include "sim/study/scenario_variation.hpp"

namespace tsunagu::study {

// The headline figures of one variation, and its plan without the hourly link series (the
// pools' hourly arrivals stay): a later variation that differs from this one only in costs or
// pool inputs starts from it instead of running the whole plan again.
struct Evaluation {
  Headline figures{};
  std::shared_ptr<const analytic::PlanResult> plan;
};

// Runs the analytic planner on variations of one scenario. Safe to call from several threads
// at once: each call works on its own copy of the scenario and its own network.
class PlanEvaluator {
 public:
  PlanEvaluator(const Scenario& base, const InputSelection& selection);

  // The whole plan (network built again, every hour of the horizon) with `values` set.
  Evaluation plan(const Assignment& values) const;
  // The same figures, from `from`: an evaluation of a variation that differs from `values`
  // only in fields whose stage is `stage` or earlier. Stage::Costs reruns the cost ledger
  // alone, Stage::Pools the pool estimates (servers, responses) and then the costs; neither
  // depends on an hourly load, so the result equals plan(values) (a test checks it).
  Evaluation step(const Evaluation& from, const Assignment& values, Stage stage) const;

  int plansRun() const { return plans_; }
  int shortcutsRun() const { return shortcuts_; }

 private:
  const Scenario& base_;
  ScenarioVariation variation_;
  mutable std::atomic<int> plans_{0}, shortcuts_{0};
};

}  // namespace tsunagu::study
