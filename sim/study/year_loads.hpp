#pragma once

#include "sim/analytic/plan_result.hpp"

namespace tsunagu::study {

// What a sample's plan gives the study: the busy hour of every infrastructure link and server
// pool in every fiscal year. Capacity and servers are judged afterwards, so one set of loads
// serves every design.
struct YearLoads {
  analytic::Table<double> linkBusyBps;   // links x fiscal years: the busier direction's busy hour
  analytic::Table<double> poolArrivals;  // pools x fiscal years: arrivals a second at the busy hour
};

// The busy hours the planner found (PlanResult links.busyBps and pools.busyArrivals).
inline YearLoads yearLoadsOf(const analytic::PlanResult& plan) {
  return {plan.links.busyBps, plan.pools.busyArrivals};
}

}  // namespace tsunagu::study
