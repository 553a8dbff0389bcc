#pragma once

#include <string>

#include "sim/des/engine/window_simulation.hpp"

namespace tsunagu::cli {

// A window's headline figures, one row a service that had transactions: generated, completed,
// failed, time-outs, retries, in flight, late, and the latency mean and percentiles (p50, p95,
// p99, p99.9) with no more digits than the histogram holds. `simulate` and `run` end with it.
std::string windowOutcomesTable(const des::WindowResult& result);

}  // namespace tsunagu::cli
