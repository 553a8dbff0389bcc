#pragma once

#include <string>
#include <vector>

#include "sim/cli/compare_tables.hpp"

namespace tsunagu::cli {

// The kind of a results file (root attribute `kind`: plan, sizing, simulation, failures, ...);
// a file that is not a tsunagu results file is an io::InputError.
std::string resultsKind(const std::string& file);

// Sizings on what they buy, per fiscal year: the costs, the servers, the links bought, the
// levels not met and whether the DES agreed; n/a for a year a file did not size.
FigureSet sizingFigures(const std::vector<std::string>& files);

// Simulated windows per service: transactions, failures and latency percentiles; n/a for a
// service with nothing completed (not live in the window, or all failed).
FigureSet simulationFigures(const std::vector<std::string>& files);

// The first line of a comparison: what the files are, and each one's window or years.
std::string compareHeading(const std::string& kind, const std::vector<std::string>& files);

}  // namespace tsunagu::cli
