#pragma once

// One direction of a link as the messages of transactions see it: a FIFO of bytes in front of
// the line (Lindley's recursion: a message waits until those before it have left), the
// standing queue that elastic bulk flows keep in a DropTail buffer, and the loss when a packet
// finds the buffer full. With FQ-CoDel a message is a flow of its own: it does not wait behind
// the bulk flows' queue, but past its first packet it shares the line with them in turn.
//
// Transactions are small and their sources do not back off, so they take the line ahead of
// the elastic flows, which get what is left (the engine lowers their links' bandwidth by the
// transactions' recent load).

#include "models/network/transport.hpp"

namespace tsunagu::des {

// What the elastic flows on this link direction do right now.
struct BulkLoad {
  int flows = 0;
  bool saturated = false;       // they fill the link: their queue stands
  double roundTripSeconds = 0;  // theirs (the engine uses the message's own route)
};

struct Passage {
  double waitSeconds = 0;      // in the queue
  double transferSeconds = 0;  // onto the line, at the share it gets
  bool lost = false;           // its first packet found the buffer full
};

class LinkQueue {
 public:
  LinkQueue(double bytesPerSecond, const QueueSettings& queue, const TransportSettings& transport);

  // A message of `bytes` reaching the queue at `now` (never earlier than the last call).
  Passage pass(double now, double bytes, const BulkLoad& bulk);
  // The bytes the elastic flows keep queued at `now` (DropTail), from NewReno's sawtooth.
  double standingBytes(double now, const BulkLoad& bulk) const;
  double bytesPerSecond() const { return rate_; }
  double bufferBytes() const { return buffer_; }

 private:
  double rate_;
  double buffer_;
  QueueDiscipline discipline_;
  double packetBytes_;
  double segmentBytes_;
  double freeAt_ = 0;  // when the messages queued so far have left
};

}  // namespace tsunagu::des
