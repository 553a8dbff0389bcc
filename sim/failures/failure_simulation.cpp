#include "sim/failures/failure_simulation.hpp"

#include <algorithm>
#include <cmath>

#include "sim/des/isolated/isolated_window.hpp"
#include "sim/des/isolated/replications.hpp"

namespace tsunagu::failures {

namespace {

des::WindowOptions windowOf(const FailureSpec& spec, const FailureSimulationOptions& options) {
  des::WindowOptions window;
  window.first = spec.date;
  window.fromSeconds = spec.startSeconds;
  window.untilSeconds = spec.startSeconds + spec.duration.seconds + options.afterSeconds;
  window.days = std::max(1, int(std::ceil(window.untilSeconds / 86400.0)));
  window.seed = options.seed;
  window.stepSeconds = 60;
  return window;
}

void record(const Scenario& scenario, const des::WindowSummary& summary, FailureImpact& impact) {
  impact.desFailed = 0;
  impact.desLateClaims = 0;
  impact.desWorstResponseRatio = 0;
  for (const auto& s : summary.services) {
    impact.desFailed += double(s.failed);
    impact.desLateClaims += double(s.missedDeadline);
    const ServiceSpec* spec = scenario.data.services.find(s.name);
    if (!spec || spec->targetPercentile <= 0 || s.completed == 0) continue;
    impact.desWorstResponseRatio =
        std::max(impact.desWorstResponseRatio, s.atTarget / spec->targetResponse.seconds);
  }
  impact.conserved = summary.conserved ? 1 : 0;
}

}  // namespace

void simulateFailures(const Scenario& scenario, const core::Design& design,
                      std::vector<FailureImpact>& impacts, const std::vector<size_t>& chosen,
                      const FailureSimulationOptions& options) {
  std::vector<des::IsolatedRun> runs;
  for (size_t i : chosen) {
    des::IsolatedRun run{scenario, design, windowOf(impacts[i].failure.spec, options)};
    run.scenario.failures = {impacts[i].failure.spec};
    runs.push_back(std::move(run));
  }
  int n = std::max(1, options.replications);
  auto summaries = des::simulateIsolated(des::replicate(runs, n), options.jobs);
  for (size_t k = 0; k < chosen.size(); ++k) {
    std::vector<des::WindowSummary> replications(summaries.begin() + long(k) * n,
                                                 summaries.begin() + long(k + 1) * n);
    record(scenario, des::pooledSummary(replications), impacts[chosen[k]]);
  }
}

}  // namespace tsunagu::failures
