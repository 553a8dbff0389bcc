#pragma once

#include <string>

#include "sim/core/design.hpp"

namespace tsunagu::io {

class Hdf5Writer;

// A design in a results file, under `group` (e.g. "designs/FY2025"): links/{names, tiers,
// lines, capacity_bps} and pools/{services, hosts, servers}. Layout in docs/output-format.md.
void writeDesign(Hdf5Writer& out, const std::string& group, const core::Design& design);

// The design of `fiscalYear` from a results file that holds designs (`tsunagu size`); when the
// file holds one year only, that one whatever the year asked. Bad input (no such file, no
// designs, no design for the year) is an InputError naming the file.
core::Design readDesign(const std::string& path, int fiscalYear);

}  // namespace tsunagu::io
