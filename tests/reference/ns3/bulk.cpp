// Case `bulk`: one upload clinic -> dc over clinic -(1 Gb/s, 1 ms)- pop -(100 Mb/s, 9 ms)- dc.
// Completion: the client's connect() to the server application's read of the last byte.
#include <cstdlib>
#include <iostream>
#include <memory>

#include "apps.hpp"
#include "figures.hpp"
#include "network.hpp"

using namespace ns3;

namespace {

constexpr uint16_t kPort = 5000;

// Returns the completion time of one upload of `bytes`, in seconds.
double Upload(uint64_t bytes) {
  ref::Network network;
  Ptr<Node> clinic = network.AddNode();
  Ptr<Node> pop = network.AddNode();
  Ptr<Node> dc = network.AddNode();
  network.Connect(clinic, pop, "1Gbps", "1ms", ref::Egress::kFifo, ref::Egress::kFifo);
  ref::LinkEnds core =
      network.Connect(pop, dc, "100Mbps", "9ms", ref::Egress::kDropTail, ref::Egress::kFifo);
  network.PopulateRoutes();

  ref::BulkReceiver receiver(dc, kPort, bytes);
  ref::BulkSender sender(clinic, InetSocketAddress(core.b_address, kPort), bytes);
  sender.StartAt(Seconds(0));
  Simulator::Stop(Seconds(10 + bytes * 8.0 / 50e6));  // twice the ideal time, and more
  Simulator::Run();
  const bool done = receiver.done();
  const double completion = (receiver.done_time() - sender.connect_time()).GetSeconds();
  Simulator::Destroy();
  if (!done) {
    std::cerr << "bulk: the upload of " << bytes << " B did not finish\n";
    std::exit(1);
  }
  return completion;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = ".";
  CommandLine cmd(__FILE__);
  cmd.AddValue("out", "directory for bulk.csv and bulk.params", out);
  cmd.Parse(argc, argv);
  ref::ConfigureTcp();

  ref::Figures figures("bulk");
  ref::DescribeCommonSettings(figures);
  figures.Param("topology", "clinic -(1 Gb/s, 1 ms)- pop -(100 Mb/s, 9 ms)- dc; RTT 20 ms");
  figures.Param("queues", "pop->dc: droptail; every other egress: fifo");
  figures.Param("flow", "one TCP upload clinic -> dc starting at t = 0");
  figures.Param("variants", "1MB, 10MB, 50MB, 200MB (payload bytes)");
  figures.Param("completion", "client connect() -> server application reads the last byte");
  figures.Param("goodput", "payload bits / completion");
  figures.Param("runs", "1 per variant (deterministic: no random input)");

  const std::pair<const char*, uint64_t> sizes[] = {
      {"1MB", 1000000}, {"10MB", 10000000}, {"50MB", 50000000}, {"200MB", 200000000}};
  for (const auto& [variant, bytes] : sizes) {
    const double completion = Upload(bytes);
    figures.Add(variant, "completion", completion, "s");
    figures.Add(variant, "goodput", bytes * 8.0 / completion / 1e6, "Mb/s");
    std::cout << "bulk " << variant << ": " << completion << " s\n";
  }
  figures.Write(out);
  return 0;
}
