// The applications of the reference cases, written on raw ns-3 TCP sockets so that each clock
// starts and stops exactly where README.md says: bulk transfers and request/response.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"

namespace ref {

// Sends `bytes` on one connection; the send buffer is kept full until all are written.
class BulkSender {
 public:
  BulkSender(ns3::Ptr<ns3::Node> node, ns3::InetSocketAddress to, uint64_t bytes);
  // Calls connect() at `at`.
  void StartAt(ns3::Time at);
  ns3::Time connect_time() const { return connect_time_; }

 private:
  void Open();
  void Connected(ns3::Ptr<ns3::Socket> socket);
  void Failed(ns3::Ptr<ns3::Socket> socket);
  void Fill(ns3::Ptr<ns3::Socket> socket, uint32_t available);

  ns3::Ptr<ns3::Node> node_;
  ns3::InetSocketAddress to_;
  uint64_t remaining_;
  ns3::Ptr<ns3::Socket> socket_;
  ns3::Time connect_time_;
};

// Accepts one connection on `port` and counts the bytes the application reads.
class BulkReceiver {
 public:
  BulkReceiver(ns3::Ptr<ns3::Node> node, uint16_t port, uint64_t expected);
  uint64_t received() const { return received_; }
  bool done() const { return received_ >= expected_; }
  // When the application read the last expected byte.
  ns3::Time done_time() const { return done_time_; }

 private:
  bool Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
  void Accepted(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
  void Read(ns3::Ptr<ns3::Socket> socket);

  ns3::Ptr<ns3::Socket> listener_;
  uint64_t expected_;
  uint64_t received_ = 0;
  ns3::Time done_time_;
};

// Answers every complete request of `request_bytes` with `response_bytes`, `server_time`
// after the request's last byte was read; closes when the client closes.
class RequestServer {
 public:
  RequestServer(ns3::Ptr<ns3::Node> node, uint16_t port, uint32_t request_bytes,
                uint32_t response_bytes, ns3::Time server_time);

 private:
  bool Accept(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
  void Accepted(ns3::Ptr<ns3::Socket> socket, const ns3::Address& from);
  void Read(ns3::Ptr<ns3::Socket> socket);
  void Respond(ns3::Ptr<ns3::Socket> socket);
  void PeerClosed(ns3::Ptr<ns3::Socket> socket);

  ns3::Ptr<ns3::Socket> listener_;
  uint32_t request_bytes_;
  uint32_t response_bytes_;
  ns3::Time server_time_;
  std::map<ns3::Socket*, uint64_t> unanswered_bytes_;
};

// One transaction's clock: start, and end once the last response byte was read.
struct Transaction {
  ns3::Time start;
  ns3::Time end;
  bool finished = false;
  double LatencyMs() const { return (end - start).GetSeconds() * 1e3; }
};

// Request/response over one connection opened first; requests are written when they arrive
// (pipelined if the previous response has not come back) and answered in order.
// Latency: request written -> last response byte read.
class PersistentClient {
 public:
  PersistentClient(ns3::Ptr<ns3::Node> node, ns3::InetSocketAddress server, uint32_t request_bytes,
                   uint32_t response_bytes, std::vector<Transaction>* log);
  void OpenAt(ns3::Time at);
  void RequestAt(ns3::Time at);

 private:
  void Open();
  void Request();
  void Read(ns3::Ptr<ns3::Socket> socket);

  ns3::Ptr<ns3::Node> node_;
  ns3::InetSocketAddress server_;
  uint32_t request_bytes_;
  uint32_t response_bytes_;
  std::vector<Transaction>* log_;
  ns3::Ptr<ns3::Socket> socket_;
  std::vector<std::size_t> outstanding_;  // indexes into *log_, oldest first
  std::size_t answered_ = 0;
  uint64_t received_ = 0;
};

// Request/response on a new connection each: connect(), write the request once connected,
// read the response, close. Latency: connect() -> last response byte read.
class NewConnectionClient {
 public:
  NewConnectionClient(ns3::Ptr<ns3::Node> node, ns3::InetSocketAddress server,
                      uint32_t request_bytes, uint32_t response_bytes,
                      std::vector<Transaction>* log);
  void TransactAt(ns3::Time at);

 private:
  void Transact();
  void Connected(ns3::Ptr<ns3::Socket> socket);
  void Failed(ns3::Ptr<ns3::Socket> socket);
  void Read(ns3::Ptr<ns3::Socket> socket);

  struct Open {
    ns3::Ptr<ns3::Socket> socket;  // keeps the socket alive until the response is read
    std::size_t index;             // into *log_
    uint32_t received;
  };
  ns3::Ptr<ns3::Node> node_;
  ns3::InetSocketAddress server_;
  uint32_t request_bytes_;
  uint32_t response_bytes_;
  std::vector<Transaction>* log_;
  std::map<ns3::Socket*, Open> open_;
};

}  // namespace ref
