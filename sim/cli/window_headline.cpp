#include "sim/cli/window_headline.hpp"

#include "sim/cli/text_table.hpp"
#include "sim/stats/estimate.hpp"

namespace tsunagu::cli {

std::string windowOutcomesTable(const des::WindowResult& result) {
  TextTable table({"service", "generated", "completed", "failed", "timeouts", "retries",
                   "in flight", "late", "mean (s)", "p50 (s)", "p95 (s)", "p99 (s)", "p99.9 (s)"});
  for (const auto& s : result.services) {
    if (s.generated == 0) continue;
    // No more digits than the histogram has: its bins are within a relative error of a value.
    auto q = [&](double p) {
      double value = s.latency.quantile(p);
      return stats::withUncertainty(value, value * s.latency.relativeError());
    };
    table.addRow({s.service, grouped(double(s.generated)), grouped(double(s.completed)),
                  grouped(double(s.failedTotal())), grouped(double(s.timeouts)),
                  grouped(double(s.retries)), grouped(double(s.inFlight)),
                  grouped(double(s.missedDeadline)),
                  stats::withUncertainty(s.latency.mean(), s.latency.mean() * 1e-3), q(0.5),
                  q(0.95), q(0.99), q(0.999)});
  }
  return table.render();
}

}  // namespace tsunagu::cli
