#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "sim/des/isolated/replications.hpp"

namespace tsunagu::cli {

// --replications N, --precision 5%, --max-replications M, --jobs J: shared by the commands
// that run the discrete-event engine.
struct ReplicationFlags {
  int replications = 1;
  std::string precision;  // "5%" or a fraction; empty: a fixed number of replications
  int maxReplications = 50;
  int jobs = 0;  // 0: one per core

  void addTo(CLI::App& command);
  bool replicated() const { return replications > 1 || !precision.empty(); }
  // Checked: bad values are io::InputErrors naming the option.
  des::ReplicationOptions options() const;
  std::string commandLine() const;  // what changes the results, for the manifest
};

// The figures of a replicated window as a text table: mean ± half-width (95%), the half-width
// relative to the mean, and how many replications measured each.
std::string replicationTable(const des::ReplicatedWindow& window, bool allFigures);

}  // namespace tsunagu::cli
