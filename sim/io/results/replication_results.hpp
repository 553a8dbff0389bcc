#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/des/isolated/replications.hpp"
#include "sim/io/results/results_file.hpp"
#include "sim/stats/estimate.hpp"

namespace tsunagu::io {

class Hdf5Writer;
class Hdf5Reader;

// The group `replications` (layout in docs/output-format.md): the seeds, and per figure its
// values in every replication (NaN where a replication did not measure it), mean, half-width
// and relative half-width of the 95% confidence interval.
void writeReplications(Hdf5Writer& out, const des::ReplicatedWindow& window,
                       const des::ReplicationOptions& options);

// A file of kind "simulation" with the manifest and the group `replications`.
void writeReplicatedSimulation(const std::string& path, const Scenario& scenario,
                               const des::ReplicatedWindow& window,
                               const des::ReplicationOptions& options, const Manifest& manifest);

// The figures of a group `replications` as read back: per figure its name, unit and estimate
// (mean, half-width, the replications that measured it, the confidence level).
struct ReplicatedFigures {
  int replications = 0;
  double confidence = 0.95;
  std::vector<std::string> names, units;
  std::vector<stats::Estimate> estimates;

  // The index of the figure `name`, or -1.
  int find(const std::string& name) const;
};

// The group `replications` of a results file, std::nullopt when the file has none. The file
// must be open (Hdf5Reader); a group without its datasets is an InputError.
std::optional<ReplicatedFigures> readReplications(const Hdf5Reader& in);

}  // namespace tsunagu::io
