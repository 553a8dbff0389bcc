#include <gtest/gtest.h>

#include "fork_test.hpp"
#include "models/nation/nation_builder.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::des {
namespace {

// tests/scenarios/stream-check.yaml: about one 8K session an hour; each carries 36 GB at
// 80 Mb/s, so it lasts an hour although the links could carry it in 29 s.
TEST(DesStreams, ASessionKeepsItsBitRateOnFastLinks) {
  test::runForked([] {
    Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/stream-check.yaml"));
    auto nation = buildNation(scenario);
    WindowOptions window;
    window.first = *Date::parse("2024-06-03");
    window.days = 7;
    window.seed = 2;
    WindowResult result = simulateWindow(*nation, window);
    const ServiceOutcome& video = result.services.front();
    ASSERT_GT(video.completed, 100u);
    EXPECT_TRUE(result.conserved);
    double session = 36e9 * 8 / 80e6;  // 3,600 s
    EXPECT_NEAR(video.latency.quantile(0.5), session, 0.01 * session);
    EXPECT_NEAR(video.latency.quantile(0.9), session, 0.01 * session);
  });
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

// tests/scenarios/bulk-check.yaml: 182 MB over the hospital's 100 Mb/s line takes 15.3 s (the
// line's payload rate is 1,460/1,538 of it), though the inner links could carry it in 0.15 s.
TEST(DesStreams, ABulkTransferIsHeldToItsSendersLine) {
  test::runForked([] {
    Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/bulk-check.yaml"));
    auto nation = buildNation(scenario);
    WindowOptions window;
    window.first = *Date::parse("2024-06-03");
    window.days = 3;
    window.seed = 3;
    WindowResult result = simulateWindow(*nation, window);
    const ServiceOutcome& dpc = result.services.front();
    ASSERT_GT(dpc.completed, 40u);
    double transfer = 182e6 / (100e6 / 8 * 1460 / 1538);
    EXPECT_NEAR(dpc.latency.quantile(0.5), transfer, 0.02 * transfer);
  });
}

}  // namespace
}  // namespace tsunagu::des
