#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/scenario/uncertainty.hpp"
#include "sim/analytic/plan_result.hpp"

namespace tsunagu::study {

// The quantiles of the fan charts, across samples.
inline constexpr std::array<double, 5> kQuantileLevels = {0.05, 0.25, 0.5, 0.75, 0.95};

// Tables "per element, year and sample" have one row per element and fiscal year (row =
// element x fiscal years + year index) and one column per sample.

struct LinkOutcomes {
  std::vector<std::string> names, roles;
  analytic::Table<double> capacityBps;  // links x years: the capacity judged
  analytic::Table<double> busyBps;  // per link, year and sample: the busy hour, busier direction
  analytic::Table<int> breach;      // per link, year and sample: 1 when busy > target x capacity
};

struct PoolOutcomes {
  std::vector<std::string> names, services, levels;  // levels: "p99 <= 3 s", or "stable"
  std::vector<double> targetResponse;    // s; 0 for a service without a percentile target
  analytic::Table<double> busyArrivals;  // per pool, year and sample: 1/s at the busy hour
  analytic::Table<double> servers;       // per pool, year and sample: fixed, or the rule's count
  analytic::Table<double> atTarget;      // per pool, year and sample: response at the target
                                         // percentile (p95 without one), s; inf when unstable
  analytic::Table<int> missed;           // per pool, year and sample: 1 when the level is missed
};

struct UncertaintyResult {
  std::string scenarioName;
  std::vector<int> fiscalYears;
  double utilisationTarget = 0;
  std::uint64_t seed = 0;
  size_t samples = 0;
  std::string method;  // "superposition" or "plan per sample"
  size_t plansRun = 0;
  std::vector<UncertainInput> inputs;
  analytic::Table<double> values;  // samples x inputs: growth a fraction a year, shifts in days
  LinkOutcomes links;
  PoolOutcomes pools;
};

// P(breach) of each element in each fiscal year: the share of samples that breach, with its
// standard error sqrt(p (1 - p) / N). Tables elements x years.
struct BreachEstimate {
  analytic::Table<double> probability, standardError;
};
BreachEstimate estimateBreaches(const analytic::Table<int>& perSample, size_t years);

// The share of samples in which at least one element breaches, per fiscal year.
std::vector<double> anyBreach(const analytic::Table<int>& perSample, size_t years);

// The mean and standard deviation (with n - 1) of column `column` of samples x inputs values.
struct SampleMoments {
  double mean = 0, sd = 0;
};
SampleMoments momentsOf(const analytic::Table<double>& values, size_t column);

// kQuantileLevels of each row across samples, interpolating linearly between order statistics
// (numpy's default): (elements x years) x levels.
analytic::Table<double> quantilesAcrossSamples(const analytic::Table<double>& perSample);

}  // namespace tsunagu::study
