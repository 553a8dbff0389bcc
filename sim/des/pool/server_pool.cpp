#include "sim/des/pool/server_pool.hpp"

namespace tsunagu::des {

ServerPool::ServerPool(EventScheduler& scheduler, int servers, double meanServiceSeconds,
                       double serviceCv, RandomStream stream)
    : scheduler_(scheduler),
      servers_(servers),
      meanService_(meanServiceSeconds),
      serviceCv_(serviceCv),
      stream_(stream) {}

void ServerPool::submit(Done done, Wanted wanted) {
  if (busy_ < servers_) {
    start(scheduler_.now(), std::move(done));
    return;
  }
  waiting_.push_back({scheduler_.now(), std::move(done), std::move(wanted)});
}

void ServerPool::start(double arrival, Done done) {
  ++busy_;
  double service = drawByCv(stream_, meanService_, serviceCv_);
  double wait = scheduler_.now() - arrival;
  scheduler_.after(service, [this, wait, service, done = std::move(done)] {
    done(wait, service);
    finished();
  });
}

void ServerPool::finished() {
  --busy_;
  dispatch();
}

void ServerPool::dispatch() {
  while (busy_ < servers_ && !waiting_.empty()) {
    Waiting next = std::move(waiting_.front());
    waiting_.pop_front();
    if (next.wanted && !next.wanted()) {
      ++abandoned_;
      continue;
    }
    start(next.arrival, std::move(next.done));
  }
}

void ServerPool::setServers(int servers) {
  servers_ = servers;
  dispatch();
}

}  // namespace tsunagu::des
