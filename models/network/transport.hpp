#pragma once

// How messages and flows use the network beyond raw bandwidth: TCP's connection setup, its
// slow start, its share of a line (headers, RTT bias), and the queue in front of each link.
// These drive the discrete-event engine; the planner only uses the bandwidth factor.

#include <map>
#include <optional>
#include <string>

#include "models/core/quantities.hpp"

namespace tsunagu {

// What a transaction pays before its request can go: nothing on a connection kept open,
// one round trip for TCP's handshake, one more for TLS 1.3 and two more for TLS 1.2.
enum class ConnectionSetup { Persistent, Tcp, Tls13, Tls12 };
const char* connectionSetupName(ConnectionSetup setup);
std::optional<ConnectionSetup> parseConnectionSetup(const std::string& name);
int setupRoundTrips(ConnectionSetup setup);

struct TransportSettings {
  ConnectionSetup connection = ConnectionSetup::Persistent;
  int initialWindowSegments = 10;  // RFC 6928
  double segmentBytes = 1460;      // MSS on a 1500-byte Ethernet MTU
  // TCP and IP headers (40) and Ethernet framing on the wire (header 14, FCS 4, preamble 8,
  // inter-frame gap 12): 1460 of every 1538 bytes are payload, 94.9% of the line rate.
  double headerBytes = 78;
  bool slowStart = true;
  bool rttAwareSharing = false;        // flows with longer round trips get less of a shared link
  Duration minRetransmitTimeout{0.2};  // Linux's RTO floor
  double bandwidthFactor() const { return segmentBytes / (segmentBytes + headerBytes); }
  double packetBytes() const { return segmentBytes + headerBytes; }
};

// The queue in front of each direction of each link. DropTail: a FIFO of `bufferBytes` that
// elastic flows keep near full; FQ-CoDel: a queue per flow served in turn, which keeps the
// flows' standing queue short and lets small messages pass first.
enum class QueueDiscipline { DropTail, FqCodel };
const char* queueDisciplineName(QueueDiscipline discipline);

struct QueueSettings {
  QueueDiscipline discipline = QueueDiscipline::DropTail;
  // The buffer in seconds of the link's own rate (a router's sizing rule), or in bytes when
  // `bufferBytes` is set (from a size or a packet count).
  double bufferSeconds = 0.05;
  std::optional<double> bufferBytes;
  double bufferFor(double bytesPerSecond) const {
    return bufferBytes ? *bufferBytes : bufferSeconds * bytesPerSecond;
  }
  Duration codelTarget{0.005};  // FQ-CoDel's target sojourn time of a flow's queue
};

struct NetworkTransport {
  TransportSettings defaults;
  std::map<std::string, TransportSettings> perService;  // overrides, complete
  QueueSettings queue;
  const TransportSettings& forService(const std::string& service) const {
    auto it = perService.find(service);
    return it == perService.end() ? defaults : it->second;
  }
};

}  // namespace tsunagu
