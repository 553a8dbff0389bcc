#pragma once

#include <string>

#include "sim/io/results/results_file.hpp"
#include "sim/study/uncertainty_result.hpp"

namespace tsunagu::io {

// An uncertainty study as an HDF5 results file of kind "uncertainty" (group uncertainty,
// docs/output-format.md): the sampled inputs, every sample's busy hours and breaches, and
// P(breach) with its standard error and the quantiles across samples.
void writeUncertaintyResults(const std::string& path, const study::UncertaintyResult& result,
                             const Manifest& manifest);

// One row per fiscal year and link or pool: P(breach), its standard error, and the quantiles
// across samples of the busy hour (links) or the response at the target percentile (pools)
// beside the limit it is judged against.
std::string uncertaintyCsv(const study::UncertaintyResult& result);

}  // namespace tsunagu::io
