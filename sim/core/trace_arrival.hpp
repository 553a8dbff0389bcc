#pragma once

#include <string>

namespace tsunagu::core {

// One arrival of a workload trace: when, from which facility (or data center), for which
// service, and optionally its sizes (negative: drawn from the service's distribution).
struct TraceArrival {
  double seconds = 0;  // after 00:00 of the window's first day, Japan time
  std::string origin;
  std::string service;
  double requestBytes = -1;
  double responseBytes = -1;
};

}  // namespace tsunagu::core
