#pragma once

// What a bottleneck gives its flows after one of them leaves. A fluid model hands the freed
// share to the others at once; TCP does not: in congestion avoidance each window grows by
// (g - 1) segments a round trip (g the slow-start growth: 2 with an ACK per segment, 1.5 with
// delayed ACKs), so a flow's rate climbs by (g - 1)·MSS / RTT² per second, and the link is
// under-used until the flows that stay have grown into the freed share. The ramp is that
// climb for the link as a whole: it starts at what the others were using and rises at the sum
// of their slopes until it reaches what the link may give.
//
// What it leaves out: it assumes every flow that stays was held by this link (a flow held
// elsewhere does not take up the share); a newcomer's slow start fills the gap (see cancel).

#include <algorithm>
#include <limits>

namespace tsunagu::des {

class RefillRamp {
 public:
  // A flow left a link that gave its flows `current` bytes/s; `flowsLeft` flows stay, whose
  // rates climb at `slope` bytes/s² together. Ramps shorter than `shortest` seconds are not
  // worth their events: the link is given back at once.
  void depart(double now, double current, int flowsLeft, double slope, double shortest) {
    if (flowsLeft <= 0 || slope <= 0 || current <= 0) return cancel();
    double from = std::min(current, ceiling(now));
    double freed = from / (flowsLeft + 1);
    double duration = freed / slope;
    if (duration < shortest) return cancel();
    start_ = now;
    base_ = from - freed;
    slope_ = slope;
    end_ = now + duration;
    ++generation_;
  }

  // A new flow's slow start takes the spare capacity within the time it is already charged.
  void cancel() {
    end_ = -std::numeric_limits<double>::infinity();
    ++generation_;
  }

  bool active(double t) const { return t < end_; }
  double start() const { return start_; }
  double end() const { return end_; }
  // What the flows may use at time t; infinite once the ramp is over.
  double ceiling(double t) const {
    if (!active(t)) return std::numeric_limits<double>::infinity();
    return base_ + slope_ * std::max(0.0, t - start_);
  }
  // Identifies the ramp in force, so that the steps of an older one do nothing.
  unsigned generation() const { return generation_; }

 private:
  double start_ = 0, base_ = 0, slope_ = 0;
  double end_ = -std::numeric_limits<double>::infinity();
  unsigned generation_ = 0;
};

// How fast one flow's rate grows in congestion avoidance, bytes/s².
inline double refillSlope(double segmentBytes, double slowStartGrowth, double roundTripSeconds) {
  if (roundTripSeconds <= 0 || slowStartGrowth <= 1) return 0;
  return (slowStartGrowth - 1) * segmentBytes / (roundTripSeconds * roundTripSeconds);
}

}  // namespace tsunagu::des
