// The message pattern of a simulated day in plain SimGrid, for comparison with tsunagu's
// engine: every transaction a request and a response comm between a facility host and a data
// center host over a star platform (one access link per facility, one data-center link),
// driven from maestro with a fixed number of transactions in flight at once.
//
// Usage: plain_simgrid TRANSACTIONS [FACILITIES] [IN_FLIGHT]
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s TRANSACTIONS [FACILITIES] [IN_FLIGHT]\n", argv[0]);
    return 2;
  }
  long transactions = std::atol(argv[1]);
  int facilities = argc > 2 ? std::atoi(argv[2]) : 10000;
  int inFlight = argc > 3 ? std::atoi(argv[3]) : 1000;
  int simArgc = 1;
  sg4::Engine engine(&simArgc, argv);
  xbt_log_control_set("xbt_cfg.thres:warning");
  sg4::Engine::set_config("network/model:CM02");
  sg4::Engine::set_config("network/crosstraffic:0");
  auto started = std::chrono::steady_clock::now();
  auto* zone = sg4::create_star_zone("japan");
  sg4::Host* datacenter = zone->create_host("dc", 1e9)->seal();
  sg4::Link* dcLink = zone->create_link("dc-link", 1.25e9)->set_latency(0.002)->seal();
  zone->add_route(datacenter->get_netpoint(), nullptr, nullptr, nullptr, {sg4::LinkInRoute(dcLink)}, true);
  std::vector<sg4::Host*> hosts;
  for (int f = 0; f < facilities; ++f) {
    std::string id = std::to_string(f);
    sg4::Host* host = zone->create_host(std::string("f").append(id), 1e9)->seal();
    sg4::Link* access = zone->create_link(std::string("a").append(id), 1.25e8)->set_latency(0.005)->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, {sg4::LinkInRoute(access)}, true);
    hosts.push_back(host);
  }
  zone->seal();
  long started_ = 0, done = 0;
  std::map<const sg4::Activity*, std::pair<sg4::CommPtr, int>> comms;  // comm -> (ptr, facility or -1)
  auto send = [&](sg4::Host* from, sg4::Host* to, double bytes, int facility) {
    sg4::CommPtr comm = sg4::Comm::sendto_init(from, to);
    comm->set_payload_size(std::uint64_t(bytes));
    comms[comm.get()] = {comm, facility};
    comm->start();
  };
  auto startTransaction = [&] {
    int f = int(started_++ % facilities);
    send(hosts[size_t(f)], datacenter, 1500, f);
  };
  sg4::Activity::on_completion_cb([&](const sg4::Activity& activity) {
    auto it = comms.find(&activity);
    if (it == comms.end()) return;
    int facility = it->second.second;
    comms.erase(it);
    if (facility >= 0) {
      send(datacenter, hosts[size_t(facility)], 7500, -1);  // the response
      return;
    }
    ++done;
    if (started_ < transactions) startTransaction();
  });
  for (int i = 0; i < inFlight && started_ < transactions; ++i) startTransaction();
  engine.run();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("plain SimGrid: %ld transactions (%ld messages) in %.2f s: %.0f messages/s\n", done, 2 * done,
              seconds, 2.0 * double(done) / seconds);
  return done == transactions ? 0 : 1;
}
