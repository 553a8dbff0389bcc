// The network pieces of the discrete-event engine on their own: a link direction's queue
// (Lindley's FIFO against M/M/1 theory, DropTail's standing queue and losses, FQ-CoDel's
// turns), a facility line shared by its transfers, TCP's slow start, and the refill ramp after
// a flow leaves a bottleneck.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "sim/des/network/link_queue.hpp"
#include "sim/des/network/refill_ramp.hpp"
#include "sim/des/network/shared_line.hpp"
#include "sim/des/network/tcp_timing.hpp"

namespace tsunagu::des {
namespace {

QueueSettings unbounded(QueueDiscipline discipline = QueueDiscipline::DropTail) {
  QueueSettings queue;
  queue.discipline = discipline;
  queue.bufferBytes = 1e15;
  return queue;
}

// M/M/1 at load 0.85: Poisson messages with exponential sizes through one FIFO link. The time
// in system is exponential with rate mu - lambda, so its mean is 1/(mu - lambda) and its 95th
// percentile ln(20)/(mu - lambda). 400,000 messages: the standard error of the mean at this
// load is about 1.5%; tolerance 4% for the mean and 5% for the percentile.
TEST(LinkQueue, FifoMatchesMm1Theory) {
  const double rate = 1e6, meanBytes = 1e4, load = 0.85;
  const double mu = rate / meanBytes, lambda = load * mu;
  LinkQueue queue(rate, unbounded(), TransportSettings{});
  std::mt19937_64 random(7);
  std::exponential_distribution<double> gap(lambda), size(1 / meanBytes);
  std::vector<double> sojourn;
  double now = 0, total = 0;
  for (int i = 0; i < 400000; ++i) {
    now += gap(random);
    Passage p = queue.pass(now, size(random), {});
    ASSERT_FALSE(p.lost);
    sojourn.push_back(p.waitSeconds + p.transferSeconds);
    total += sojourn.back();
  }
  std::sort(sojourn.begin(), sojourn.end());
  double theoryMean = 1 / (mu - lambda);
  EXPECT_NEAR(total / double(sojourn.size()), theoryMean, 0.04 * theoryMean);
  double p95 = sojourn[size_t(0.95 * double(sojourn.size()))];
  EXPECT_NEAR(p95, std::log(20.0) * theoryMean, 0.05 * std::log(20.0) * theoryMean);
}

// One NewReno flow filling a 100 Mb/s link with a 20 ms round trip (P = 250 KB) and a 300 KB
// buffer: its window swings between (P + B)/2 = 275 KB and P + B = 550 KB, so the queue holds
// 25 KB to 300 KB, linearly in time: 162.5 KB on average.
TEST(LinkQueue, DropTailStandingQueueFollowsTheSawtooth) {
  QueueSettings queue;
  queue.bufferBytes = 300e3;
  LinkQueue link(12.5e6, queue, TransportSettings{});
  BulkLoad bulk{1, true, 0.020};
  double low = 1e18, high = 0, sum = 0;
  const int samples = 100000;
  for (int i = 0; i < samples; ++i) {
    double q = link.standingBytes(i * 0.001, bulk);
    low = std::min(low, q), high = std::max(high, q), sum += q;
  }
  EXPECT_NEAR(low, 25e3, 1e3);
  EXPECT_NEAR(high, 300e3, 1e3);
  EXPECT_NEAR(sum / samples, 162.5e3, 5e3);
  EXPECT_EQ(link.standingBytes(0.5, {1, false, 0.020}), 0) << "no queue without saturation";
  queue.discipline = QueueDiscipline::FqCodel;
  EXPECT_EQ(LinkQueue(12.5e6, queue, TransportSettings{}).standingBytes(0.5, bulk), 0);
}

// A message waits behind the standing queue of a DropTail buffer, and one whose first packet
// finds the buffer full is lost; under FQ-CoDel it skips the flows' queue but its later
// packets take turns with the k flows.
TEST(LinkQueue, BulkFlowsDelayOrDropMessages) {
  QueueSettings queue;
  queue.bufferBytes = 300e3;
  TransportSettings tcp;
  LinkQueue droptail(12.5e6, queue, tcp);
  BulkLoad bulk{1, true, 0.020};
  int lost = 0, passed = 0;
  double waited = 0;
  for (int i = 0; i < 20000; ++i) {
    double now = i * 0.01;
    double standing = droptail.standingBytes(now, bulk);
    Passage p = droptail.pass(now, 2000, bulk);
    if (p.lost) {
      ++lost;
      EXPECT_GT(standing + tcp.packetBytes(), 300e3);
      continue;
    }
    ++passed;
    EXPECT_NEAR(p.waitSeconds, standing / 12.5e6, 1e-9);
    waited += p.waitSeconds;
  }
  // The queue is within a packet of full for 1,538 of the 275,000 bytes the sawtooth climbs.
  EXPECT_NEAR(double(lost) / 20000, 1538.0 / 275e3, 0.003);
  EXPECT_NEAR(waited / passed, 162.5e3 / 12.5e6, 0.001);

  queue.discipline = QueueDiscipline::FqCodel;
  LinkQueue fq(12.5e6, queue, tcp);
  Passage p = fq.pass(1.0, 20000, {3, true, 0.020});
  EXPECT_FALSE(p.lost);
  EXPECT_EQ(p.waitSeconds, 0);
  EXPECT_NEAR(p.transferSeconds, (20000 + 3 * (20000 - tcp.packetBytes())) / 12.5e6, 1e-12);
}

TEST(LinkQueue, OverloadBuildsABacklogThenLoses) {
  QueueSettings queue;
  queue.bufferBytes = 150e3;
  LinkQueue link(1.25e6, queue, TransportSettings{});  // 10 Mb/s
  double now = 0, lastWait = 0;
  int lost = 0;
  for (int i = 0; i < 2000; ++i, now += 0.01) {  // 20 KB every 10 ms: 2 MB/s on 1.25 MB/s
    Passage p = link.pass(now, 20000, {});
    if (p.lost) {
      ++lost;
      continue;
    }
    EXPECT_GE(p.waitSeconds + 1e-12, lastWait * (i < 8 ? 1 : 0));
    lastWait = p.waitSeconds;
  }
  EXPECT_LE(lastWait, 150e3 / 1.25e6 + 1e-9) << "the buffer bounds the wait";
  // What is not lost is what the line carries: 1.25 of the 2 MB offered each second.
  EXPECT_NEAR(double(2000 - lost) / 2000, 1.25 / 2.0, 0.02);
}

// Two 50 MB uploads over one 100 Mb/s line at once take 8 s each, not 4; one starting 2 s
// later leaves with the first's last 25 MB shared: the first ends at 6 s, the second at 8 s.
TEST(SharedLine, TransfersSplitTheLine) {
  EventScheduler scheduler;
  SharedLine line(scheduler, 12.5e6);
  std::vector<double> ends;
  line.add(50e6, [&] { ends.push_back(scheduler.now()); });
  line.add(50e6, [&] { ends.push_back(scheduler.now()); });
  scheduler.run();
  ASSERT_EQ(ends.size(), 2u);
  EXPECT_NEAR(ends[0], 8.0, 1e-9);
  EXPECT_NEAR(ends[1], 8.0, 1e-9);

  EventScheduler later;
  SharedLine staggered(later, 12.5e6);
  std::vector<std::pair<int, double>> order;
  staggered.add(50e6, [&] { order.push_back({1, later.now()}); });
  later.at(2.0, [&] { staggered.add(50e6, [&] { order.push_back({2, later.now()}); }); });
  later.run();
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0].first, 1);
  EXPECT_NEAR(order[0].second, 6.0, 1e-9);
  EXPECT_NEAR(order[1].second, 8.0, 1e-9);
}

