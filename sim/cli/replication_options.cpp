#include "sim/cli/replication_options.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cmath>

#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/units.hpp"

namespace tsunagu::cli {

void ReplicationFlags::addTo(CLI::App& command) {
  command
      .add_option("--replications", replications,
                  "Independent replications (different random streams, same scenario); each "
                  "figure gets its mean and 95% confidence interval")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command.add_option("--precision", precision,
                     "Add replications until every watched figure's 95% half-width is within "
                     "this share of its mean (e.g. 5%), up to --max-replications");
  command
      .add_option("--max-replications", maxReplications, "The most replications --precision runs")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  command.add_option("--jobs", jobs, "Replications run at once (default: one per core)")
      ->check(CLI::Range(1, 256));
}

des::ReplicationOptions ReplicationFlags::options() const {
  des::ReplicationOptions o;
  o.replications = replications;
  o.maxReplications = std::max(maxReplications, replications);
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  o.jobs = jobs > 0 ? jobs : int(std::max(1L, cores));
  if (!precision.empty()) {
    auto share = io::parseShare(precision);
    if (!io::ok(share) || !(std::get<double>(share) > 0))
      throw io::InputError({"command line", 0, 0}, "--precision",
                           "expected a share above 0 such as 5% or 0.05, got '" + precision + "'");
    o.precision = std::get<double>(share);
  }
  return o;
}

std::string ReplicationFlags::commandLine() const {
  std::string text;
  if (replications > 1) text += " --replications " + std::to_string(replications);
  if (!precision.empty())
    text += " --precision " + precision + " --max-replications " + std::to_string(maxReplications);
  return text;
}

std::string replicationTable(const des::ReplicatedWindow& window, bool allFigures) {
  TextTable table({"figure", "mean ± 95% half-width", "relative", "n"});
  for (const auto& f : window.figures) {
    if (!allFigures && !f.steersPrecision && f.name.find(" failed") == std::string::npos &&
        f.name.find(" late") == std::string::npos && f.name.find(" p99") == std::string::npos &&
        f.name.find(" throughput") == std::string::npos)
      continue;
    double relative = f.estimate.relativeHalfWidth();
    table.addRow({f.name + (f.unit == "1" ? "" : " (" + f.unit + ")"),
                  stats::formatEstimate(f.estimate),
                  std::isfinite(relative) ? fmt::format("{:.1f}%", 100 * relative) : "-",
                  std::to_string(f.estimate.replications)});
  }
  return table.render();
}

}  // namespace tsunagu::cli
