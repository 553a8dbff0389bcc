#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/cli/replication_options.hpp"

namespace tsunagu::cli {

// compare --paired A.yaml B.yaml --window W: both scenarios simulated on the same window with
// the same seeds, replication by replication (common random numbers: the shared core keys every
// random stream by what it is, so the two see the same arrivals wherever they do not differ).
struct PairedOptions {
  std::vector<std::string> scenarios;  // A (the reference), then B
  std::string window;
  int days = 1;
  std::uint64_t seed = 0;
  bool seedGiven = false;
  ReplicationFlags replication;
  std::string csvPath;
};

int comparePaired(const PairedOptions& options);

}  // namespace tsunagu::cli
