#include "sim/io/results/link_service_loads.hpp"

namespace tsunagu::io {

void writeLinkServiceLoads(Hdf5Writer& out, const analytic::LinkServiceLoads& loads) {
  out.writeMatrix("links/busy_by_service", loads.busyBps.values.data(), loads.busyBps.rows,
                  loads.busyBps.cols);
  out.setUnits("links/busy_by_service", "bit/s");
  out.setAttribute("links/busy_by_service", "rows", std::string("link * n_services + service"));
  out.writeMatrix("links/busy_hour", loads.busyHour.values.data(), loads.busyHour.rows,
                  loads.busyHour.cols);
  out.setUnits("links/busy_hour", "h");
}

}  // namespace tsunagu::io
