#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/core/design.hpp"
#include "sim/sizing/link_options.hpp"
#include "sim/sizing/pool_sizing.hpp"

namespace tsunagu::sizing {

// What to have on one link in one fiscal year.
struct LinkChoice {
  int fiscalYear = 0;
  std::string link, role, technology;
  LinkOption option;
  double busyBps = 0;          // the analytic busy hour, busier direction
  double utilisation = 0;      // busyBps / the option's capacity
  double peakBps = 0;          // the year's busiest interval at the peak rule (busier direction)
  double peakUtilisation = 0;  // peakBps / the option's capacity
  double desUtilisation = -1;  // the busiest simulated hour in the DES check (-1: not run)
  bool newPurchase = false;    // differs from the year before (or the first year)
  bool met = true;             // no option of the technology is large enough: false
};

// How many servers one pool needs in one fiscal year.
struct PoolChoice {
  int fiscalYear = 0;
  std::string pool, service, level;  // level: e.g. "p99 <= 3 s", "by the 10th 24:00"
  std::string host;                  // a node, or "rhin-hub" (every regional hub's pool)
  int servers = 0;
  int serversBefore = 0;  // the year before (0 in the first year)
  double busyArrivals = 0;
  double utilisation = 0;
  double atTarget = 0;      // analytic end-to-end response at the target percentile (s)
  double p99 = 0;           // analytic end-to-end p99 (s)
  double desAtTarget = -1;  // simulated (-1: not run)
  double desP99 = -1;
  int addedByDes = 0;  // servers the DES check added
  PoolLevel model;     // the busy hour and targets the analytic values come from
  double yearlyYen = 0, setupYen = 0;
  bool met = true;
};

// A point the search visited: a design of one element with its yearly cost and performance.
struct VisitedOption {
  int fiscalYear = 0;
  std::string element;  // a pool or a link
  std::string option;   // "12 servers", "2 x 10Gbps"
  std::string source;   // "analytic" or "des"
  double yearlyYen = 0;
  double p99 = 0;  // pools: end-to-end p99 (s); links: busy-hour utilisation
  bool meets = false;
  bool chosen = false;
  bool pareto = false;  // no other option of the element and year is cheaper and at least as fast
};

// A service level that no capacity choice changes, checked as it stands: stream latency.
struct LevelCheck {
  int fiscalYear = 0;
  std::string service, level;
  double value = 0;  // what the design achieves
  bool met = true;
  std::string note;
};

struct YearTotal {
  int fiscalYear = 0;
  double linksYearlyYen = 0, serversYearlyYen = 0, setupYen = 0;
  int desRounds = 0;      // DES checks run for this year (0: none)
  bool desAgrees = true;  // the last check found every level met
  bool conserved = true;  // in every DES check
  std::string desWindow;  // e.g. "2026-02-09 08:00-11:00"
  double total() const { return linksYearlyYen + serversYearlyYen + setupYen; }
};

struct SizingResult {
  std::string scenarioName;
  double utilisationTarget = 0.7;
  PeakRule peakRule;
  std::vector<LinkChoice> links;
  std::vector<PoolChoice> pools;
  std::vector<VisitedOption> options;
  std::vector<LevelCheck> checks;
  std::vector<YearTotal> years;

  // What to have in `fiscalYear`: every link's option and every pool's servers, as a design
  // the engines run (and `simulate --design` replays).
  core::Design designFor(int fiscalYear) const;
};

}  // namespace tsunagu::sizing
