#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tsunagu::des {

struct FlowLink {
  std::string name;
  double capacityBitsPerSecond = 0;  // in each direction
  double latencySeconds = 0;         // one way; given to SimGrid only for RTT-aware sharing
};

// A route through the links; each link is crossed forward (as the link was declared) or back.
struct FlowPath {
  struct Hop {
    std::size_t link;
    bool forward;
  };
  std::vector<Hop> hops;
};

enum class FlowEnd { Finished, Failed };

// SimGrid as the engine's bandwidth-sharing solver: bulk flows and streams share the links
// max-min (CM02 without correction factors). The links carry no latency here: CM02 weights a
// flow's share by its round-trip time, and the model wants plain max-min fair shares, so the
// engine adds each path's propagation latency itself. Routes are ours: every path gets its own
// pair of hosts, so the engine re-routes by choosing another path. All SimGrid calls of
// tsunagu live in this folder; the Engine is a process-wide singleton, one FlowNetwork a
// process.
class FlowNetwork {
 public:
  using Done = std::function<void(FlowEnd end, double time)>;

  // `rttAware`: the links carry their latency, so that CM02 gives each flow a share in inverse
  // proportion to its path's latency, and a flow's end includes that latency once.
  FlowNetwork(const std::vector<FlowLink>& links, const std::vector<FlowPath>& paths,
              bool rttAware = false);
  ~FlowNetwork();
  FlowNetwork(const FlowNetwork&) = delete;
  FlowNetwork& operator=(const FlowNetwork&) = delete;

  // Starts a flow of `bytes` on `path` now. Comm::set_rate does not bound host-to-host comms in
  // SimGrid 3.32: a flow whose rate is capped (a stream) takes a path that ends in a private
  // link of that capacity (see WindowModelBuilder).
  void startFlow(std::size_t path, double bytes, Done done);
  // Runs the flows until `time`; finished and failed flows call their Done in time order.
  void runUntil(double time);
  double now() const;
  std::size_t flowsInFlight() const;

  // The bandwidth the flows use on a link direction right now, bytes/s, and how many cross it.
  double usage(std::size_t link, bool forward) const;
  int flowsOn(std::size_t link, bool forward) const;
  // The capacity the link was made with (flows may be getting less: setBandwidth).
  double capacityBytesPerSecond(std::size_t link) const;
  // What the flows may share of one direction from now on: the capacity less the traffic the
  // engine carries outside SimGrid (transactions).
  void setBandwidth(std::size_t link, bool forward, double bytesPerSecond);
  double bandwidth(std::size_t link, bool forward) const;
  // A failed link fails the flows crossing it; flows started on it fail at once.
  void setLinkUp(std::size_t link, bool up);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tsunagu::des
