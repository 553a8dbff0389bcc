#pragma once

#include <string>
#include <vector>

#include "models/core/date.hpp"
#include "sim/des/engine/window_simulation.hpp"

namespace tsunagu::io {

// A workload trace: the arrivals of a window, one per row. CSV (documented in
// docs/output-format.md, so users can bring their own logs):
//   time,origin,service,request_bytes,response_bytes
//   2023-06-06 09:00:01.250,clinic-a,eligibility,1500,
// or HDF5 (group trace). Times are Japan time; empty sizes are drawn by the engine.
struct Trace {
  Date first;  // the window starts at 00:00 of this day
  int days = 1;
  std::vector<des::TraceArrival> arrivals;  // seconds after `first`, sorted
  std::vector<int> lines;                   // CSV line of each arrival (0 for HDF5)
  std::vector<int> originColumns, serviceColumns;
  std::string file;
};

void writeTrace(const std::string& path, Date first,
                const std::vector<des::TraceArrival>& arrivals);
Trace readTrace(const std::string& path);  // bad rows are InputErrors with file:line:column

}  // namespace tsunagu::io
