// Case `overload`: ten clinics send Poisson transactions (20 KB request, 1 KB response, a new
// connection each) to dc through the bottleneck pop -(10 Mb/s, 5 ms)- dc, at offered loads
// from 50% to 128% of its rate. Latency is binned by the transaction's start time so that the
// growth of the backlog shows; a transaction not finished within 30 s of its start times out.
#include <cstdio>
#include <iostream>
#include <memory>
#include <vector>

#include "apps.hpp"
#include "figures.hpp"
#include "network.hpp"

using namespace ns3;

namespace {

constexpr int kClinics = 10;
constexpr uint16_t kPort = 80;
constexpr uint32_t kRequestBytes = 20000;
constexpr uint32_t kResponseBytes = 1000;
constexpr double kLineBps = 10e6;
constexpr double kArrivalsS = 120;
constexpr double kBinS = 20;
constexpr double kTimeoutS = 30;
constexpr int kRuns = 2;  // an overloaded run costs ~80 s of CPU
const double kLoads[] = {0.5, 0.8, 0.9, 1.0, 1.1, 1.28};

struct Outcome {
  std::vector<ref::Transaction> transactions;
  double wire_bytes = 0;  // on the bottleneck in [0, kArrivalsS), PPP header included
  double drops = 0;       // at the bottleneck, whole run
};

Outcome Run(double load, int run) {
  RngSeedManager::SetSeed(1);
  RngSeedManager::SetRun(run);
  ref::Network network;
  Ptr<Node> pop = network.AddNode();
  Ptr<Node> dc = network.AddNode();
  std::vector<Ptr<Node>> clinics;
  for (int c = 0; c < kClinics; ++c) {
    clinics.push_back(network.AddNode());
    network.Connect(clinics.back(), pop, "1Gbps", "1ms", ref::Egress::kFifo, ref::Egress::kFifo);
  }
  ref::LinkEnds core =
      network.Connect(pop, dc, "10Mbps", "5ms", ref::Egress::kDropTail, ref::Egress::kFifo);
  network.PopulateRoutes();

  Outcome outcome;
  ref::RequestServer server(dc, kPort, kRequestBytes, kResponseBytes, MicroSeconds(100));
  std::vector<std::unique_ptr<ref::NewConnectionClient>> clients;
  const double rate_per_clinic = load * kLineBps / (kRequestBytes * 8.0) / kClinics;
  for (int c = 0; c < kClinics; ++c) {
    Ptr<Node> clinic = clinics[c];
    clients.push_back(std::make_unique<ref::NewConnectionClient>(
        clinic, InetSocketAddress(core.b_address, kPort), kRequestBytes, kResponseBytes,
        &outcome.transactions));
    Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
    gap->SetAttribute("Mean", DoubleValue(1.0 / rate_per_clinic));
    gap->SetStream(c);  // the same arrivals for a run whatever ran before in this process
    for (double t = gap->GetValue(); t < kArrivalsS; t += gap->GetValue()) {
      clients.back()->TransactAt(Seconds(t));
    }
  }
  core.a_device->TraceConnectWithoutContext("PhyTxBegin",
                                            MakeBoundCallback(
                                                +[](double* bytes, Ptr<const Packet> packet) {
                                                  if (Simulator::Now() < Seconds(kArrivalsS))
                                                    *bytes += packet->GetSize();
                                                },
                                                &outcome.wire_bytes));
  Simulator::Stop(Seconds(kArrivalsS + kTimeoutS));
  Simulator::Run();
  outcome.drops = static_cast<double>(ref::PacketsDropped(core.a_device));
  Simulator::Destroy();
  return outcome;
}

bool InTime(const ref::Transaction& t) {
  return t.finished && (t.end - t.start).GetSeconds() <= kTimeoutS;
}

// Latency summary, starts and timeouts of the transactions started in [from_s, to_s).
void AddBin(ref::Figures& figures, const std::string& variant, const std::string& suffix,
            const std::vector<ref::Transaction>& transactions, double from_s, double to_s,
            int runs) {
  std::vector<double> latencies_ms;
  int started = 0;
  for (const ref::Transaction& t : transactions) {
    const double start_s = t.start.GetSeconds();
    if (start_s < from_s || start_s >= to_s) continue;
    ++started;
    if (InTime(t)) latencies_ms.push_back(t.LatencyMs());
  }
  figures.Add(variant, "latency_mean" + suffix, ref::Mean(latencies_ms), "ms");
  figures.Add(variant, "latency_p50" + suffix, ref::Percentile(latencies_ms, 50), "ms");
  figures.Add(variant, "latency_p95" + suffix, ref::Percentile(latencies_ms, 95), "ms");
  figures.Add(variant, "started" + suffix, static_cast<double>(started) / runs, "count per run");
  figures.Add(variant, "timeouts" + suffix,
              static_cast<double>(started - latencies_ms.size()) / runs, "count per run");
}

void Describe(ref::Figures& figures, int runs) {
  ref::DescribeCommonSettings(figures);
  figures.Param("topology",
                "clinic1..clinic10, each -(1 Gb/s, 1 ms)- pop; pop -(10 Mb/s, 5 ms)- dc; "
                "RTT 12 ms");
  figures.Param("queues", "pop->dc: droptail (100 packets); every other egress: fifo");
  figures.Param("transactions",
                "request 20000 B clinic -> dc, response 1000 B, server time 0.1 ms, a new "
                "connection each (connect(), request once connected, read the response, "
                "close); latency = connect() -> last response byte read");
  figures.Param("arrivals",
                "each clinic an independent Poisson process at a tenth of the total rate, from "
                "t = 0 to t = 120 s; total rate = load x 10 Mb/s / (20000 B x 8) = load x 62.5 "
                "per second");
  figures.Param("load",
                "offered load counts request payload bytes only; on the wire a request "
                "carries ~4-5% more (14 segments of headers, handshake and FIN), which "
                "bottleneck_busy shows");
  figures.Param("variants", "load-050, load-080, load-090, load-100, load-110, load-128 (%)");
  figures.Param("timeout",
                "a transaction not finished within 30 s of its start counts as a timeout; the "
                "client does not abort it, so its traffic stays on the link; the simulation "
                "ends at 150 s, so every transaction has had its 30 s");
  figures.Param("bins", "by start time: [0,20), [20,40), ..., [100,120) s; suffix _binA_B");
  figures.Param("latency", "mean, p50, p95 over the transactions finished within 30 s");
  figures.Param("started, timeouts", "counts per run (pooled count / runs)");
  figures.Param("bottleneck_busy",
                "bits sent on pop->dc in [0, 120 s) (PPP + IP + TCP headers + payload) / "
                "(10 Mb/s x 120 s); mean over runs");
  figures.Param("drops", "packets dropped at pop->dc over the whole run; mean over runs");
  figures.Param("runs", std::to_string(runs) +
                            " per load (ns-3 seed 1, runs 1-N); percentiles pooled over all "
                            "runs' transactions");
  figures.Param("percentiles", "linear interpolation between closest ranks (numpy default)");
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = ".";
  int runs = kRuns;
  double only_load = 0;
  CommandLine cmd(__FILE__);
  cmd.AddValue("out", "directory for overload.csv and overload.params", out);
  cmd.AddValue("runs", "runs per load (fewer only to try things out)", runs);
  cmd.AddValue("load", "run this load alone, e.g. 1.28 (only to try things out)", only_load);
  cmd.Parse(argc, argv);
  ref::ConfigureTcp();

  ref::Figures figures("overload");
  Describe(figures, runs);
  for (double load : kLoads) {
    if (only_load > 0 && load != only_load) continue;
    char variant[16];
    std::snprintf(variant, sizeof variant, "load-%03.0f", load * 100);
    std::vector<ref::Transaction> pooled;
    std::vector<double> busy, drops;
    for (int run = 1; run <= runs; ++run) {
      Outcome outcome = Run(load, run);
      pooled.insert(pooled.end(), outcome.transactions.begin(), outcome.transactions.end());
      busy.push_back(outcome.wire_bytes * 8 / (kLineBps * kArrivalsS));
      drops.push_back(outcome.drops);
    }
    figures.Add(variant, "offered_rate", load * kLineBps / (kRequestBytes * 8.0), "1/s");
    figures.Add(variant, "bottleneck_busy", ref::Mean(busy), "fraction");
    figures.Add(variant, "drops", ref::Mean(drops), "packets");
    AddBin(figures, variant, "", pooled, 0, kArrivalsS, runs);
    for (double from = 0; from < kArrivalsS; from += kBinS) {
      char suffix[32];
      std::snprintf(suffix, sizeof suffix, "_bin%.0f_%.0f", from, from + kBinS);
      AddBin(figures, variant, suffix, pooled, from, from + kBinS, runs);
    }
    std::cout << "overload " << variant << " done\n";
  }
  figures.Write(out);
  return 0;
}
