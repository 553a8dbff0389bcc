#include "sim/study/plan_evaluator.hpp"

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/costs.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/analytic/summaries.hpp"

namespace tsunagu::study {

namespace {

// The hourly link series are most of a national plan's memory (about 200 MB) and no later
// step reads them.
Evaluation keep(analytic::PlanResult result) {
  Evaluation evaluation;
  evaluation.figures = headlineOf(result);
  result.links.forwardBps = {};
  result.links.backwardBps = {};
  evaluation.plan = std::make_shared<const analytic::PlanResult>(std::move(result));
  return evaluation;
}

}  // namespace

PlanEvaluator::PlanEvaluator(const Scenario& base, const InputSelection& selection)
    : base_(base), variation_(selection.catalogue) {}

Evaluation PlanEvaluator::plan(const Assignment& values) const {
  Scenario scenario = variation_.apply(base_, values);
  auto nation = buildNation(scenario);
  Evaluation evaluation = keep(analytic::runPlan(*nation));
  ++plans_;
  return evaluation;
}

Evaluation PlanEvaluator::step(const Evaluation& from, const Assignment& values,
                               Stage stage) const {
  if (stage == Stage::Plan || !from.plan) return plan(values);
  Scenario scenario = variation_.apply(base_, values);
  analytic::PlanResult result = *from.plan;
  if (stage == Stage::Pools)
    analytic::estimatePools(result, scenario, core::Design::fromScenario(scenario));
  auto nation = buildNation(scenario);  // the cost ledger reads the lines from the network
  result.costs = analytic::computeCosts(*nation, result);
  ++shortcuts_;
  return keep(std::move(result));
}

}  // namespace tsunagu::study
