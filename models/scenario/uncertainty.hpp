#pragma once

#include <limits>
#include <string>
#include <vector>

namespace tsunagu {

// A value of the scenario that is not known, as a probability distribution. Plain data: the
// quantile functions are in sim/study/distributions.hpp.
struct Distribution {
  enum class Kind { Normal, Triangular, Uniform };
  Kind kind = Kind::Uniform;
  double mean = 0, sd = 0;  // normal
  double mode = 0;          // triangular
  // uniform and triangular: the support; normal: where it is truncated (infinite when not)
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

inline const char* distributionName(Distribution::Kind kind) {
  switch (kind) {
    case Distribution::Kind::Normal:
      return "normal";
    case Distribution::Kind::Triangular:
      return "triangular";
    case Distribution::Kind::Uniform:
      break;
  }
  return "uniform";
}

// What an uncertain input changes in the scenario.
enum class UncertainTarget {
  VolumeGrowth,   // volumes.<service>[.<origin>].growth: a fraction a year (0.03 = 3%)
  AdoptionShift,  // adoption.<service>.shift: days the service's adoption curves move later
};

// One entry of the scenario's `uncertainty` section.
struct UncertainInput {
  std::string id;   // the entry's name
  std::string key;  // the scenario key it samples, as written ("volumes.eligibility.growth")
  UncertainTarget target = UncertainTarget::VolumeGrowth;
  std::string service;
  std::string origin;  // volume growth of one origin only; empty: every origin of the service
  Distribution distribution;
};

}  // namespace tsunagu
