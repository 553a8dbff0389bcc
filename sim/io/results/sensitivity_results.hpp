#pragma once

#include <string>

#include "sim/io/results/results_file.hpp"
#include "sim/study/sensitivity.hpp"

namespace tsunagu::io {

// A sensitivity study as an HDF5 results file of kind "sensitivity" (group sensitivity,
// docs/output-format.md), under a temporary name renamed when complete.
void writeSensitivityResults(const std::string& path, const study::SensitivityResult& result,
                             const Manifest& manifest);

// One row per input and headline figure, ordered by figure and then rank (largest swing
// first), as CSV.
std::string sensitivityCsv(const study::SensitivityResult& result);

}  // namespace tsunagu::io
