// The network under load in the discrete-event engine: transactions congesting a link (against
// M/G/1 theory and against one SimGrid comm per message), an overloaded link ending in
// time-outs, a facility's line shared by its own transfers in both directions, and TCP's
// connection setup and slow start.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "des_end_log.hpp"

namespace tsunagu::des {
namespace {

using test::Adjust;
using test::Ended;

// The measured transactions' ends (warm-up arrivals left out).
std::vector<Ended> simulate(const std::string& file, const WindowOptions& options,
                            const Adjust& adjust = {}) {
  std::vector<Ended> ended;
  for (auto& e : test::simulateEnds(file, options, adjust))
    if (e.measured) ended.push_back(std::move(e));
  return ended;
}

struct Figures {
  size_t completed = 0, timeouts = 0;
  double mean = 0, p50 = 0, p95 = 0;
};

Figures figuresOf(const std::vector<Ended>& ended, const std::string& service, double from = -1e18,
                  double to = 1e18) {
  Figures f;
  std::vector<double> latency;
  for (const auto& e : ended) {
    if (e.service != service || e.start < from || e.start >= to) continue;
    if (e.outcome == "timeout") ++f.timeouts;
    if (e.outcome != "completed") continue;
    latency.push_back(e.latency());
    f.mean += e.latency();
  }
  f.completed = latency.size();
  if (latency.empty()) return f;
  std::sort(latency.begin(), latency.end());
  f.mean /= double(latency.size());
  f.p50 = latency[latency.size() / 2];
  f.p95 = latency[size_t(0.95 * double(latency.size()))];
  return f;
}

WindowOptions hours(int from, int until, std::uint64_t seed) {
  WindowOptions options;
  options.first = Date::fromYmd(2024, 6, 4);
  options.fromSeconds = from * 3600.0;
  options.untilSeconds = until * 3600.0;
  options.warmUpSeconds = 600;
  options.seed = seed;
  return options;
}

void setVolume(Scenario& scenario, const std::string& service, double factor) {
  for (auto& volume : scenario.data.volumes)
    if (volume.service == service) volume.volume *= factor;
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

// tests/scenarios/network/overload.yaml at load 0.85 on the 10 Mb/s link (the file works the
// numbers out): the link alone holds a request 16.85 ms / (1 - 0.85) = 112.4 ms on average
// (M/G/1 with size CV 1: FIFO and processor sharing have that same mean); the rest of the
// route adds 10 ms of propagation, 1 ms of service and about 1.1 ms of lines and response.
constexpr double kLinkRate = 10e6 / 8 * 1460 / 1538;
constexpr double kRequestSeconds = 20e3 / kLinkRate;
constexpr double kLoad = 4'357'000 / 86400.0 * kRequestSeconds;
constexpr double kRestOfRoute = 0.010 + 0.001 + 20e3 / (1e9 / 8 * 1460 / 1538) + 1e3 / kLinkRate;

TEST(DesNetwork, TransactionsQueueOnABusyLinkAsTheoryHas) {
  ASSERT_NEAR(kLoad, 0.85, 0.001);
  double theory = kRequestSeconds / (1 - kLoad) + kRestOfRoute;
  // A buffer that never overflows, as the theory has (the default 50 ms holds three requests).
  auto unbounded = [](Scenario& s) { s.network.transport.queue.bufferBytes = 1e12; };
  auto fast = figuresOf(
      simulate("tests/scenarios/network/overload.yaml", hours(9, 12, 5), unbounded), "check");
  std::printf(
      "  load %.3f: theory mean %.1f ms; fast path %zu completed, mean %.1f ms, p50 %.1f, "
      "p95 %.1f, %zu time-outs\n",
      kLoad, theory * 1e3, fast.completed, fast.mean * 1e3, fast.p50 * 1e3, fast.p95 * 1e3,
      fast.timeouts);
  EXPECT_EQ(fast.timeouts, 0u);
  EXPECT_NEAR(fast.mean, theory, 0.10 * theory);
  // Idle, the same request takes the route's fixed part and one transfer: contention is what
  // multiplies it here.
  EXPECT_GT(fast.p50, 3 * (kRequestSeconds + kRestOfRoute));
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

// The fast path against the reference path (every request and response a SimGrid comm of its
// own, sharing the link max-min, i.e. processor sharing) at load 0.85, on the same arrivals.
// With size CV 1 the mean time of FIFO (the fast path's DropTail queue) and of processor
// sharing agree in theory; the percentiles do not (FIFO's tail is shorter), so only the means
// are compared. 40 minutes: 121,000 requests.
TEST(DesNetwork, FastPathAgreesWithOneCommPerMessageAtHighLoad) {
  auto unbounded = [](Scenario& s) { s.network.transport.queue.bufferBytes = 1e12; };
  WindowOptions window = hours(10, 10, 9);
  window.untilSeconds = window.fromSeconds + 2400;
  auto fast =
      figuresOf(simulate("tests/scenarios/network/overload.yaml", window, unbounded), "check");
  window.messagesAsComms = true;
  auto comms =
      figuresOf(simulate("tests/scenarios/network/overload.yaml", window, unbounded), "check");
  std::printf("  fast %zu completed, mean %.1f ms, p50 %.1f, p95 %.1f\n", fast.completed,
              fast.mean * 1e3, fast.p50 * 1e3, fast.p95 * 1e3);
  std::printf("  comms %zu completed, mean %.1f ms, p50 %.1f, p95 %.1f\n", comms.completed,
              comms.mean * 1e3, comms.p50 * 1e3, comms.p95 * 1e3);
  EXPECT_NEAR(double(fast.completed), double(comms.completed), 0.01 * double(comms.completed));
  EXPECT_NEAR(fast.mean, comms.mean, 0.04 * comms.mean);  // measured: 0.8% apart
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

// The same link at 128% of its capacity, from the first arrival on (no warm-up).
// - With a buffer that never overflows, the backlog grows at 0.28 of the link's rate, so a
//   request arriving at time t waits about 0.28 t: 15.4 s at 55 s (tolerance 10%); none of the
//   first minute's arrivals gives up, and the clients' 30 s time-out is reached for arrivals
//   after about 107 s (earlier for some: the sizes vary, CV 1).
// - With the default DropTail buffer (50 ms: three requests) the excess is lost and sent again
//   after growing retransmission time-outs: a lossy steady state where clients give up, and
//   the link carries its capacity (payload of 20 KB requests), not what is offered. At load
//   0.85 no client gives up.
TEST(DesNetwork, AnOverloadedLinkEndsInTimeouts) {
  auto overload = [](Scenario& s) { setVolume(s, "check", 1.28 / 0.85); };
  auto unbounded = [&](Scenario& s) {
    overload(s);
    s.network.transport.queue.bufferBytes = 1e12;
  };
  WindowOptions window = hours(9, 9, 3);
  window.untilSeconds = window.fromSeconds + 400;
  window.warmUpSeconds = 0;
  double nine = 9 * 3600.0;
  auto growing = simulate("tests/scenarios/network/overload.yaml", window, unbounded);
  auto at55 = figuresOf(growing, "check", nine + 50, nine + 60);
  auto early = figuresOf(growing, "check", nine, nine + 60);
  auto late = figuresOf(growing, "check", nine + 110, nine + 400);
  std::printf(
      "  128%%, no loss: arrivals at 50-60 s wait %.1f s (theory %.1f s); time-outs "
      "%zu in the first minute, %zu after 110 s\n",
      at55.mean, 0.28 * 55, early.timeouts, late.timeouts);
  EXPECT_NEAR(at55.mean, 0.28 * 55, 0.1 * 0.28 * 55);
  EXPECT_EQ(early.timeouts, 0u);
  EXPECT_GT(late.timeouts, 0u);

  window = hours(9, 11, 3);
  auto lossy = figuresOf(simulate("tests/scenarios/network/overload.yaml", window, overload),
                         "check", nine + 5400, nine + 7200);
  double carried = double(lossy.completed) * 20e3 / 1800;
  std::printf(
      "  128%%, DropTail: mean %.1f s, p95 %.1f s, %zu time-outs, carried %.0f%% of the "
      "link\n",
      lossy.mean, lossy.p95, lossy.timeouts, 100 * carried / kLinkRate);
  EXPECT_GT(lossy.timeouts, 0u);
  // Counted by arrival time, whose edges blur by the latency: a few percent either way.
  EXPECT_LT(carried, 1.05 * kLinkRate);
  EXPECT_GT(carried, 0.80 * kLinkRate);

  auto normal =
      figuresOf(simulate("tests/scenarios/network/overload.yaml", hours(9, 10, 3)), "check");
  EXPECT_EQ(normal.timeouts, 0u);
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

// tests/scenarios/network/line-sharing.yaml replayed from a trace: hospital-a's 100 Mb/s line
// carries 11.866 MB/s of payload; the 10 Gb/s link beyond never limits it. The round trip is
// 10 ms, so a fresh 50 MB transfer spends 4 rounds in slow start: 40 ms less the 15 x 14.6 KB
// they carry (about 20 ms lost, less when it starts against a share).
constexpr double kLineRate = 100e6 / 8 * 1460 / 1538;
constexpr double kUpload = 50e6 / kLineRate;  // 4.214 s alone

std::vector<Ended> replay(const std::vector<core::TraceArrival>& rows, const Adjust& adjust = {}) {
  WindowOptions options = hours(0, 24, 1);
  options.trace = &rows;
  return simulate("tests/scenarios/network/line-sharing.yaml", options, adjust);
}

std::vector<double> latencies(const std::vector<Ended>& ended, const std::string& service,
                              double start) {
  std::vector<double> out;
  for (const auto& e : ended)
    if (e.service == service && e.start == start && e.outcome == "completed")
      out.push_back(e.latency());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DesNetwork, AFacilitysTransfersShareItsLine) {
  const double alone = 10 * 3600.0, pair = 11 * 3600.0, mixed = 12 * 3600.0;
  std::vector<core::TraceArrival> rows = {
      {alone, "hospital-a", "imaging", 50e6, -1},
      {pair, "hospital-a", "imaging", 50e6, -1},
      {pair, "hospital-a", "imaging", 50e6, -1},
      {mixed, "hospital-a", "image-fetch", -1, 50e6},
      {mixed, "hospital-a", "image-fetch", -1, 50e6},
      {mixed, "hospital-a", "imaging", 50e6, -1},
  };
  auto ended = replay(rows);
  auto one = latencies(ended, "imaging", alone);
  auto two = latencies(ended, "imaging", pair);
  auto up = latencies(ended, "imaging", mixed);
  auto down = latencies(ended, "image-fetch", mixed);
  ASSERT_EQ(one.size(), 1u);
  ASSERT_EQ(two.size(), 2u);
  ASSERT_EQ(up.size(), 1u);
  ASSERT_EQ(down.size(), 2u);
  std::printf(
      "  alone %.3f s; two at once %.3f and %.3f s; beside two downloads %.3f s, the "
      "downloads %.3f and %.3f s\n",
      one[0], two[0], two[1], up[0], down[0], down[1]);
  EXPECT_NEAR(one[0], kUpload + 0.025, 0.01);  // + slow start and latency
  for (double t : two) EXPECT_NEAR(t, 2 * kUpload + 0.025, 0.03);
  EXPECT_NEAR(up[0], one[0], 0.01) << "the upload has the line's other direction to itself";
  for (double t : down) EXPECT_NEAR(t, 2 * kUpload + 0.025, 0.03);
}

// A request sent while two uploads fill the line waits behind their DropTail queue (50 ms of
// the line: 593 KB, which two NewReno flows keep between 415 and 593 KB full, 35-50 ms);
// under FQ-CoDel it passes ahead of them.
TEST(DesNetwork, ARequestWaitsBehindUploadsUnlessFqCodel) {
  const double quiet = 13 * 3600.0, busy = 14 * 3600.0;
  std::vector<core::TraceArrival> rows = {
      {quiet, "hospital-a", "e-prescription", -1, -1},
      {busy, "hospital-a", "imaging", 500e6, -1},
      {busy, "hospital-a", "imaging", 500e6, -1},
      {busy + 5, "hospital-a", "e-prescription", -1, -1},
  };
  auto droptail = replay(rows);
  auto fq = replay(
      rows, [](Scenario& s) { s.network.transport.queue.discipline = QueueDiscipline::FqCodel; });
  double idle = latencies(droptail, "e-prescription", quiet).at(0);
  double behind = latencies(droptail, "e-prescription", busy + 5).at(0);
  double fair = latencies(fq, "e-prescription", busy + 5).at(0);
  std::printf("  request alone %.1f ms; beside two uploads: DropTail %.1f ms, FQ-CoDel %.1f ms\n",
              idle * 1e3, behind * 1e3, fair * 1e3);
  EXPECT_GT(behind - idle, 0.035);
  EXPECT_LT(behind - idle, 0.051);
  EXPECT_LT(fair - idle, 0.005);
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

// tests/scenarios/network/transport.yaml on an idle network (round trip 20 ms), sizes fixed:
// a new TCP connection adds one round trip, TLS 1.3 two, TLS 1.2 three; a 64 KB response on a
// fresh connection also waits two slow-start rounds less what they carry at the 100 Mb/s
// line's payload rate (40 ms - 3 x 14.6 KB / 11.866 MB/s = 36.3 ms), and takes 5.05 ms longer
// on the line than a 4 KB one.
TEST(DesNetwork, ConnectionSetupAndSlowStartCostRoundTrips) {
  auto ended = simulate("tests/scenarios/network/transport.yaml", hours(9, 12, 2));
  double kept = figuresOf(ended, "kept-open").p50;
  double tcp = figuresOf(ended, "new-tcp").p50;
  double tls13 = figuresOf(ended, "tls13").p50;
  double tls12 = figuresOf(ended, "tls12").p50;
  double large = figuresOf(ended, "large-answer").p50;
  std::printf(
      "  p50: kept open %.2f ms, new TCP %.2f, TLS 1.3 %.2f, TLS 1.2 %.2f, 64 KB "
      "answer on new TCP %.2f\n",
      kept * 1e3, tcp * 1e3, tls13 * 1e3, tls12 * 1e3, large * 1e3);
  EXPECT_NEAR(tcp - kept, 0.020, 1e-4);
  EXPECT_NEAR(tls13 - kept, 0.040, 1e-4);
  EXPECT_NEAR(tls12 - kept, 0.060, 1e-4);
  double line = 100e6 / 8 * 1460 / 1538;
  EXPECT_NEAR(large - tcp, 0.040 - 3 * 14600 / line + 60e3 / line, 2e-4);
}

}  // namespace
}  // namespace tsunagu::des
