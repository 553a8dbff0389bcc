#pragma once

#include "sim/des/isolated/replications.hpp"
#include "sim/io/results/results_file.hpp"

namespace tsunagu::io {

class Hdf5Writer;

// The group `replications` (layout in docs/output-format.md): the seeds, and per figure its
// values in every replication (NaN where a replication did not measure it), mean, half-width
// and relative half-width of the 95% confidence interval.
void writeReplications(Hdf5Writer& out, const des::ReplicatedWindow& window,
                       const des::ReplicationOptions& options);

// A file of kind "simulation" with the manifest and the group `replications`.
void writeReplicatedSimulation(const std::string& path, const Scenario& scenario,
                               const des::ReplicatedWindow& window,
                               const des::ReplicationOptions& options, const Manifest& manifest);

}  // namespace tsunagu::io
