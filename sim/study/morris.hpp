#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tsunagu::study {

// Morris screening (Morris 1991; Campolongo, Cariboni & Saltelli 2007 for mu*): each input is
// scaled to [0, 1] and moves on a grid of `levels` values 0, 1/(levels-1), ..., 1. A trajectory
// starts at a random grid point and steps every input once, in a random order, by
// delta = levels / (2 (levels - 1)) (2/3 for 4 levels), up or down as the grid allows. The
// elementary effect of an input is the change of the output over its step, divided by delta.

// The step of the grid: levels / (2 (levels - 1)); levels must be even and at least 2.
double morrisDelta(int levels);

struct Trajectory {
  std::vector<double> start;  // one level per input
  std::vector<size_t> order;  // the input stepped at each step
  std::vector<double> step;   // per input: +delta or -delta

  size_t points() const { return order.size() + 1; }
  // The point after the first `steps` steps (0: the start).
  std::vector<double> point(size_t steps) const;
};

// `count` trajectories over `inputs` inputs, each start level drawn uniformly from the grid
// (the direction of its step is then the one that stays on it) and each order a uniform
// permutation, from Random123 streams keyed by the seed and the trajectory's number: the same
// seed gives the same trajectories.
std::vector<Trajectory> morrisTrajectories(size_t inputs, int count, int levels,
                                           std::uint64_t seed);

struct ElementaryEffects {
  std::vector<double> mu;      // mean elementary effect, per input
  std::vector<double> muStar;  // mean of their absolute values: the input's importance
  std::vector<double> sigma;   // their standard deviation (n - 1): non-linearity, interactions
};

// From the outputs at every point of every trajectory (outputs[t][k], point k of trajectory
// t). An output that is infinite at both ends of a step did not change (effect 0); infinite at
// one end, the effect is infinite (and sigma not a number). With one trajectory sigma is 0.
ElementaryEffects elementaryEffects(const std::vector<Trajectory>& trajectories,
                                    const std::vector<std::vector<double>>& outputs, double delta);

}  // namespace tsunagu::study
