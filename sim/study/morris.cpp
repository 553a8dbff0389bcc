#include "sim/study/morris.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "sim/core/random_stream.hpp"

namespace tsunagu::study {

namespace {

// The change of an output from `before` to `after`, with equal infinities as no change.
double change(double before, double after) {
  if (before == after) return 0;
  return after - before;
}

}  // namespace

double morrisDelta(int levels) {
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("morris: the levels must be an even number of at least 2");
  return levels / (2.0 * (levels - 1));
}

std::vector<double> Trajectory::point(size_t steps) const {
  std::vector<double> x = start;
  for (size_t s = 0; s < steps; ++s) x[order[s]] += step[order[s]];
  return x;
}

std::vector<Trajectory> morrisTrajectories(size_t inputs, int count, int levels,
                                           std::uint64_t seed) {
  double delta = morrisDelta(levels);
  std::vector<Trajectory> trajectories;
  for (int t = 0; t < count; ++t) {
    core::RandomStream random(seed, core::streamKey("morris trajectory", std::to_string(t)));
    Trajectory trajectory;
    for (size_t i = 0; i < inputs; ++i) {
      int level = std::min(levels - 1, int(random.uniform() * levels));
      double x = level / double(levels - 1);
      trajectory.start.push_back(x);
      // With an even number of levels each grid point has exactly one step that stays on it.
      trajectory.step.push_back(x + delta <= 1 + 1e-12 ? delta : -delta);
    }
    trajectory.order.resize(inputs);
    std::iota(trajectory.order.begin(), trajectory.order.end(), size_t(0));
    for (size_t i = inputs; i > 1; --i)  // Fisher-Yates
      std::swap(trajectory.order[i - 1],
                trajectory.order[std::min(i - 1, size_t(random.uniform() * double(i)))]);
    trajectories.push_back(std::move(trajectory));
  }
  return trajectories;
}

ElementaryEffects elementaryEffects(const std::vector<Trajectory>& trajectories,
                                    const std::vector<std::vector<double>>& outputs, double delta) {
  size_t inputs = trajectories.empty() ? 0 : trajectories.front().start.size();
  std::vector<std::vector<double>> effects(inputs);
  for (size_t t = 0; t < trajectories.size(); ++t) {
    const Trajectory& trajectory = trajectories[t];
    for (size_t s = 0; s < trajectory.order.size(); ++s) {
      size_t input = trajectory.order[s];
      double d = change(outputs.at(t).at(s), outputs.at(t).at(s + 1));
      // Stepping down, the effect is the change from the lower point to the higher one.
      effects[input].push_back((trajectory.step[input] > 0 ? d : -d) / delta);
    }
  }
  ElementaryEffects result;
  for (const auto& e : effects) {
    double n = double(e.size()), sum = 0, absolute = 0;
    for (double v : e) {
      sum += v;
      absolute += std::abs(v);
    }
    double mu = e.empty() ? 0 : sum / n;
    double squares = 0;
    for (double v : e) squares += (v - mu) * (v - mu);
    result.mu.push_back(mu);
    result.muStar.push_back(e.empty() ? 0 : absolute / n);
    result.sigma.push_back(e.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0);
  }
  return result;
}

}  // namespace tsunagu::study
