// The sensitivity study in process: the shortcuts that re-evaluate only the pools or the costs
// give what a whole plan gives, and the swing of a figure.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/io/input/scenario_loader.hpp"
#include "sim/io/input/source_notes.hpp"
#include "sim/study/plan_evaluator.hpp"
#include "sim/study/sensitivity.hpp"
#include "test_support.hpp"

namespace tsunagu::study {
namespace {

class SensitivityStudy : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_ = io::loadScenario(test::sourcePath("tests/scenarios/sensitivity-check.yaml"));
    selection_ =
        selectEstimatedInputs(scenario_, io::readSourceNotes(scenario_.dataDirectory), {0.5, {}});
  }
  const EstimatedInput& input(const std::string& id) const {
    for (const auto& in : selection_.inputs)
      if (in.id == id) return in;
    throw std::logic_error("no input " + id);
  }
  Scenario scenario_;
  InputSelection selection_;
};

// For each kind of shortcut, an input that moves what that stage recomputes: the step from the
// base plan must give exactly the whole plan's figures.
TEST_F(SensitivityStudy, AShortcutGivesTheWholePlansFigures) {
  PlanEvaluator evaluator(scenario_, selection_);
  Evaluation base = evaluator.plan({});
  for (const char* id : {"technologies:ipsec-ike/1Gbps:monthly_cost",  // costs
                         "services:eligibility:service_time",          // pools, then costs
                         "services:eligibility:service_time_cv"}) {
    const EstimatedInput& in = input(id);
    Stage stage = selection_.fieldOf(in).stage;
    ASSERT_NE(stage, Stage::Plan) << id;
    for (double value : {in.low, in.high}) {
      Assignment values = {{in.field, value}};
      Headline shortcut = evaluator.step(base, values, stage).figures;
      Headline whole = evaluator.plan(values).figures;
      for (size_t f = 0; f < kFigureCount; ++f)
        EXPECT_DOUBLE_EQ(shortcut[f], whole[f]) << id << " " << figureInfo(figureAt(f)).name;
      EXPECT_NE(shortcut, base.figures) << id;  // the input does move something
    }
  }
  EXPECT_EQ(evaluator.shortcutsRun(), 6);
  EXPECT_EQ(evaluator.plansRun(), 7);
}

TEST_F(SensitivityStudy, RankingFollowsTheSwingAndTiesFollowTheId) {
  // The flat profile's 24 hours tie (equal swings, ranked by id); the services and tiers do not.
  selection_ =
      selectEstimatedInputs(scenario_, io::readSourceNotes(scenario_.dataDirectory),
                            {0.5, {"hour_profiles:flat:*", "services:*", "technologies:*"}});
  SensitivityOptions options;
  options.morrisTrajectories = 0;
  options.jobs = 2;
  auto result = runSensitivity(scenario_, selection_, 0.5, options);
  EXPECT_EQ(result.plansRun + result.shortcutsRun, int(1 + 2 * selection_.inputs.size()));
  for (size_t f = 0; f < kFigureCount; ++f) {
    const auto& order = result.ranking[f];
    ASSERT_EQ(order.size(), selection_.inputs.size());
    for (size_t r = 1; r < order.size(); ++r) {
      double before = result.effects[order[r - 1]].swing[f],
             now = result.effects[order[r]].swing[f];
      EXPECT_GE(before, now);
      if (before == now) {
        EXPECT_LT(selection_.inputs[order[r - 1]].id, selection_.inputs[order[r]].id);
      }
    }
  }
  // Run on one thread, the figures are the same.
  options.jobs = 1;
  auto again = runSensitivity(scenario_, selection_, 0.5, options);
  for (size_t i = 0; i < result.effects.size(); ++i)
    EXPECT_EQ(result.effects[i].swing, again.effects[i].swing) << selection_.inputs[i].id;
}

TEST(Swing, TheSpanOfLowBaseAndHigh) {
  double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(swingOf(1, 2, 3), 2);
  EXPECT_EQ(swingOf(3, 2, 1), 2);
  EXPECT_EQ(swingOf(3, 1, 3), 2);  // both ends above the base: the bar still spans the base
  EXPECT_EQ(swingOf(2, 2, 2), 0);
  EXPECT_EQ(swingOf(inf, inf, inf), 0);
  EXPECT_TRUE(std::isinf(swingOf(1, 1, inf)));
}

}  // namespace
}  // namespace tsunagu::study
