#pragma once

#include <cstdint>
#include <deque>
#include <functional>

#include "sim/core/random_stream.hpp"
#include "sim/des/core/event_scheduler.hpp"

namespace tsunagu::des {

using core::drawByCv;
using core::RandomStream;

// A pool of identical servers with one first-come-first-served queue: a central service's
// servers in the DES. Service times are drawn by mean and coefficient of variation.
class ServerPool {
 public:
  using Done = std::function<void(double waitSeconds, double serviceSeconds)>;
  // Whether a waiting job is still wanted when a server comes free: a client that gave up has
  // gone, and no server works on its request.
  using Wanted = std::function<bool()>;

  ServerPool(EventScheduler& scheduler, int servers, double meanServiceSeconds, double serviceCv,
             RandomStream stream);

  void submit(Done done, Wanted wanted = {});
  // Servers lost (or regained) at the current time; jobs in service finish first.
  void setServers(int servers);

  int servers() const { return servers_; }
  int busy() const { return busy_; }
  size_t queueLength() const { return waiting_.size(); }  // abandoned jobs leave lazily
  std::uint64_t abandoned() const { return abandoned_; }

 private:
  struct Waiting {
    double arrival;
    Done done;
    Wanted wanted;
  };
  void start(double arrival, Done done);
  void finished();
  void dispatch();  // start waiting jobs while servers are free

  EventScheduler& scheduler_;
  int servers_;
  int busy_ = 0;
  double meanService_, serviceCv_;
  RandomStream stream_;
  std::deque<Waiting> waiting_;
  std::uint64_t abandoned_ = 0;
};

}  // namespace tsunagu::des
