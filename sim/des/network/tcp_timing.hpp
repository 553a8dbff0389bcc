#pragma once

// What TCP adds to a transfer beyond bytes over bandwidth: the handshakes before the first
// byte and slow start's ramp from the initial window.

#include <algorithm>
#include <cmath>

#include "models/network/transport.hpp"

namespace tsunagu::des {

inline double setupSeconds(const TransportSettings& transport, double roundTripSeconds) {
  return setupRoundTrips(transport.connection) * roundTripSeconds;
}

// How much later than a fluid transfer at `bytesPerSecond` a fresh connection delivers `bytes`:
// the window starts at W0 (the initial window) and grows g-fold every round trip until it
// covers the bandwidth-delay product. After r waiting rounds, W0 (g^r - 1) / (g - 1) bytes have
// left: the delay is r·RTT less the time those bytes take at the rate.
inline double slowStartPenalty(double bytes, double bytesPerSecond, double roundTripSeconds,
                               const TransportSettings& transport) {
  if (!transport.slowStart || bytes <= 0 || bytesPerSecond <= 0 || roundTripSeconds <= 0) return 0;
  double g = transport.slowStartGrowth;
  double initial = transport.initialWindowSegments * transport.segmentBytes;
  double product = bytesPerSecond * roundTripSeconds;
  auto sentAfter = [&](double rounds) { return initial * (std::pow(g, rounds) - 1) / (g - 1); };
  double toFill = product > initial ? std::ceil(std::log(product / initial) / std::log(g)) : 0.0;
  double toSend = std::ceil(std::log(bytes * (g - 1) / initial + 1) / std::log(g)) - 1;
  double rounds = std::max(0.0, std::min(toFill, toSend));
  return std::max(0.0, rounds * roundTripSeconds - sentAfter(rounds) / bytesPerSecond);
}

}  // namespace tsunagu::des