// 10 segments of 1,460 B = 14.6 KB first; at 12.5 MB/s and 20 ms the window must cover 250 KB:
// ceil(log2(250 / 14.6)) = 5 doublings, in which 31 x 14.6 KB = 452.6 KB leave. A 50 MB
// transfer waits 5 round trips less what they carried: 0.1 s - 452.6 KB / 12.5 MB/s.
// A 30 KB message needs rounds of 14.6 and 29.2 KB: one round trip less 14.6 KB of transfer.
TEST(TcpTiming, SlowStartAndHandshakes) {
  TransportSettings tcp;
  EXPECT_NEAR(slowStartPenalty(50e6, 12.5e6, 0.020, tcp), 0.1 - 31 * 14600 / 12.5e6, 1e-12);
  EXPECT_NEAR(slowStartPenalty(30e3, 12.5e6, 0.020, tcp), 0.020 - 14600 / 12.5e6, 1e-12);
  EXPECT_EQ(slowStartPenalty(10e3, 12.5e6, 0.020, tcp), 0) << "fits the initial window";
  tcp.slowStart = false;
  EXPECT_EQ(slowStartPenalty(50e6, 12.5e6, 0.020, tcp), 0);
  tcp.connection = ConnectionSetup::Tls12;
  EXPECT_NEAR(setupSeconds(tcp, 0.020), 0.060, 1e-12);
  tcp.connection = ConnectionSetup::Tls13;
  EXPECT_NEAR(setupSeconds(tcp, 0.020), 0.040, 1e-12);
  EXPECT_NEAR(TransportSettings{}.bandwidthFactor(), 1460.0 / 1538.0, 1e-12);
}

