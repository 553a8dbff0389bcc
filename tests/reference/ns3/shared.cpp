// Case `shared`: three clinics with 1 Gb/s lines of one-way delay 1, 10 and 30 ms to pop share
// the bottleneck pop -(100 Mb/s, 4 ms)- dc; each uploads 30 MB to dc, starting 0.5 s apart.
// Completion: absolute time (from t = 0) at which the dc application reads a flow's last byte.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <vector>

#include "apps.hpp"
#include "figures.hpp"
#include "network.hpp"

using namespace ns3;

namespace {

constexpr uint64_t kBytes = 30000000;
constexpr uint16_t kFirstPort = 5000;
const char* const kLineDelays[] = {"1ms", "10ms", "30ms"};

struct Flow {
  int clinic;  // index into kLineDelays
  double start_s;
};

// Runs the three uploads; returns each clinic's completion time in seconds from t = 0.
std::vector<double> Share(const std::vector<Flow>& flows) {
  ref::Network network;
  Ptr<Node> pop = network.AddNode();
  Ptr<Node> dc = network.AddNode();
  std::vector<Ptr<Node>> clinics;
  for (const char* delay : kLineDelays) {
    clinics.push_back(network.AddNode());
    network.Connect(clinics.back(), pop, "1Gbps", delay, ref::Egress::kFifo, ref::Egress::kFifo);
  }
  ref::LinkEnds core =
      network.Connect(pop, dc, "100Mbps", "4ms", ref::Egress::kDropTail, ref::Egress::kFifo);
  network.PopulateRoutes();

  std::vector<std::unique_ptr<ref::BulkReceiver>> receivers;
  std::vector<std::unique_ptr<ref::BulkSender>> senders;
  for (const Flow& flow : flows) {
    const uint16_t port = kFirstPort + flow.clinic;
    receivers.push_back(std::make_unique<ref::BulkReceiver>(dc, port, kBytes));
    senders.push_back(std::make_unique<ref::BulkSender>(
        clinics[flow.clinic], InetSocketAddress(core.b_address, port), kBytes));
    senders.back()->StartAt(Seconds(flow.start_s));
  }
  Simulator::Stop(Seconds(60));
  Simulator::Run();
  std::vector<double> completion(std::size(kLineDelays), 0.0);
  for (std::size_t i = 0; i < flows.size(); ++i) {
    if (!receivers[i]->done()) {
      std::cerr << "shared: an upload did not finish\n";
      std::exit(1);
    }
    completion[flows[i].clinic] = receivers[i]->done_time().GetSeconds();
  }
  Simulator::Destroy();
  return completion;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = ".";
  CommandLine cmd(__FILE__);
  cmd.AddValue("out", "directory for shared.csv and shared.params", out);
  cmd.Parse(argc, argv);
  ref::ConfigureTcp();

  ref::Figures figures("shared");
  ref::DescribeCommonSettings(figures);
  figures.Param("topology",
                "clinic1 -(1 Gb/s, 1 ms)- pop, clinic2 -(1 Gb/s, 10 ms)- pop, "
                "clinic3 -(1 Gb/s, 30 ms)- pop, pop -(100 Mb/s, 4 ms)- dc; "
                "RTTs 10, 28, 68 ms");
  figures.Param("queues", "pop->dc: droptail; every other egress: fifo");
  figures.Param("flows", "each clinic uploads 30 MB (payload) to dc over one TCP connection");
  figures.Param("variant.short-rtt-first",
                "clinic1 starts at 0 s, clinic2 at 0.5 s, clinic3 at 1.0 s (the issue's case)");
  figures.Param("variant.long-rtt-first", "clinic3 starts at 0 s, clinic2 at 0.5 s, clinic1 at 1.0 s");
  figures.Param("completion_clinicN", "absolute time from t = 0 at which dc reads the last byte");
  figures.Param("duration_clinicN", "completion_clinicN - that flow's start (its connect())");
  figures.Param("makespan", "the largest completion");
  figures.Param("runs", "1 per variant (deterministic: no random input)");

  const std::pair<const char*, std::vector<Flow>> variants[] = {
      {"short-rtt-first", {{0, 0.0}, {1, 0.5}, {2, 1.0}}},
      {"long-rtt-first", {{2, 0.0}, {1, 0.5}, {0, 1.0}}}};
  for (const auto& [variant, flows] : variants) {
    const std::vector<double> completion = Share(flows);
    for (const Flow& flow : flows) {
      const std::string clinic = "clinic" + std::to_string(flow.clinic + 1);
      figures.Add(variant, "completion_" + clinic, completion[flow.clinic], "s");
      figures.Add(variant, "duration_" + clinic, completion[flow.clinic] - flow.start_s, "s");
    }
    const double makespan = *std::max_element(completion.begin(), completion.end());
    figures.Add(variant, "makespan", makespan, "s");
    std::cout << "shared " << variant << ": makespan " << makespan << " s\n";
  }
  figures.Write(out);
  return 0;
}
