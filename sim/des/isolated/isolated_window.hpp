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
  struct Pool {
    std::string name;
    int servers = 0;
    double maxQueue = 0;     // the longest sampled queue
    double utilisation = 0;  // mean busy servers / servers over the samples
  };
  std::vector<Service> services;
  std::vector<Link> links;
  std::vector<Pool> pools;
  double measuredSeconds = 0;
  // Where MSER-5 on the total queue (warm-up included) ends the transient, in seconds after
  // the window's start: negative or zero when the warm-up deleted it.
  double transientSeconds = 0;
  // The total queue it was computed on, from the first arrival, every `stepSeconds`.
  std::vector<float> totalQueue;
  double totalQueueStart = 0;  // seconds after the window's start
  double stepSeconds = 0;
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
