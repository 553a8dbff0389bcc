#pragma once

#include "sim/analytic/service_loads.hpp"
#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {

// links/busy_by_service ((n_links x n_services) x n_fiscal_years, bit/s: the busy hour of each
// link split by service) and links/busy_hour (n_links x n_fiscal_years, the hour of the
// horizon), into a plan results file being written (docs/output-format.md#links).
void writeLinkServiceLoads(Hdf5Writer& out, const analytic::LinkServiceLoads& loads);

}  // namespace tsunagu::io
