#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/analytic/plan_result.hpp"
#include "sim/des/engine/window_simulation.hpp"

namespace tsunagu::io {

// What is needed to reproduce a run, stored in every results file.
struct Manifest {
  std::vector<std::string> scenarioFiles;  // the scenario first, then the bases it extends
  std::vector<std::string> scenarioTexts;
  std::string scenarioSha256;  // of the scenario texts, in that order
  std::string dataDirectory;   // the data tables the scenario used
  std::string dataSha256;
  std::uint64_t seed = 0;            // the run's
  std::uint64_t populationSeed = 0;  // the scenario's population (facility draws)
  std::string command;
  std::string host;
  std::string startTime;  // ISO 8601, local time with offset
  double wallSeconds = 0;
  // Files besides the scenario that the run read (a trace, a design), with their checksums.
  struct Input {
    std::string role, path, sha256;
  };
  std::vector<Input> inputs;
};

inline constexpr int kResultsFormatVersion = 1;

class Hdf5Writer;
// The root attributes (format, version, kind) and the manifest group of every results file.
void writeManifest(Hdf5Writer& out, const std::string& scenarioName, const Manifest& manifest,
                   const std::string& kind);

std::string dataTablesSha256(const std::string& directory);
std::string fileSha256(const std::string& path);

// The manifest of a run of `scenario`: its files and their texts, its data tables' directory and
// checksum, the seed, the command, the host and the start time.
Manifest makeManifest(const Scenario& scenario, std::uint64_t seed, const std::string& command);

// Writes a plan to an HDF5 file (layout in docs/output-format.md), under a temporary name that
// becomes `path` only when everything is written.
// `window`, when given, is a simulated peak window written into the same file (group des).
// `extra` writes more groups before the file is committed (the replications of the window).
void writePlanResults(const std::string& path, const analytic::PlanResult& plan,
                      const Manifest& manifest, const Scenario* scenario = nullptr,
                      const des::WindowResult* window = nullptr,
                      const std::function<void(Hdf5Writer&)>& extra = {});

// Writes a simulated window alone (root kind "simulation": manifest and the des group).
void writeSimulationResults(const std::string& path, const Scenario& scenario,
                            const des::WindowResult& window, const Manifest& manifest);

}  // namespace tsunagu::io
