// network.transport, network.queue and a service's own transport: TCP's behaviour and the
// link queues the discrete-event engine models.

#include <algorithm>
#include <regex>

#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

void readTransport(const ConfigNode& node, const std::string& path, TransportSettings& t) {
  MapReader spec(node, path,
                 {"connection", "initial_window", "mss", "header_bytes", "slow_start", "rtt_aware",
                  "min_rto"});
  if (auto* v = spec.find("connection"))
    t.connection = *parseConnectionSetup(readChoice(
        *v, path + ".connection", {"persistent", "tcp", "tls1.3", "tls1.2"}, "connection setup"));
  if (auto* v = spec.find("initial_window"))
    t.initialWindowSegments = int(readInteger(*v, path + ".initial_window", 1, 1000));
  if (auto* v = spec.find("mss")) {
    t.segmentBytes = readByteSize(*v, path + ".mss").bytes;
    if (t.segmentBytes < 88 || t.segmentBytes > 65495)
      fail(*v, path + ".mss", "expected a segment size from 88 B to 65,495 B");
  }
  if (auto* v = spec.find("header_bytes")) {
    t.headerBytes = readByteSize(*v, path + ".header_bytes").bytes;
    if (t.headerBytes > 1000) fail(*v, path + ".header_bytes", "expected 0 B to 1,000 B");
  }
  if (auto* v = spec.find("slow_start")) t.slowStart = readBool(*v, path + ".slow_start");
  if (auto* v = spec.find("rtt_aware")) t.rttAwareSharing = readBool(*v, path + ".rtt_aware");
  if (auto* v = spec.find("min_rto")) {
    t.minRetransmitTimeout = readDuration(*v, path + ".min_rto");
    if (t.minRetransmitTimeout.seconds < 0.001 || t.minRetransmitTimeout.seconds > 60)
      fail(*v, path + ".min_rto", "expected a timeout from 1ms to 60s");
  }
}

namespace {

// "100 packets", a size ("150KB") or a time at the link's rate ("50ms").
void readBuffer(const ConfigNode& node, const std::string& path, QueueSettings& queue,
                double packetBytes) {
  static const std::regex packets(R"(\s*([0-9][0-9,]*)\s*packets?\s*)");
  std::smatch match;
  if (node.isScalar() && std::regex_match(node.scalar, match, packets)) {
    std::string digits = match[1];
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
    double count = std::stod(digits);
    if (count < 1 || count > 1e7) fail(node, path, "expected 1 to 10,000,000 packets");
    queue.bufferBytes = count * packetBytes;
    return;
  }
  if (node.isScalar() && std::regex_search(node.scalar, std::regex("[0-9]\\s*[mun]?s\\s*$"))) {
    queue.bufferSeconds = readDuration(node, path).seconds;
    if (queue.bufferSeconds <= 0 || queue.bufferSeconds > 10)
      fail(node, path, "expected a buffer of more than 0s and at most 10s of the line rate");
    return;
  }
  ByteSize size = readByteSize(node, path);
  if (size.bytes < 1 || size.bytes > 1e10)
    fail(node, path, "expected a buffer in packets (\"100 packets\"), a size or a time (\"50ms\")");
  queue.bufferBytes = size.bytes;
}

}  // namespace

void readQueue(const ConfigNode& node, Scenario& scenario) {
  MapReader spec(node, "network.queue", {"discipline", "buffer", "codel_target"});
  QueueSettings& queue = scenario.network.transport.queue;
  if (auto* v = spec.find("discipline"))
    queue.discipline = readChoice(*v, "network.queue.discipline", {"droptail", "fq-codel"},
                                  "queue discipline") == "droptail"
                           ? QueueDiscipline::DropTail
                           : QueueDiscipline::FqCodel;
  if (auto* v = spec.find("buffer"))
    readBuffer(*v, "network.queue.buffer", queue,
               scenario.network.transport.defaults.packetBytes());
  if (auto* v = spec.find("codel_target")) {
    queue.codelTarget = readDuration(*v, "network.queue.codel_target");
    if (queue.codelTarget.seconds <= 0 || queue.codelTarget.seconds > 1)
      fail(*v, "network.queue.codel_target", "expected more than 0s and at most 1s");
  }
}

}  // namespace tsunagu::io::sections
