#pragma once

#include "models/scenario/scenario.hpp"
#include "sim/io/input/config_node.hpp"

namespace tsunagu::io {

// What a scenario will ask of memory, estimated from what drives it: the facilities built
// explicitly, the regional networks (each a hub routed to every member), and the transactions
// of one simulated day. The factors are [E], measured on `topology` and `simulate` runs
// (docs/scenario-format.md#limits); volume growth over the horizon is not counted.
struct MemoryEstimate {
  double facilities = 0;
  double regionalNetworks = 0;
  double dailyTransactions = 0;
  double bytes = 0;
};

MemoryEstimate estimateMemory(const Scenario& scenario);

// The memory a scenario may need before it is refused; --max-memory sets it (default 4 GiB).
void setMemoryBudget(double bytes);
double memoryBudget();

// Throws an InputError, at the section that weighs most in `doc`, when the estimate exceeds
// the budget; said before any work, instead of dying of bad_alloc halfway.
void checkMemoryBudget(const Scenario& scenario, const ConfigNode& doc);

}  // namespace tsunagu::io
