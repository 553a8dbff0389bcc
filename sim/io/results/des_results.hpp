#pragma once

#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {

// Writes a simulated window into the `des` group of a results file (docs/output-format.md).
void writeDesResults(Hdf5Writer& out, const Scenario& scenario, const des::WindowResult& window);

}  // namespace tsunagu::io
