// tsunagu against the packet-level reference: the figures ns-3 3.37 produced for the same
// networks (tests/reference/ns3/, `make ns3-reference`; checked in with their parameters) and
// the discrete-event engine on tests/scenarios/ns3/*.yaml, replayed from traces where ns-3 ran
// fixed transfers. Tolerances are the issue's: bulk completion 5%, request/response 2%,
// transactions during a download 5% (FQ-CoDel) and 15% (DropTail); the shared bottleneck and
// the overload are compared as docs/validation.md states.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <utility>

#include "des_end_log.hpp"

namespace tsunagu::des {
namespace {

// figures/CASE.csv as "variant/metric" -> value (in the file's unit).
std::map<std::string, double> reference(const std::string& name) {
  std::ifstream in(test::sourcePath("tests/reference/ns3/figures/" + name + ".csv"));
  std::map<std::string, double> figures;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, ',');) f.push_back(field);
    if (f.size() >= 4) figures[f[1] + "/" + f[2]] = std::stod(f[3]);
  }
  EXPECT_FALSE(figures.empty()) << name;
  return figures;
}

using test::Adjust;
using test::Ended;

std::vector<Ended> run(const std::string& name, const WindowOptions& options,
                       const Adjust& adjust = {}) {
  return test::simulateEnds("tests/scenarios/ns3/" + name + ".yaml", options, adjust);
}

WindowOptions replaying(const std::vector<core::TraceArrival>& rows) {
  WindowOptions options;
  options.first = Date::fromYmd(2024, 6, 4);
  options.trace = &rows;
  return options;
}

double latencyOf(const std::vector<Ended>& ended, const std::string& service, double start) {
  for (const auto& e : ended)
    if (e.service == service && e.start == start && e.outcome == "completed")
      return e.end - e.start;
  ADD_FAILURE() << service << " at " << start << " did not complete";
  return 0;
}

void expectWithin(double tsunagu, double ns3, double tolerance, const std::string& what) {
  std::printf("  %-40s tsunagu %10.4f  ns-3 %10.4f  (%+.1f%%)\n", what.c_str(), tsunagu, ns3,
              100 * (tsunagu / ns3 - 1));
  EXPECT_NEAR(tsunagu, ns3, tolerance * ns3) << what;
}

// One upload on a fresh connection: handshake, slow start, the 100 Mb/s link at 1,448/1,502 of
// its rate, the last byte's one-way latency. Within 5%.
TEST(Ns3Reference, BulkCompletion) {
  auto ns3 = reference("bulk");
  const std::vector<std::pair<std::string, double>> sizes = {
      {"1MB", 1e6}, {"10MB", 10e6}, {"50MB", 50e6}, {"200MB", 200e6}};
  std::vector<core::TraceArrival> rows;
  for (size_t i = 0; i < sizes.size(); ++i)
    rows.push_back({3600.0 * double(i + 1), "clinic", "upload", sizes[i].second, -1});
  auto ended = run("bulk", replaying(rows));
  for (size_t i = 0; i < sizes.size(); ++i)
    expectWithin(latencyOf(ended, "upload", rows[i].seconds),
                 ns3.at(sizes[i].first + "/completion"), 0.05, "bulk " + sizes[i].first + " (s)");
}

// One transaction at a time on an idle network: within 2%.
TEST(Ns3Reference, RequestResponse) {
  auto ns3 = reference("reqresp");
  std::vector<core::TraceArrival> rows;
  const char* variants[] = {"persistent", "new-connection", "new-connection-64KB"};
  for (int i = 0; i < 3; ++i) rows.push_back({3600.0 * (i + 1), "clinic", variants[i], -1, -1});
  auto ended = run("reqresp", replaying(rows));
  for (int i = 0; i < 3; ++i)
    expectWithin(latencyOf(ended, variants[i], rows[size_t(i)].seconds) * 1e3,
                 ns3.at(std::string(variants[i]) + "/latency_p50"), 0.02,
                 std::string("reqresp ") + variants[i] + " (ms)");
}

// A long download fills the clinic's line while it sends 2 KB / 4 KB transactions (5 a second,
// Poisson, 5 s to 65 s, a connection kept open): their responses wait behind the download's
// DropTail queue (within 15% at p50 and p95) or pass it under FQ-CoDel (within 5%); idle, 2%.
TEST(Ns3Reference, TransactionsDuringADownload) {
  auto ns3 = reference("download");
  std::vector<core::TraceArrival> rows = {{36000.0, "clinic", "fetch", -1, 5e9}};
  std::mt19937_64 random(11);
  std::exponential_distribution<double> gap(5.0);
  for (double t = 36005.0 + gap(random); t < 36065.0; t += gap(random))
    rows.push_back({t, "clinic", "check", -1, -1});
  auto idleRows = std::vector<core::TraceArrival>(rows.begin() + 1, rows.end());
  auto percentiles = [](const std::vector<Ended>& ended) {
    std::vector<double> ms;
    for (const auto& e : ended)
      if (e.service == "check" && e.outcome == "completed") ms.push_back((e.end - e.start) * 1e3);
    std::sort(ms.begin(), ms.end());
    EXPECT_GT(ms.size(), 250u);
    return std::pair{ms[ms.size() / 2], ms[size_t(0.95 * double(ms.size()))]};
  };
  auto idle = percentiles(run("download", replaying(idleRows)));
  auto droptail = percentiles(run("download", replaying(rows)));
  auto fq = percentiles(run("download", replaying(rows), [](Scenario& s) {
    s.network.transport.queue.discipline = QueueDiscipline::FqCodel;
  }));
  expectWithin(idle.first, ns3.at("idle-persistent/latency_p50"), 0.02, "download idle p50 (ms)");
  expectWithin(droptail.first, ns3.at("droptail-persistent/latency_p50"), 0.15,
               "download DropTail p50 (ms)");
  expectWithin(droptail.second, ns3.at("droptail-persistent/latency_p95"), 0.15,
               "download DropTail p95 (ms)");
  expectWithin(fq.first, ns3.at("fq-codel-persistent/latency_p50"), 0.05,
               "download FQ-CoDel p50 (ms)");
  expectWithin(fq.second, ns3.at("fq-codel-persistent/latency_p95"), 0.05,
               "download FQ-CoDel p95 (ms)");
}

