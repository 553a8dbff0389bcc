#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/date.hpp"
#include "models/scenario/scenario.hpp"

namespace tsunagu::analytic {

// A matrix stored row-major: rows are links, pools or services; columns hours or fiscal years.
template <typename T>
struct Table {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<T> values;

  void resize(size_t r, size_t c, T fill = T{}) {
    rows = r;
    cols = c;
    values.assign(r * c, fill);
  }
  T& at(size_t r, size_t c) { return values[r * cols + c]; }
  const T& at(size_t r, size_t c) const { return values[r * cols + c]; }
};

// Backbone, IX, regional-hub and data-center links: full hourly series.
struct LinkResults {
  std::vector<std::string> names, roles, technologies;
  std::vector<double> capacityBps;
  // links x hours, per physical direction: forward runs from the first node of the link's
  // name to the second ("a -- b": a to b), backward the other way.
  Table<float> forwardBps, backwardBps;  // hourly means
  // links x hours, per direction: the busiest interval of each hour at the peak rule's
  // percentile, [0] one minute and [1] five minutes (burst_model.hpp).
  std::array<Table<float>, 2> forwardPeakBps, backwardPeakBps;
  Table<double> busyBps, meanBps;  // links x fiscal years (busier direction)
  Table<double> peakUtilisation;   // links x fiscal years: busy hour's mean
  Table<double> busyPeakBps;       // links x fiscal years: largest peak at the rule's interval
  std::vector<std::vector<std::string>> tierNeeded;  // links x fiscal years
  std::vector<std::string> firstBreach;  // date of the first hour above the target, or ""
  // Each link's busy hour (links x fiscal years: hours from the start, the first hour with the
  // largest busier direction) and its load there, busier direction, by service ((links x
  // services) x fiscal years, row link * services + service): why one link is busier.
  Table<double> busyHour, busyByServiceBps;
};

// Server pools of the central services: hourly arrivals, and queueing estimates at each
// fiscal year's busy hour (M/M/c with the Allen-Cunneen correction).
struct PoolResults {
  std::vector<std::string> names, services, hosts;
  Table<float> arrivalsPerSecond;  // pools x hours
  Table<double> busyArrivals, servers, serversNeeded, utilisation, waitProbability, meanResponse,
      p95Response, p99Response;          // pools x fiscal years
  std::vector<std::string> firstBreach;  // first fiscal year whose busy hour misses the target
};

// Access lines are too many for hourly series: per class and fiscal year, the distribution
// of busy-hour utilisation, and the busiest facilities.
struct AccessClassRow {
  int fiscalYear = 0;
  std::string kind, technology;
  int facilities = 0;
  double p50 = 0, p95 = 0, max = 0;
};

struct WorstFacilityRow {
  int fiscalYear = 0;
  std::string facility, kind, technology;
  int prefecture = 0;
  double utilisation = 0;
};

struct ServiceResults {
  std::vector<std::string> names;
  Table<double> transactions, bytes;  // services x fiscal years
  Table<double> users, routedUsers;   // in each fiscal year's last rollout state
  Table<double> usersByKind;          // (services x facility kinds) x fiscal years, likewise
  Table<double> networkLatencyMs;     // mean one-way route latency, by transactions
  Table<double> responseP95Seconds;   // 2 x latency + pool p95, at the busy hour
};

struct CostResults {
  std::vector<std::string> components;
  Table<double> initialYen, runningYen;  // components x fiscal years
  std::vector<double> totalYen, transactions, yenPerTransaction, consolidationSavingYen;
  double netPresentValueYen = 0;
  double discountRate = 0;
};

struct PlanResult {
  std::string scenarioName;
  Date start;  // the first hour is 00:00 of this date (Japan time)
  size_t hours = 0;
  std::vector<int> fiscalYears;
  double utilisationTarget = 0;
  PeakRule peakRule;
  int states = 0;  // rollout states the horizon was cut into
  LinkResults links;
  PoolResults pools;
  std::vector<AccessClassRow> accessClasses;
  std::vector<WorstFacilityRow> worstFacilities;
  ServiceResults services;
  CostResults costs;
};

}  // namespace tsunagu::analytic
