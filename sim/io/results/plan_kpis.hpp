#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/io/results/replication_results.hpp"

namespace tsunagu::io {

// The key figures of a plan results file, per fiscal year, for comparing runs.
struct PlanKpis {
  std::string file;
  std::string scenario;
  std::string startDate;
  long long hours = 0;
  std::vector<int> fiscalYears;
  std::vector<double> costYen;
  std::vector<double> consolidationSavingYen;
  std::vector<double> peakUtilisation;        // busiest inner link
  std::vector<double> innerTrafficBytes;      // carried by all inner links
  std::vector<double> eligibilityP95Seconds;  // response estimate (NaN when not live)
  std::vector<double> eligibilityUsers, eligibilityRouted;
  std::vector<double> transactions;  // every service's, routed
  std::vector<double> servers;       // summed over the pools
  double netPresentValueYen = 0, discountRate = 0;
  std::vector<std::string> costComponents;
  std::vector<std::vector<double>> componentYen;  // per component, per year: initial + running
  std::string firstBreach;                        // earliest link breach: "date hour (link)", or ""
  std::string firstPoolBreach;
  // The simulated peak day's figures over replications (`run --replications`), if the file
  // has the group `replications`.
  std::optional<ReplicatedFigures> replications;
};

// Reads a results file written by `tsunagu plan`; a file that is not one, or that another
// format version wrote, is an InputError.
PlanKpis readPlanKpis(const std::string& path);

}  // namespace tsunagu::io
