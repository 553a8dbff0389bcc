#pragma once

#include <string>
#include <vector>

#include "sim/analytic/plan_result.hpp"
#include "sim/des/engine/window_simulation.hpp"

namespace tsunagu::io {

// The planner and the discrete-event engine on the same links over the DES's measured hours,
// as shares of each link's capacity (busier direction): the planner's hourly mean and its
// busiest interval at the peak rule's percentile, beside the DES's mean and busiest step.
struct LinkAgreementRow {
  std::string link;
  double capacityBps = 0;
  double plannerMean = 0;      // mean of the hourly means over the measured hours
  double plannerPeak1min = 0;  // the largest busiest-minute peak of those hours
  double plannerPeakStep = 0;  // the same at the DES's step (1 or 5 minutes, the nearer)
  double desMean = 0, desBusiestStep = 0;
  bool meanOutside = false;  // the means differ by more than the tolerance
  bool peakOutside = false;  // the DES's busiest step exceeds the planner's peak + tolerance
  bool outside() const { return meanOutside || peakOutside; }
};

// The tolerance: relative 25% of the planner's figure, at least 1% of the link's capacity.
// The DES's hourly mean of a link carrying N messages an hour scatters by about
// sqrt((1 + cv^2) / N); 25% covers a few dozen bulk transfers, and the floor keeps links that
// carry almost nothing (most backbone links run near 1%) from being flagged for noise. The
// peak check is one-sided: the planner's figure is a p95 bound, so a quieter DES day agrees.
struct AgreementTolerance {
  double relative = 0.25;
  double absolute = 0.01;  // of capacity
  double of(double plannerValue) const;
};

struct LinkAgreement {
  AgreementTolerance tolerance;
  double stepSeconds = 0;
  double peakPercentile = 0;
  int hours = 0;                       // measured hours compared
  std::vector<LinkAgreementRow> rows;  // links outside the tolerance first, then busiest first
  int disagreeing() const;
};

LinkAgreement compareLinks(const analytic::PlanResult& plan, const des::WindowResult& window,
                           const AgreementTolerance& tolerance = {});

class Hdf5Writer;
// The group `agreement` (docs/output-format.md).
void writeLinkAgreement(Hdf5Writer& out, const LinkAgreement& agreement);

}  // namespace tsunagu::io
