#include "sim/study/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>

#include "sim/study/morris.hpp"
#include "sim/study/parallel.hpp"
#include "sim/study/plan_evaluator.hpp"

namespace tsunagu::study {

namespace {

constexpr double kNotScreened = std::numeric_limits<double>::quiet_NaN();

// Counts evaluations and tells options.progress, one call at a time.
class ProgressReport {
 public:
  ProgressReport(const SensitivityOptions& options, const char* phase, size_t total)
      : options_(options), phase_(phase), total_(total) {}
  void done() {
    if (!options_.progress) return;
    std::lock_guard lock(mutex_);
    options_.progress(phase_, ++done_, total_);
  }

 private:
  const SensitivityOptions& options_;
  const char* phase_;
  size_t total_, done_ = 0;
  std::mutex mutex_;
};

class Study {
 public:
  Study(const Scenario& scenario, SensitivityResult& result, const SensitivityOptions& options)
      : result_(result), options_(options), evaluator_(scenario, result.selection) {}

  void run() {
    ProgressReport progress(options_, "base", 1);
    base_ = evaluator_.plan({});
    progress.done();
    result_.base = base_.figures;
    const auto& plan = *base_.plan;
    result_.start = plan.start;
    result_.hours = plan.hours;
    result_.fiscalYears = plan.fiscalYears;
    result_.utilisationTarget = plan.utilisationTarget;
    oneAtATime();
    rank();
    if (options_.morrisTrajectories > 0) screen();
    result_.plansRun = evaluator_.plansRun();
    result_.shortcutsRun = evaluator_.shortcutsRun();
  }

 private:
  const EstimatedInput& input(size_t i) const { return result_.selection.inputs[i]; }
  Stage stageOf(size_t i) const { return result_.selection.fieldOf(input(i)).stage; }

  void oneAtATime() {
    size_t n = result_.selection.inputs.size();
    InputEffect unscreened;
    for (auto* figures : {&unscreened.mu, &unscreened.muStar, &unscreened.sigma})
      figures->fill(kNotScreened);
    result_.effects.assign(n, unscreened);
    ProgressReport progress(options_, "one at a time", 2 * n);
    runInParallel(2 * n, options_.jobs, [&](size_t task) {
      size_t i = task / 2;
      bool high = task % 2 == 1;
      double value = high ? input(i).high : input(i).low;
      // A value rounding or clamping kept at the base (one network of a prefecture at -50%)
      // gives the base's figures without a run.
      Headline figures =
          value == input(i).base
              ? base_.figures
              : evaluator_.step(base_, {{input(i).field, value}}, stageOf(i)).figures;
      (high ? result_.effects[i].atHigh : result_.effects[i].atLow) = figures;
      progress.done();
    });
    for (auto& effect : result_.effects)
      for (size_t f = 0; f < kFigureCount; ++f)
        effect.swing[f] = swingOf(effect.atLow[f], result_.base[f], effect.atHigh[f]);
  }

  void rank() {
    const auto& inputs = result_.selection.inputs;
    for (size_t f = 0; f < kFigureCount; ++f) {
      auto& order = result_.ranking[f];
      order.resize(inputs.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        double sa = result_.effects[a].swing[f], sb = result_.effects[b].swing[f];
        return sa != sb ? sa > sb : inputs[a].id < inputs[b].id;
      });
    }
  }

  // The inputs Morris screens: the first morrisTop of each figure's ranking that move it.
  std::vector<size_t> toScreen() const {
    std::vector<bool> chosen(result_.effects.size(), false);
    for (size_t f = 0; f < kFigureCount; ++f) {
      const auto& order = result_.ranking[f];
      size_t top = options_.morrisTop == 0 ? order.size() : options_.morrisTop;
      for (size_t r = 0; r < std::min(top, order.size()); ++r)
        if (result_.effects[order[r]].swing[f] > 0) chosen[order[r]] = true;
    }
    std::vector<size_t> inputs;
    for (size_t i = 0; i < chosen.size(); ++i)
      if (chosen[i]) inputs.push_back(i);
    return inputs;
  }

  void screen() {
    std::vector<size_t> active = toScreen();
    result_.morrisTrajectories = options_.morrisTrajectories;
    result_.morrisLevels = options_.morrisLevels;
    result_.morrisDelta = morrisDelta(options_.morrisLevels);
    result_.morrisTop = options_.morrisTop;
    result_.screened = active.size();
    if (active.empty()) return;
    auto trajectories = morrisTrajectories(active.size(), options_.morrisTrajectories,
                                           options_.morrisLevels, options_.seed);
    std::vector<std::vector<Headline>> outputs(trajectories.size());
    ProgressReport progress(options_, "morris", trajectories.size() * (active.size() + 1));
    runInParallel(trajectories.size(), options_.jobs, [&](size_t t) {
      const Trajectory& trajectory = trajectories[t];
      Evaluation previous = evaluator_.plan(assignmentAt(active, trajectory.point(0)));
      outputs[t].push_back(previous.figures);
      progress.done();
      for (size_t s = 0; s < trajectory.order.size(); ++s) {
        size_t stepped = active[trajectory.order[s]];
        previous = evaluator_.step(previous, assignmentAt(active, trajectory.point(s + 1)),
                                   stageOf(stepped));
        outputs[t].push_back(previous.figures);
        progress.done();
      }
    });
    for (size_t f = 0; f < kFigureCount; ++f) {
      std::vector<std::vector<double>> figure(outputs.size());
      for (size_t t = 0; t < outputs.size(); ++t)
        for (const auto& point : outputs[t]) figure[t].push_back(point[f]);
      ElementaryEffects ee = elementaryEffects(trajectories, figure, result_.morrisDelta);
      for (size_t k = 0; k < active.size(); ++k) {
        InputEffect& effect = result_.effects[active[k]];
        effect.screened = true;
        effect.mu[f] = ee.mu[k];
        effect.muStar[f] = ee.muStar[k];
        effect.sigma[f] = ee.sigma[k];
      }
    }
  }

  Assignment assignmentAt(const std::vector<size_t>& active, const std::vector<double>& levels) {
    Assignment values;
    for (size_t k = 0; k < active.size(); ++k) {
      const EstimatedInput& in = input(active[k]);
      values.push_back({in.field, valueAt(result_.selection.fieldOf(in), in, levels[k])});
    }
    return values;
  }

  SensitivityResult& result_;
  const SensitivityOptions& options_;
  PlanEvaluator evaluator_;
  Evaluation base_;
};

}  // namespace

double swingOf(double atLow, double base, double atHigh) {
  double most = std::max({atLow, base, atHigh}), least = std::min({atLow, base, atHigh});
  return most == least ? 0.0 : most - least;  // equal infinities: no swing
}

SensitivityResult runSensitivity(const Scenario& scenario, InputSelection selection,
                                 double defaultRange, const SensitivityOptions& options) {
  SensitivityResult result;
  result.scenarioName = scenario.name;
  result.defaultRange = defaultRange;
  result.seed = options.seed;
  result.selection = std::move(selection);
  Study(scenario, result, options).run();
  return result;
}

}  // namespace tsunagu::study
