#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "models/network/failure_points.hpp"
#include "sim/analytic/plan_result.hpp"
#include "sim/core/design.hpp"
#include "sim/core/workload.hpp"

namespace tsunagu::failures {

// One failure to study: an N-1 case (a backbone link, a carrier PoP or core, an IX center, a
// central data center) or one the scenario names.
struct FailureCase {
  std::string name;
  std::string kind;  // "backbone link", "pop", "core", "ix", "datacenter", "scenario"
  FailureSpec spec;
};

// Every single failure of the network at `date`, each starting `startSeconds` after 00:00 and
// lasting `duration`; then the scenario's own failures (each on its own date).
std::vector<FailureCase> failureCases(const Nation& nation, Date date, double startSeconds,
                                      Duration duration);

struct CutOffFacility {
  std::string facility, kind;
  int prefecture = 0;
  int count = 1;  // facilities the vertex stands for (aggregated models)
  std::vector<std::string> services;
};

// What one failure does, by the analytic screen and, when it was simulated, by the DES.
struct FailureImpact {
  FailureCase failure;
  // How the routes that needed the element fare: "re-routed" (another path to the same host),
  // "fail-over" (another host, e.g. the next IX center), "none" (no route: cut off), "partly"
  // (some of each), "not used", or "pool" (a pool failure).
  std::string rerouting;
  int facilitiesCutOff = 0;
  std::vector<CutOffFacility> cutOff;
  double transactionsFailed = 0;  // demand with no route while it lasts (+ a pool's overflow)
  // Worst over services with a target: the response at its target percentile / the target.
  double worstResponseRatio = 0;
  std::string worstService;
  double lateClaims = 0;          // claims still waiting at the deadline (fluid estimate)
  double maxLinkUtilisation = 0;  // busiest link in the outage, by the degraded routes
  // The DES on the failure's window (-1: not simulated).
  double desFailed = -1, desWorstResponseRatio = -1, desLateClaims = -1;
  int conserved = -1;  // 1 holds, 0 violated, -1 not simulated
  int rank = 0;

  // The worse of the two estimates: the screen misses retry storms, the DES sampling noise.
  double failedForRanking() const { return std::max(desFailed, transactionsFailed); }
};

// The analytic screen of every case: routes without the failed element (Boost Graph, lowest
// latency), the facilities left without a route to a service they use, the demand lost while
// it lasts, the busiest link on the detours, the response estimate of each service with a
// target, and for pool failures the overflow and the claims backlog at the deadline.
// Links run at the design's capacity; pools have the plan's servers.
std::vector<FailureImpact> screenFailures(const core::Workload& workload,
                                          const core::Design& design,
                                          const analytic::PlanResult& plan,
                                          const std::vector<FailureCase>& cases);

// Ranks by transactions failed, facilities cut off, late claims (counts: the worse of the screen
// and the DES), the worst response ratio (the simulated one where simulated), the busiest link.
void rankFailures(std::vector<FailureImpact>& impacts);

}  // namespace tsunagu::failures
