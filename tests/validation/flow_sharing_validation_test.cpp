#include <gtest/gtest.h>

#include <map>

#include "fork_test.hpp"
#include "sim/des/simgrid/flow_network.hpp"

namespace tsunagu::des {
namespace {

// Two 100 Mb/s links A and B. Flows of 100 MB on paths
//   f0: A    f1: A then B    f2: B    f3: B
// Max-min fair shares: B is split three ways (33.3 Mb/s each); f1 is held to that on A too,
// so f0 gets the 66.7 Mb/s left on A. Completion = bytes / share (the engine adds latency).
constexpr double kBytes = 100e6;

std::map<int, double> runFlows(const std::vector<FlowPath>& paths,
                               std::function<void(FlowNetwork&)> during = {}) {
  FlowNetwork network({{"A", 100e6}, {"B", 100e6}}, paths);
  std::map<int, double> finished;
  for (size_t p = 0; p < paths.size(); ++p) {
    network.startFlow(p, kBytes, [&finished, p](FlowEnd end, double time) {
      finished[int(p)] = end == FlowEnd::Finished ? time : -time;
    });
  }
  if (during) during(network);
  network.runUntil(1e6);
  return finished;
}

TEST(FlowSharingValidation, MaxMinFairSharesOnASharedBottleneck) {
  test::runForked([] {
    std::vector<FlowPath> paths = {
        {{{0, true}}}, {{{0, true}, {1, true}}}, {{{1, true}}}, {{{1, true}}}};
    auto finished = runFlows(paths);
    double third = 100e6 / 3 / 8;  // bytes/s
    double expectedShared = kBytes / third;
    EXPECT_NEAR(finished[1], expectedShared, 0.01 * expectedShared);
    EXPECT_NEAR(finished[2], kBytes / third, 0.01 * expectedShared);
    EXPECT_NEAR(finished[3], kBytes / third, 0.01 * expectedShared);
    double expectedRest = kBytes / (2 * third);
    EXPECT_NEAR(finished[0], expectedRest, 0.01 * expectedRest);
  });
}

TEST(FlowSharingValidation, DirectionsAreIndependent) {
  test::runForked([] {
    // f0 forward and f1 backward on A do not share.
    std::vector<FlowPath> paths = {{{{0, true}}}, {{{0, false}}}};
    auto finished = runFlows(paths);
    double full = kBytes / (100e6 / 8);
    EXPECT_NEAR(finished[0], full, 0.01 * full);
    EXPECT_NEAR(finished[1], full, 0.01 * full);
  });
}

TEST(FlowSharingValidation, AFailedLinkFailsTheFlowsCrossingIt) {
  test::runForked([] {
    std::vector<FlowPath> paths = {{{{0, true}}}, {{{1, true}}}};
    auto finished = runFlows(paths, [](FlowNetwork& network) {
      network.runUntil(2.0);
      EXPECT_NEAR(network.usage(0, true), 100e6 / 8, 1.0);
      network.setLinkUp(0, false);
    });
    EXPECT_LT(finished[0], 0);  // failed, at time 2
    EXPECT_NEAR(-finished[0], 2.0, 1e-6);
    EXPECT_GT(finished[1], 0);
  });
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

TEST(FlowNetworkClock, AdvancesWhileIdleSoLaterFlowsStartOnTime) {
  test::runForked([] {
    FlowNetwork network({{"A", 8e6}}, {{{{0, true}}}});
    network.runUntil(5.0);
    EXPECT_DOUBLE_EQ(network.now(), 5.0);
    double finished = 0;
    network.startFlow(0, 1e6, [&](FlowEnd, double time) { finished = time; });
    network.runUntil(100);
    EXPECT_NEAR(finished, 6.0, 1e-9);  // 1 MB at 1 MB/s, started at 5 s
  });
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

TEST(FlowNetworkClock, SmallMessagesTakeBytesOverBandwidth) {
  test::runForked([] {
    FlowNetwork network({{"A", 100e6}, {"B", 10e9}}, {{{{1, true}, {0, true}}}});
    network.runUntil(3.0);
    double finished = 0;
    network.startFlow(0, 1500, [&](FlowEnd, double time) { finished = time; });
    network.runUntil(100);
    EXPECT_NEAR(finished, 3.0 + 1500 / 12.5e6, 1e-9);
  });
}

}  // namespace
}  // namespace tsunagu::des
