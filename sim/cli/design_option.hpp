#pragma once

#include <string>

#include "sim/core/design.hpp"
#include "sim/io/results/results_file.hpp"

namespace tsunagu::cli {

// --design FILE: the design `tsunagu size` chose for the fiscal year of `day`, checked against
// the network (a link or service it does not have is bad input, exit 2), and named with its
// checksum in the manifest. Without a file, the scenario's own design.
core::Design designOption(const std::string& path, const Nation& nation, Date day,
                          io::Manifest& manifest);

}  // namespace tsunagu::cli
