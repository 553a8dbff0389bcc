// Case `reqresp`: request/response clinic -> dc over clinic -(100 Mb/s, 5 ms)- pop -(1 Gb/s,
// 5 ms)- dc, 200 transactions 0.5 s apart, on one persistent connection or a new one each.
#include <cstdlib>
#include <iostream>
#include <vector>

#include "apps.hpp"
#include "figures.hpp"
#include "network.hpp"

using namespace ns3;

namespace {

constexpr uint16_t kPort = 80;
constexpr uint32_t kRequestBytes = 2000;
constexpr int kTransactions = 200;
constexpr double kSpacingS = 0.5;
// The persistent connection opens at t = 0; its first request goes out at this time.
constexpr double kFirstPersistentRequestS = 1.0;

struct Variant {
  const char* name;
  bool persistent;
  uint32_t response_bytes;
  int delayed_ack_timeout_ms;
};

// Returns every transaction's latency in ms.
std::vector<double> Transact(const Variant& variant) {
  Config::SetDefault("ns3::TcpSocket::DelAckTimeout",
                     TimeValue(MilliSeconds(variant.delayed_ack_timeout_ms)));
  ref::Network network;
  Ptr<Node> clinic = network.AddNode();
  Ptr<Node> pop = network.AddNode();
  Ptr<Node> dc = network.AddNode();
  network.Connect(clinic, pop, "100Mbps", "5ms", ref::Egress::kFifo, ref::Egress::kFifo);
  ref::LinkEnds core =
      network.Connect(pop, dc, "1Gbps", "5ms", ref::Egress::kFifo, ref::Egress::kFifo);
  network.PopulateRoutes();

  ref::RequestServer server(dc, kPort, kRequestBytes, variant.response_bytes, MicroSeconds(100));
  const InetSocketAddress to(core.b_address, kPort);
  std::vector<ref::Transaction> log;
  ref::PersistentClient persistent(clinic, to, kRequestBytes, variant.response_bytes, &log);
  ref::NewConnectionClient fresh(clinic, to, kRequestBytes, variant.response_bytes, &log);
  if (variant.persistent) persistent.OpenAt(Seconds(0));
  for (int k = 0; k < kTransactions; ++k) {
    if (variant.persistent) {
      persistent.RequestAt(Seconds(kFirstPersistentRequestS + k * kSpacingS));
    } else {
      fresh.TransactAt(Seconds(k * kSpacingS));
    }
  }
  Simulator::Stop(Seconds(kFirstPersistentRequestS + kTransactions * kSpacingS + 5));
  Simulator::Run();
  Simulator::Destroy();

  std::vector<double> latencies_ms;
  for (const ref::Transaction& t : log) {
    if (!t.finished) {
      std::cerr << "reqresp: a transaction of " << variant.name << " did not finish\n";
      std::exit(1);
    }
    latencies_ms.push_back(t.LatencyMs());
  }
  return latencies_ms;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = ".";
  CommandLine cmd(__FILE__);
  cmd.AddValue("out", "directory for reqresp.csv and reqresp.params", out);
  cmd.Parse(argc, argv);
  ref::ConfigureTcp();

  ref::Figures figures("reqresp");
  ref::DescribeCommonSettings(figures);
  figures.Param("topology", "clinic -(100 Mb/s, 5 ms)- pop -(1 Gb/s, 5 ms)- dc; RTT 20 ms");
  figures.Param("queues", "fifo on every egress (nothing else on the network)");
  figures.Param("request_bytes", std::to_string(kRequestBytes) + " clinic -> dc");
  figures.Param("server_time_ms", "0.1 (dc answers 0.1 ms after reading a whole request)");
  figures.Param("transactions", std::to_string(kTransactions) + " per variant, " +
                                    std::to_string(kSpacingS) + " s apart (never overlapping)");
  figures.Param("variant.persistent",
                "response 4000 B; one connection opened at t = 0, requests from t = 1 s; "
                "latency = request written -> last response byte read by the client");
  figures.Param("variant.new-connection",
                "response 4000 B; a new connection per transaction, from t = 0; the client "
                "writes the request once connected, reads the response, closes; latency = "
                "connect() -> last response byte read");
  figures.Param("variant.new-connection-64KB", "as new-connection with a 64000 B response");
  figures.Param("variant.persistent-64KB",
                "as persistent with a 64000 B response; ns-3 keeps the congestion window "
                "across idle periods (no slow start after idle), so only the first is slow");
  figures.Param("variant.persistent-delack200ms",
                "as persistent with ns-3's default delayed-ACK timeout of 200 ms: the server's "
                "RTO (200 ms) fires spuriously before the delayed ACK of a response's odd last "
                "segment arrives, the window falls to 1 segment and the latency jumps; shown "
                "only to document why the other variants use 40 ms");
  figures.Param("percentiles", "linear interpolation between closest ranks (numpy default)");
  figures.Param("runs", "1 per variant (deterministic: no random input)");

  const int delack = ref::kDelayedAckTimeoutMs;
  const Variant variants[] = {{"persistent", true, 4000, delack},
                              {"new-connection", false, 4000, delack},
                              {"new-connection-64KB", false, 64000, delack},
                              {"persistent-64KB", true, 64000, delack},
                              {"persistent-delack200ms", true, 4000, 200}};
  for (const Variant& variant : variants) {
    const std::vector<double> latencies_ms = Transact(variant);
    ref::AddLatencySummary(figures, variant.name, "latency_", latencies_ms, false);
    figures.Add(variant.name, "latency_min", ref::Percentile(latencies_ms, 0), "ms");
    figures.Add(variant.name, "latency_max", ref::Percentile(latencies_ms, 100), "ms");
    std::cout << "reqresp " << variant.name << ": mean " << ref::Mean(latencies_ms) << " ms\n";
  }
  figures.Write(out);
  return 0;
}
