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
constexpr int kJitterRuns = 5;
constexpr double kJitterS = 0.02;
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

// DropTail with deterministic starts is sensitive to the phase of the flows: the same case
// with the starts moved by a few ms can end seconds apart. These runs delay each start by
// U[0, kJitterS) and give the spread, so a model is judged against the whole range.
void AddJittered(ref::Figures& figures, const std::string& variant,
                 const std::vector<Flow>& flows) {
  std::vector<std::vector<double>> completions(std::size(kLineDelays));
  std::vector<double> makespans;
  for (int run = 1; run <= kJitterRuns; ++run) {
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(run);
    Ptr<UniformRandomVariable> jitter = CreateObject<UniformRandomVariable>();
    jitter->SetAttribute("Max", DoubleValue(kJitterS));
    jitter->SetStream(0);
    std::vector<Flow> jittered = flows;
    for (Flow& flow : jittered) flow.start_s += jitter->GetValue();
    const std::vector<double> completion = Share(jittered);
    for (std::size_t c = 0; c < completion.size(); ++c) completions[c].push_back(completion[c]);
    makespans.push_back(*std::max_element(completion.begin(), completion.end()));
  }
  for (const Flow& flow : flows) {
    const std::string clinic = "clinic" + std::to_string(flow.clinic + 1);
    figures.Add(variant, "jittered_completion_mean_" + clinic, ref::Mean(completions[flow.clinic]),
                "s");
  }
  figures.Add(variant, "jittered_makespan_mean", ref::Mean(makespans), "s");
  figures.Add(variant, "jittered_makespan_min", ref::Percentile(makespans, 0), "s");
  figures.Add(variant, "jittered_makespan_max", ref::Percentile(makespans, 100), "s");
  figures.Add(variant, "jittered_makespan_sd", ref::StandardDeviation(makespans), "s");
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
  figures.Param("variant.long-rtt-first",
                "clinic3 starts at 0 s, clinic2 at 0.5 s, clinic1 at 1.0 s");
  figures.Param("completion_clinicN", "absolute time from t = 0 at which dc reads the last byte");
  figures.Param("duration_clinicN", "completion_clinicN - that flow's start (its connect())");
  figures.Param("makespan", "the largest completion");
  figures.Param("runs",
                "1 per variant with the exact starts (deterministic), plus " +
                    std::to_string(kJitterRuns) +
                    " jittered runs: each start delayed by U[0, 20 ms), ns-3 seed 1, runs 1-" +
                    std::to_string(kJitterRuns) + "; jittered_* metrics summarise those");

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
    AddJittered(figures, variant, flows);
  }
  figures.Write(out);
  return 0;
}