// Three 30 MB uploads from clinics 10, 28 and 68 ms away share 100 Mb/s. A fluid model is
// work-conserving; NewReno is not: when a flow leaves, the others grow into its share by half a
// segment a round trip (delayed ACKs), which the engine's refill ramp models. ns-3's makespan
// also depends on the flows' phases (jittered starts spread it over seconds), so the
// exact-start run is the reference. The case (short RTT first, 0.5 s apart) is held to
// its 10%; long-RTT-first, where NewReno all but starves the 68 ms flow, is outside the model
// (docs/validation.md gives both).
std::vector<Ended> shareBottleneck(const std::vector<double>& starts, bool rttAware) {
  std::vector<core::TraceArrival> rows;
  for (int c = 0; c < 3; ++c)
    rows.push_back(
        {36000.0 + starts[size_t(c)], "clinic" + std::to_string(c + 1), "upload", 30e6, -1});
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
  return run("shared", replaying(rows),
             [rttAware](Scenario& s) { s.network.transport.defaults.rttAwareSharing = rttAware; });
}

double makespanOf(const std::vector<Ended>& ended) {
  double makespan = 0;
  for (const auto& e : ended) makespan = std::max(makespan, e.end - 36000.0);
  return makespan;
}

TEST(Ns3Reference, SharedBottleneck) {
  auto ns3 = reference("shared");
  auto ended = shareBottleneck({0.0, 0.5, 1.0}, false);
  ASSERT_EQ(ended.size(), 3u);
  expectWithin(makespanOf(ended), ns3.at("short-rtt-first/makespan"), 0.10, "shared makespan (s)");
}

// With RTT-aware sharing the flows' whole round trips (their facility lines included) set their
// shares, so when the long-RTT flow starts first it still ends last, as in ns-3.
TEST(Ns3Reference, SharedBottleneckRttAwareOrder) {
  auto ns3 = reference("shared");
  auto ended = shareBottleneck({1.0, 0.5, 0.0}, true);
  ASSERT_EQ(ended.size(), 3u);
  std::map<double, double> endByStart;
  for (const auto& e : ended) endByStart[e.start - 36000.0] = e.end - 36000.0;
  EXPECT_LT(endByStart.at(1.0), endByStart.at(0.5));  // clinic1 (10 ms) before clinic2 (28 ms)
  EXPECT_LT(endByStart.at(0.5), endByStart.at(0.0));  // clinic2 before clinic3 (68 ms)
  EXPECT_LT(ns3.at("long-rtt-first/completion_clinic1"),
            ns3.at("long-rtt-first/completion_clinic2"));
  EXPECT_LT(ns3.at("long-rtt-first/completion_clinic2"),
            ns3.at("long-rtt-first/completion_clinic3"));
  expectWithin(endByStart.at(1.0), ns3.at("long-rtt-first/completion_clinic1"), 0.10,
               "long-RTT-first, RTT-aware: clinic1 ends (s)");
  std::printf(
      "  long-RTT-first makespan: tsunagu RTT-aware %.2f s, fair share %.2f s, ns-3 %.2f s\n",
      makespanOf(ended), makespanOf(shareBottleneck({1.0, 0.5, 0.0}, false)),
      ns3.at("long-rtt-first/makespan"));
}

// Without the refill ramp (slow start off: the ideal fluid model) the same case ends 15% early:
// the ramp, not a tolerance, is what brings it within 10%.
TEST(Ns3Reference, SharedBottleneckNeedsTheRefill) {
  auto ns3 = reference("shared");
  std::vector<core::TraceArrival> rows = {{36000.0, "clinic1", "upload", 30e6, -1},
                                          {36000.5, "clinic2", "upload", 30e6, -1},
                                          {36001.0, "clinic3", "upload", 30e6, -1}};
  auto ended = run("shared", replaying(rows),
                   [](Scenario& s) { s.network.transport.defaults.slowStart = false; });
  double makespan = 0;
  for (const auto& e : ended) makespan = std::max(makespan, e.end - 36000.0);
  EXPECT_LT(makespan, 0.88 * ns3.at("short-rtt-first/makespan"));
}

}  // namespace
}  // namespace tsunagu::des
