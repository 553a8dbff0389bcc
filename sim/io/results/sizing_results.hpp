#pragma once

#include <string>

#include "sim/io/results/results_file.hpp"
#include "sim/sizing/sizing_result.hpp"

namespace tsunagu::io {

// A sizing as an HDF5 results file of kind "sizing" (group sizing, docs/output-format.md).
void writeSizingResults(const std::string& path, const sizing::SizingResult& result,
                        const Manifest& manifest);

// What to buy and when (links and pools, one row each per fiscal year), and every option the
// search visited, as CSV.
std::string sizingPurchasesCsv(const sizing::SizingResult& result);
std::string sizingOptionsCsv(const sizing::SizingResult& result);

}  // namespace tsunagu::io
