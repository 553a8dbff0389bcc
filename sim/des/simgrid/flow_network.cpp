#include "sim/des/simgrid/flow_network.hpp"

#include <xbt/log.h>
#include <simgrid/s4u.hpp>

#include <array>
#include <map>
#include <stdexcept>

namespace sg4 = simgrid::s4u;

namespace tsunagu::des {

struct FlowNetwork::Impl {
  std::unique_ptr<sg4::Engine> engine;
  std::vector<sg4::SplitDuplexLink*> links;
  std::vector<std::pair<sg4::Host*, sg4::Host*>> endpoints;  // per path
  struct Flow {
    sg4::CommPtr comm;
    Done done;
    std::size_t path;
  };
  std::map<const sg4::Activity*, Flow> inFlight;
  std::vector<FlowPath> paths;
  std::vector<double> capacity;                 // bytes/s, as made
  std::vector<std::array<int, 2>> flowsOnLink;  // forward, backward

  void count(std::size_t path, int delta) {
    for (const auto& hop : paths[path].hops) flowsOnLink[hop.link][hop.forward ? 0 : 1] += delta;
  }
};

namespace {

// SimGrid wants argc/argv; the configuration is set here, not from the command line.
sg4::Engine* makeEngine() {
  static int argc = 1;
  static char name[] = "tsunagu";
  static char* argv[] = {name, nullptr};
  auto* engine = new sg4::Engine(&argc, argv);
  xbt_log_control_set("xbt_cfg.thres:warning");  // the configuration below is ours, not news
  sg4::Engine::set_config("network/model:CM02");
  sg4::Engine::set_config("network/crosstraffic:0");
  // CM02 caps a flow at TCP-gamma / (2 x latency) when links carry latency (RTT-aware
  // sharing); windows are not what this model limits, so the cap is lifted.
  sg4::Engine::set_config("network/TCP-gamma:1e15");
  return engine;
}

}  // namespace

FlowNetwork::FlowNetwork(const std::vector<FlowLink>& links, const std::vector<FlowPath>& paths,
                         bool rttAware)
    : impl_(std::make_unique<Impl>()) {
  impl_->paths = paths;
  impl_->flowsOnLink.assign(links.size(), {0, 0});
  impl_->engine.reset(makeEngine());
  auto* zone = sg4::create_full_zone("tsunagu");
  for (const auto& link : links) impl_->capacity.push_back(link.capacityBitsPerSecond / 8.0);
  for (const auto& link : links)
    impl_->links.push_back(static_cast<sg4::SplitDuplexLink*>(
        zone->create_split_duplex_link(link.name, link.capacityBitsPerSecond / 8.0)
            ->set_latency(rttAware ? link.latencySeconds : 0.0)
            ->seal()));
  for (std::size_t p = 0; p < paths.size(); ++p) {
    sg4::Host* from = zone->create_host("path-" + std::to_string(p) + "-from", 1e9)->seal();
    sg4::Host* to = zone->create_host("path-" + std::to_string(p) + "-to", 1e9)->seal();
    std::vector<sg4::LinkInRoute> route;
    for (const auto& hop : paths[p].hops)
      route.emplace_back(impl_->links.at(hop.link), hop.forward
                                                        ? sg4::LinkInRoute::Direction::UP
                                                        : sg4::LinkInRoute::Direction::DOWN);
    zone->add_route(from->get_netpoint(), to->get_netpoint(), nullptr, nullptr, route, false);
    impl_->endpoints.push_back({from, to});
  }
  zone->seal();
  Impl* impl = impl_.get();
  sg4::Activity::on_completion_cb([impl](const sg4::Activity& activity) {
    auto it = impl->inFlight.find(&activity);
    if (it == impl->inFlight.end()) return;
    Done done = std::move(it->second.done);
    impl->count(it->second.path, -1);
    bool finished = activity.get_state() == sg4::Activity::State::FINISHED;
    impl->inFlight.erase(it);
    done(finished ? FlowEnd::Finished : FlowEnd::Failed, sg4::Engine::get_clock());
  });
}

// Flows still under way when a window ends are cancelled quietly: the window is over, nobody
// waits for them (and SimGrid complains about comms freed while running).
FlowNetwork::~FlowNetwork() {
  std::vector<sg4::CommPtr> running;
  for (auto& [activity, flow] : impl_->inFlight) running.push_back(flow.comm);
  impl_->inFlight.clear();
  for (auto& comm : running) comm->cancel();
}

void FlowNetwork::startFlow(std::size_t path, double bytes, Done done) {
  auto [from, to] = impl_->endpoints.at(path);
  sg4::CommPtr comm = sg4::Comm::sendto_init(from, to);
  comm->set_payload_size(std::uint64_t(bytes));
  impl_->inFlight[comm.get()] = {comm, std::move(done), path};
  impl_->count(path, +1);
  comm->start();
}

void FlowNetwork::runUntil(double time) {
  if (time > sg4::Engine::get_clock()) impl_->engine->run_until(time);
}

double FlowNetwork::now() const {
  return sg4::Engine::get_clock();
}

std::size_t FlowNetwork::flowsInFlight() const {
  return impl_->inFlight.size();
}

double FlowNetwork::usage(std::size_t link, bool forward) const {
  auto* duplex = impl_->links.at(link);
  return (forward ? duplex->get_link_up() : duplex->get_link_down())->get_usage();
}

int FlowNetwork::flowsOn(std::size_t link, bool forward) const {
  return impl_->flowsOnLink.at(link)[forward ? 0 : 1];
}

double FlowNetwork::capacityBytesPerSecond(std::size_t link) const {
  return impl_->capacity.at(link);
}

double FlowNetwork::bandwidth(std::size_t link, bool forward) const {
  auto* duplex = impl_->links.at(link);
  return (forward ? duplex->get_link_up() : duplex->get_link_down())->get_bandwidth();
}

void FlowNetwork::setBandwidth(std::size_t link, bool forward, double bytesPerSecond) {
  auto* duplex = impl_->links.at(link);
  (forward ? duplex->get_link_up() : duplex->get_link_down())->set_bandwidth(bytesPerSecond);
}

void FlowNetwork::setLinkUp(std::size_t link, bool up) {
  auto* duplex = impl_->links.at(link);
  for (sg4::Link* direction : {duplex->get_link_up(), duplex->get_link_down()}) {
    if (up)
      direction->turn_on();
    else
      direction->turn_off();
  }
  impl_->engine->run_until(sg4::Engine::get_clock());  // let the failed flows end now
}

}  // namespace tsunagu::des
