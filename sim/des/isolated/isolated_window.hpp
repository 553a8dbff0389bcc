#pragma once

#include <string>
#include <vector>

#include "sim/des/engine/window_simulation.hpp"

namespace tsunagu::des {

// What the sizing and failure analyses need from one simulated window, small enough to send
// back from a child process.
struct WindowSummary {
  struct Service {
    std::string name;
    std::uint64_t generated = 0, completed = 0, failed = 0, timeouts = 0, inFlight = 0,
                  missedDeadline = 0;
    double mean = 0, p50 = 0, p95 = 0, p99 = 0;
    double atTarget = 0;  // the response time at the service's target percentile, if it has one
  };
  struct Link {
    std::string name;
    double busiestHourUtilisation = 0;  // the busier direction, averaged over each hour
  };
  std::vector<Service> services;
  std::vector<Link> links;
  std::uint64_t events = 0;
  double wallSeconds = 0;
  bool conserved = false;

  const Service* service(const std::string& name) const;
};

WindowSummary summarise(const Scenario& scenario, const WindowResult& result);

// SimGrid runs one engine per process: each window runs in a child process of its own, which
// builds the network of `scenario`, runs it with `design`, and sends its summary back through a
// pipe. Throws std::runtime_error when the child fails.
WindowSummary simulateIsolated(const Scenario& scenario, const core::Design& design,
                               const WindowOptions& options);

// Runs several at once, at most `jobs` children at a time; results in the order given.
struct IsolatedRun {
  Scenario scenario;
  core::Design design;
  WindowOptions options;
};
std::vector<WindowSummary> simulateIsolated(const std::vector<IsolatedRun>& runs, int jobs);

}  // namespace tsunagu::des
