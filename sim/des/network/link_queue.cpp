#include "sim/des/network/link_queue.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagu::des {

LinkQueue::LinkQueue(double bytesPerSecond, const QueueSettings& queue,
                     const TransportSettings& transport)
    : rate_(bytesPerSecond),
      buffer_(std::max(queue.bufferFor(bytesPerSecond), transport.packetBytes())),
      discipline_(queue.discipline),
      packetBytes_(transport.packetBytes()),
      segmentBytes_(transport.segmentBytes) {}

// k NewReno flows filling a link of bandwidth-delay product P and buffer B: together their
// windows reach P + B, then the one that loses a packet halves its own, so the sum falls by
// (P + B) / 2k and grows back by k segments a round trip. The queue holds what the windows
// put beyond P. Desynchronised flows and a sawtooth phase set by the clock are assumptions
// (docs/model-reference.md).
double LinkQueue::standingBytes(double now, const BulkLoad& bulk) const {
  if (discipline_ != QueueDiscipline::DropTail || !bulk.saturated || bulk.flows <= 0) return 0;
  double k = bulk.flows;
  double product = rate_ * bulk.roundTripSeconds;
  double top = product + buffer_;
  double drop = top / (2 * k);
  double rounds = std::max(1.0, drop / (k * segmentBytes_));
  double round = bulk.roundTripSeconds + buffer_ / (2 * rate_);
  double phase = std::fmod(now / (rounds * round), 1.0);
  double window = top - drop + drop * phase;
  return std::clamp(window - product, 0.0, buffer_);
}

Passage LinkQueue::pass(double now, double bytes, const BulkLoad& bulk) {
  freeAt_ = std::max(freeAt_, now);
  Passage passage;
  double queued = (freeAt_ - now) * rate_ + standingBytes(now, bulk);
  if (queued + std::min(bytes, packetBytes_) > buffer_) {
    passage.lost = true;
    return passage;
  }
  passage.waitSeconds = queued / rate_;
  passage.transferSeconds = bytes / rate_;
  if (discipline_ == QueueDiscipline::FqCodel && bulk.saturated)  // later packets take turns
    passage.transferSeconds += bulk.flows * std::max(0.0, bytes - packetBytes_) / rate_;
  freeAt_ += bytes / rate_;
  return passage;
}

}  // namespace tsunagu::des
