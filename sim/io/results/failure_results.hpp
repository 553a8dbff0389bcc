#pragma once

#include <string>
#include <vector>

#include "models/network/failure_points.hpp"
#include "sim/failures/failure_analysis.hpp"
#include "sim/io/results/results_file.hpp"

namespace tsunagu::io {

struct FailureReport {
  std::string scenarioName;
  std::string window;  // e.g. "2026-02-09 09:30 for 2 h"
  double durationSeconds = 0;
  std::vector<failures::FailureImpact> impacts;  // ranked
  SinglePointsOfFailure structure;               // single points of failure from the graph
};

// A failure analysis as an HDF5 results file of kind "failures" (docs/output-format.md).
void writeFailureResults(const std::string& path, const FailureReport& report,
                         const Manifest& manifest);

// The ranked cases, and every facility a case cuts off, as CSV.
std::string failureCasesCsv(const FailureReport& report);
std::string cutOffCsv(const FailureReport& report);

}  // namespace tsunagu::io
