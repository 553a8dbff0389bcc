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
// the window starts at the initial window and doubles every round trip until it covers the
// bandwidth-delay product. The last of r waiting rounds leaves r round trips behind, less the
// bytes those rounds carried: r·RTT − W0·(2^r − 1)/rate.
inline double slowStartPenalty(double bytes, double bytesPerSecond, double roundTripSeconds,
                               const TransportSettings& transport) {
  if (!transport.slowStart || bytes <= 0 || bytesPerSecond <= 0 || roundTripSeconds <= 0) return 0;
  double initial = transport.initialWindowSegments * transport.segmentBytes;
  double product = bytesPerSecond * roundTripSeconds;
  double toFill = product > initial ? std::ceil(std::log2(product / initial)) : 0.0;
  double toSend = std::ceil(std::log2(bytes / initial + 1)) - 1;
  double rounds = std::max(0.0, std::min(toFill, toSend));
  return std::max(
      0.0, rounds * roundTripSeconds - initial * (std::pow(2.0, rounds) - 1) / bytesPerSecond);
}

}  // namespace tsunagu::des
