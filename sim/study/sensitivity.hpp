#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/study/estimated_inputs.hpp"
#include "sim/study/headline.hpp"

namespace tsunagu::study {

struct SensitivityOptions {
  int morrisTrajectories = 4;  // 0: no Morris screening
  int morrisLevels = 4;
  // Morris screens the inputs among the first `morrisTop` of some figure's one-at-a-time
  // ranking that move it (0: every input that moves some figure).
  size_t morrisTop = 20;
  std::uint64_t seed = 1;  // of the Morris trajectories
  int jobs = 1;            // plans run at once
  // Told after every evaluation ("base", "one at a time" or "morris", done, total); called from
  // the worker threads, one call at a time.
  std::function<void(const char* phase, size_t done, size_t total)> progress;
};

// What one input does to the headline figures.
struct InputEffect {
  Headline atLow{}, atHigh{};  // the figures with the input at its low and its high value
  // The width of the tornado bar: the largest minus the smallest of the figure at low, at the
  // base and at high (|at high - at low| when the figure moves one way; infinite when one end
  // is infinite and the other not).
  Headline swing{};
  bool screened = false;             // Morris screened it (SensitivityOptions::morrisTop)
  Headline mu{}, muStar{}, sigma{};  // Morris, per figure; NaN when not screened
};

struct SensitivityResult {
  std::string scenarioName;
  Date start;  // the plans' horizon, hour by hour
  size_t hours = 0;
  std::vector<int> fiscalYears;
  double utilisationTarget = 0;
  double defaultRange = 0;
  Headline base{};  // the scenario as it is
  InputSelection selection;
  std::vector<InputEffect> effects;  // per input of selection.inputs
  // Per figure, the inputs (indices into selection.inputs) by swing, largest first; equal
  // swings by id.
  std::array<std::vector<size_t>, kFigureCount> ranking;
  int morrisTrajectories = 0, morrisLevels = 0;
  double morrisDelta = 0;
  size_t morrisTop = 0;  // SensitivityOptions::morrisTop
  size_t screened = 0;   // inputs screened by Morris
  std::uint64_t seed = 0;
  int plansRun = 0, shortcutsRun = 0;  // whole plans, and re-evaluations of pools or costs

  int fiscalYear() const { return fiscalYears.empty() ? 0 : fiscalYears.back(); }
};

// One-at-a-time: each input at its low and at its high value, the others at the base; the
// swing of each figure ranks the inputs (a tornado chart). Then, unless
// options.morrisTrajectories is 0, Morris screening of the inputs one-at-a-time ranks highest
// (options.morrisTop), the others held at the base: whether their effect holds over the
// whole range and with the others moving (mu*), and how far it bends or interacts (sigma).
// An input one-at-a-time found moving nothing is never screened (docs/model-reference.md).
// Inputs whose stage is Costs or Pools are re-evaluated from the base plan (or the previous
// point of a trajectory) rather than planned again (PlanEvaluator::step).
SensitivityResult runSensitivity(const Scenario& scenario, InputSelection selection,
                                 double defaultRange, const SensitivityOptions& options);

// The span of the figure over an input's low, base and high values (see InputEffect::swing).
double swingOf(double atLow, double base, double atHigh);

}  // namespace tsunagu::study