// Half a segment a round trip with delayed ACKs: 0.5 x 1,448 B / (68 ms)^2 = 156.6 kB/s^2,
// i.e. 1.25 Mb/s more every second; a ten-times shorter RTT climbs a hundred times faster.
TEST(RefillRamp, SlopeIsSegmentsPerRoundTripSquared) {
  EXPECT_NEAR(refillSlope(1448, 1.5, 0.068), 156574, 1);
  EXPECT_NEAR(refillSlope(1448, 1.5, 0.0068) / refillSlope(1448, 1.5, 0.068), 100, 1e-9);
  EXPECT_EQ(refillSlope(1448, 1.0, 0.068), 0);  // no growth, no ramp
}

// Three flows share 12 MB/s; one leaves at t = 10: the two others start from their 8 MB/s
// and climb at 1 MB/s^2 until they have the whole link 4 s later.
TEST(RefillRamp, ClimbsFromTheSurvivorsShareToTheLink) {
  RefillRamp ramp;
  EXPECT_TRUE(std::isinf(ramp.ceiling(0)));
  ramp.depart(10, 12e6, 2, 1e6, 0.05);
  ASSERT_TRUE(ramp.active(10));
  EXPECT_DOUBLE_EQ(ramp.ceiling(10), 8e6);
  EXPECT_DOUBLE_EQ(ramp.ceiling(12), 10e6);
  EXPECT_DOUBLE_EQ(ramp.end(), 14);
  EXPECT_FALSE(ramp.active(14));
  EXPECT_TRUE(std::isinf(ramp.ceiling(14.5)));
}

// A second departure during a ramp starts from where the ramp was, not from the whole link;
// a newcomer ends it; a ramp shorter than the threshold is not made.
TEST(RefillRamp, DeparturesNewcomersAndShortRamps) {
  RefillRamp ramp;
  ramp.depart(0, 12e6, 2, 1e6, 0.05);  // 8 MB/s at t = 0
  unsigned first = ramp.generation();
  ramp.depart(2, 12e6, 1, 0.5e6, 0.05);  // 10 MB/s at t = 2; one of two leaves
  EXPECT_NE(ramp.generation(), first);
  EXPECT_DOUBLE_EQ(ramp.ceiling(2), 5e6);
  EXPECT_DOUBLE_EQ(ramp.end(), 12);
  ramp.cancel();
  EXPECT_FALSE(ramp.active(3));
  ramp.depart(20, 12e6, 100, 1e9, 0.05);  // many fast flows refill 0.12 MB/s in 0.1 ms
  EXPECT_FALSE(ramp.active(20));
  ramp.depart(30, 12e6, 0, 1e6, 0.05);  // nobody left to refill
  EXPECT_FALSE(ramp.active(30));
}

}  // namespace
}  // namespace tsunagu::des
