#include "apps.hpp"

#include <algorithm>
#include <iostream>

namespace ref {

using namespace ns3;

namespace {
// Write at most this much per Send(): TCP splits it into segments anyway.
constexpr uint64_t kWriteChunk = 1 << 20;

Ptr<Socket> TcpSocketOn(Ptr<Node> node) {
  return Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
}

uint64_t ReadAll(Ptr<Socket> socket) {
  uint64_t bytes = 0;
  while (Ptr<Packet> packet = socket->Recv()) bytes += packet->GetSize();
  return bytes;
}

Ptr<Socket> Listen(Ptr<Node> node, uint16_t port) {
  Ptr<Socket> listener = TcpSocketOn(node);
  listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
  listener->Listen();
  return listener;
}
}  // namespace

BulkSender::BulkSender(Ptr<Node> node, InetSocketAddress to, uint64_t bytes)
    : node_(node), to_(to), remaining_(bytes) {}

void BulkSender::StartAt(Time at) {
  Simulator::Schedule(at, &BulkSender::Open, this);
}

void BulkSender::Open() {
  socket_ = TcpSocketOn(node_);
  socket_->Bind();
  socket_->SetConnectCallback(MakeCallback(&BulkSender::Connected, this),
                              MakeCallback(&BulkSender::Failed, this));
  connect_time_ = Simulator::Now();
  socket_->Connect(to_);
}

void BulkSender::Connected(Ptr<Socket> socket) {
  socket->SetSendCallback(MakeCallback(&BulkSender::Fill, this));
  Fill(socket, socket->GetTxAvailable());
}

void BulkSender::Failed(Ptr<Socket>) {
  std::cerr << "a bulk connection failed to open\n";
  std::exit(1);
}

void BulkSender::Fill(Ptr<Socket> socket, uint32_t) {
  while (remaining_ > 0 && socket->GetTxAvailable() > 0) {
    const uint64_t chunk = std::min<uint64_t>({remaining_, socket->GetTxAvailable(), kWriteChunk});
    const int sent = socket->Send(Create<Packet>(static_cast<uint32_t>(chunk)));
    if (sent <= 0) return;
    remaining_ -= sent;
  }
}

BulkReceiver::BulkReceiver(Ptr<Node> node, uint16_t port, uint64_t expected)
    : listener_(Listen(node, port)), expected_(expected) {
  listener_->SetAcceptCallback(MakeCallback(&BulkReceiver::Accept, this),
                               MakeCallback(&BulkReceiver::Accepted, this));
}

bool BulkReceiver::Accept(Ptr<Socket>, const Address&) {
  return true;
}

void BulkReceiver::Accepted(Ptr<Socket> socket, const Address&) {
  socket->SetRecvCallback(MakeCallback(&BulkReceiver::Read, this));
}

void BulkReceiver::Read(Ptr<Socket> socket) {
  const bool was_done = done();
  received_ += ReadAll(socket);
  if (!was_done && done()) done_time_ = Simulator::Now();
}

RequestServer::RequestServer(Ptr<Node> node, uint16_t port, uint32_t request_bytes,
                             uint32_t response_bytes, Time server_time)
    : listener_(Listen(node, port)),
      request_bytes_(request_bytes),
      response_bytes_(response_bytes),
      server_time_(server_time) {
  listener_->SetAcceptCallback(MakeCallback(&RequestServer::Accept, this),
                               MakeCallback(&RequestServer::Accepted, this));
}

bool RequestServer::Accept(Ptr<Socket>, const Address&) {
  return true;
}

void RequestServer::Accepted(Ptr<Socket> socket, const Address&) {
  unanswered_bytes_[PeekPointer(socket)] = 0;
  socket->SetRecvCallback(MakeCallback(&RequestServer::Read, this));
  socket->SetCloseCallbacks(MakeCallback(&RequestServer::PeerClosed, this),
                            MakeCallback(&RequestServer::PeerClosed, this));
}

void RequestServer::Read(Ptr<Socket> socket) {
  uint64_t& unanswered = unanswered_bytes_[PeekPointer(socket)];
  unanswered += ReadAll(socket);
  for (; unanswered >= request_bytes_; unanswered -= request_bytes_) {
    Simulator::Schedule(server_time_, &RequestServer::Respond, this, socket);
  }
}

void RequestServer::Respond(Ptr<Socket> socket) {
  if (socket->Send(Create<Packet>(response_bytes_)) != static_cast<int>(response_bytes_)) {
    std::cerr << "a response did not fit in the send buffer\n";
    std::exit(1);
  }
}

void RequestServer::PeerClosed(Ptr<Socket> socket) {
  unanswered_bytes_.erase(PeekPointer(socket));
  socket->Close();
}

PersistentClient::PersistentClient(Ptr<Node> node, InetSocketAddress server, uint32_t request_bytes,
                                   uint32_t response_bytes, std::vector<Transaction>* log)
    : node_(node),
      server_(server),
      request_bytes_(request_bytes),
      response_bytes_(response_bytes),
      log_(log) {}

void PersistentClient::OpenAt(Time at) {
  Simulator::Schedule(at, &PersistentClient::Open, this);
}

void PersistentClient::RequestAt(Time at) {
  Simulator::Schedule(at, &PersistentClient::Request, this);
}

void PersistentClient::Open() {
  socket_ = TcpSocketOn(node_);
  socket_->Bind();
  socket_->SetRecvCallback(MakeCallback(&PersistentClient::Read, this));
  socket_->Connect(server_);
}

void PersistentClient::Request() {
  outstanding_.push_back(log_->size());
  log_->push_back({Simulator::Now(), Time(), false});
  if (socket_->Send(Create<Packet>(request_bytes_)) != static_cast<int>(request_bytes_)) {
    std::cerr << "a request did not fit in the send buffer\n";
    std::exit(1);
  }
}

void PersistentClient::Read(Ptr<Socket> socket) {
  received_ += ReadAll(socket);
  while (answered_ < outstanding_.size() && received_ >= (answered_ + 1) * response_bytes_) {
    Transaction& done = (*log_)[outstanding_[answered_++]];
    done.end = Simulator::Now();
    done.finished = true;
  }
}

NewConnectionClient::NewConnectionClient(Ptr<Node> node, InetSocketAddress server,
                                         uint32_t request_bytes, uint32_t response_bytes,
                                         std::vector<Transaction>* log)
    : node_(node),
      server_(server),
      request_bytes_(request_bytes),
      response_bytes_(response_bytes),
      log_(log) {}

void NewConnectionClient::TransactAt(Time at) {
  Simulator::Schedule(at, &NewConnectionClient::Transact, this);
}

void NewConnectionClient::Transact() {
  Ptr<Socket> socket = TcpSocketOn(node_);
  socket->Bind();
  socket->SetConnectCallback(MakeCallback(&NewConnectionClient::Connected, this),
                             MakeCallback(&NewConnectionClient::Failed, this));
  socket->SetRecvCallback(MakeCallback(&NewConnectionClient::Read, this));
  open_[PeekPointer(socket)] = {socket, log_->size(), 0};
  log_->push_back({Simulator::Now(), Time(), false});
  socket->Connect(server_);
}

void NewConnectionClient::Connected(Ptr<Socket> socket) {
  if (socket->Send(Create<Packet>(request_bytes_)) != static_cast<int>(request_bytes_)) {
    std::cerr << "a request did not fit in the send buffer\n";
    std::exit(1);
  }
}

// The connection never opened (all SYN retries lost): the transaction stays unfinished.
void NewConnectionClient::Failed(Ptr<Socket> socket) {
  open_.erase(PeekPointer(socket));
}

void NewConnectionClient::Read(Ptr<Socket> socket) {
  auto it = open_.find(PeekPointer(socket));
  if (it == open_.end()) return;
  it->second.received += ReadAll(socket);
  if (it->second.received < response_bytes_) return;
  Transaction& done = (*log_)[it->second.index];
  done.end = Simulator::Now();
  done.finished = true;
  open_.erase(it);
  socket->Close();
}

}  // namespace ref
