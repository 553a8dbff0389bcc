// Case `download`: a long download dc -> clinic fills the clinic's line (pop -(100 Mb/s, 5 ms)->
// clinic) while the clinic sends Poisson request/response transactions to dc; their responses
// cross the congested direction. Variants: the bottleneck's queue (DropTail or FQ-CoDel) or no
// download at all (idle); in each, one client on a persistent connection and one opening a new
// connection per transaction run side by side, each with its own Poisson arrivals.
#include <cstdlib>
#include <iostream>
#include <limits>
#include <vector>

#include "apps.hpp"
#include "figures.hpp"
#include "network.hpp"

using namespace ns3;

namespace {

constexpr uint16_t kRequestPort = 80;
constexpr uint16_t kDownloadPort = 5000;
constexpr uint32_t kRequestBytes = 2000;
constexpr uint32_t kResponseBytes = 4000;
constexpr double kWindowStartS = 5;
constexpr double kWindowEndS = 65;
constexpr double kRatePerS = 5;
constexpr double kDrainS = 10;  // after the window, for the last transactions to finish
constexpr double kQueueSampleS = 0.001;
constexpr int kRuns = 2;  // a run with the download costs ~40 s of CPU

struct Variant {
  const char* name;
  bool download;
  ref::Egress bottleneck;
};

// What one run gives: each client's latencies, and the download's figures.
struct Outcome {
  std::vector<double> latencies_ms[2];  // [persistent, new connection]
  int unfinished[2] = {0, 0};
  double goodput_mbps = 0;
  double mean_queue_packets = 0;
  double drops = 0;
};

// Poisson arrival times in the window.
std::vector<double> Arrivals(int64_t stream) {
  Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
  gap->SetAttribute("Mean", DoubleValue(1.0 / kRatePerS));
  gap->SetStream(stream);  // the same arrivals for a run whatever ran before in this process
  std::vector<double> times;
  for (double t = kWindowStartS + gap->GetValue(); t < kWindowEndS; t += gap->GetValue()) {
    times.push_back(t);
  }
  return times;
}

Outcome Run(const Variant& variant, int run) {
  RngSeedManager::SetSeed(1);
  RngSeedManager::SetRun(run);
  ref::Network network;
  Ptr<Node> dc = network.AddNode();
  Ptr<Node> pop = network.AddNode();
  Ptr<Node> clinic = network.AddNode();
  ref::LinkEnds core =
      network.Connect(dc, pop, "1Gbps", "5ms", ref::Egress::kFifo, ref::Egress::kFifo);
  ref::LinkEnds line =
      network.Connect(pop, clinic, "100Mbps", "5ms", variant.bottleneck, ref::Egress::kFifo);
  network.PopulateRoutes();

  const uint64_t endless = std::numeric_limits<uint64_t>::max();
  ref::BulkReceiver receiver(clinic, kDownloadPort, endless);
  ref::BulkSender sender(dc, InetSocketAddress(line.b_address, kDownloadPort), endless);
  if (variant.download) sender.StartAt(Seconds(0));

  ref::RequestServer server(dc, kRequestPort, kRequestBytes, kResponseBytes, MicroSeconds(100));
  const InetSocketAddress to(core.a_address, kRequestPort);
  std::vector<ref::Transaction> logs[2];
  ref::PersistentClient persistent(clinic, to, kRequestBytes, kResponseBytes, &logs[0]);
  ref::NewConnectionClient fresh(clinic, to, kRequestBytes, kResponseBytes, &logs[1]);
  persistent.OpenAt(Seconds(0));
  for (double t : Arrivals(0)) persistent.RequestAt(Seconds(t));
  for (double t : Arrivals(1)) fresh.TransactAt(Seconds(t));

  uint64_t bytes_at_start = 0, bytes_at_end = 0, drops_at_start = 0, drops_at_end = 0;
  Simulator::Schedule(Seconds(kWindowStartS), [&] {
    bytes_at_start = receiver.received();
    drops_at_start = ref::PacketsDropped(line.a_device);
  });
  Simulator::Schedule(Seconds(kWindowEndS), [&] {
    bytes_at_end = receiver.received();
    drops_at_end = ref::PacketsDropped(line.a_device);
  });
  double queue_sum = 0;
  int queue_samples = 0;
  for (double t = kWindowStartS; t < kWindowEndS; t += kQueueSampleS) {
    Simulator::Schedule(Seconds(t), [&] {
      queue_sum += ref::PacketsQueued(line.a_device);
      ++queue_samples;
    });
  }
  Simulator::Stop(Seconds(kWindowEndS + kDrainS));
  Simulator::Run();
  Simulator::Destroy();

  Outcome outcome;
  for (int client = 0; client < 2; ++client) {
    for (const ref::Transaction& t : logs[client]) {
      if (t.finished) {
        outcome.latencies_ms[client].push_back(t.LatencyMs());
      } else {
        ++outcome.unfinished[client];
      }
    }
  }
  const double window_s = kWindowEndS - kWindowStartS;
  outcome.goodput_mbps = (bytes_at_end - bytes_at_start) * 8.0 / window_s / 1e6;
  outcome.mean_queue_packets = queue_sum / queue_samples;
  outcome.drops = static_cast<double>(drops_at_end - drops_at_start);
  return outcome;
}

void Describe(ref::Figures& figures, int runs) {
  ref::DescribeCommonSettings(figures);
  figures.Param("topology", "dc -(1 Gb/s, 5 ms)- pop -(100 Mb/s, 5 ms)- clinic; RTT 20 ms");
  figures.Param("queues",
                "pop->clinic (the bottleneck in the download direction): droptail or fq-codel "
                "as the variant says; every other egress: fifo");
  figures.Param("download",
                "one TCP connection dc -> clinic opened at t = 0, sending without end (the "
                "send buffer kept full); absent in the idle variants");
  figures.Param("transactions",
                "clinic -> dc, request 2000 B, response 4000 B, server time 0.1 ms; two clients "
                "in the same simulation, one persistent and one new-connection, each with its "
                "own Poisson arrivals at 5 per second from t = 5 s to t = 65 s (together 10/s, "
                "0.5% of the line); only these are measured");
  figures.Param("connection.persistent",
                "one connection opened at t = 0; each request written on arrival, pipelined "
                "if an earlier response is still due; latency = request written -> last "
                "response byte read");
  figures.Param("connection.new-connection",
                "a new connection per transaction; latency = connect() -> last response byte "
                "read");
  figures.Param("unfinished", "transactions not finished by t = 75 s (none expected)");
  figures.Param("goodput", "download payload bytes read by the clinic in [5 s, 65 s), in Mb/s");
  figures.Param("queue_mean",
                "packets in the bottleneck's qdisc and device queue (not the one on the wire), "
                "sampled every 1 ms in [5 s, 65 s), averaged");
  figures.Param("drops", "packets dropped at the bottleneck in [5 s, 65 s) (qdisc + device)");
  figures.Param("runs", std::to_string(runs) +
                            " per variant (ns-3 seed 1, runs 1-N: the arrival times differ); "
                            "latency percentiles pooled over all runs' transactions; goodput, "
                            "queue_mean and drops are means over runs");
  figures.Param("percentiles", "linear interpolation between closest ranks (numpy default)");
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = ".";
  int runs = kRuns;
  CommandLine cmd(__FILE__);
  cmd.AddValue("out", "directory for download.csv and download.params", out);
  cmd.AddValue("runs", "runs per variant (fewer only to try things out)", runs);
  cmd.Parse(argc, argv);
  ref::ConfigureTcp();

  ref::Figures figures("download");
  Describe(figures, runs);
  const Variant variants[] = {{"droptail", true, ref::Egress::kDropTail},
                              {"fq-codel", true, ref::Egress::kFqCoDel},
                              {"idle", false, ref::Egress::kDropTail}};
  const char* const clients[] = {"persistent", "new-connection"};
  for (const Variant& variant : variants) {
    std::vector<double> latencies_ms[2], goodputs, queues, drops;
    int unfinished[2] = {0, 0};
    for (int run = 1; run <= runs; ++run) {
      const Outcome outcome = Run(variant, run);
      for (int client = 0; client < 2; ++client) {
        latencies_ms[client].insert(latencies_ms[client].end(),
                                    outcome.latencies_ms[client].begin(),
                                    outcome.latencies_ms[client].end());
        unfinished[client] += outcome.unfinished[client];
      }
      goodputs.push_back(outcome.goodput_mbps);
      queues.push_back(outcome.mean_queue_packets);
      drops.push_back(outcome.drops);
    }
    for (int client = 0; client < 2; ++client) {
      const std::string name = std::string(variant.name) + "-" + clients[client];
      const std::vector<double>& latencies = latencies_ms[client];
      ref::AddLatencySummary(figures, name, "latency_", latencies, true);
      figures.Add(name, "latency_max", ref::Percentile(latencies, 100), "ms");
      figures.Add(name, "transactions", latencies.size() + unfinished[client], "count");
      figures.Add(name, "unfinished", unfinished[client], "count");
      figures.Add(name, "goodput", ref::Mean(goodputs), "Mb/s");
      figures.Add(name, "queue_mean", ref::Mean(queues), "packets");
      figures.Add(name, "drops", ref::Mean(drops), "packets");
      std::cout << "download " << name << ": p50 " << ref::Percentile(latencies, 50) << " ms, p95 "
                << ref::Percentile(latencies, 95) << " ms\n";
    }
  }
  figures.Write(out);
  return 0;
}
