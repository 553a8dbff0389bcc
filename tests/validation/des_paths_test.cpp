#include <gtest/gtest.h>

#include <fstream>

#include "fork_test.hpp"
#include "models/nation/nation_builder.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::des {
namespace {

// The fast path (transfer times from the bandwidth the flows leave) against the reference path
// (every request and response its own SimGrid comm), on the same scenario and seed: the
// latency percentiles agree within 2% (the acceptance).
std::vector<double> percentiles(bool messagesAsComms, const std::string& scratch) {
  test::runForked([messagesAsComms, scratch] {
    Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/plan-check.yaml"));
    auto nation = buildNation(scenario);
    WindowOptions window;
    window.first = *Date::parse("2023-06-05");
    window.days = 7;
    window.seed = 21;
    window.messagesAsComms = messagesAsComms;
    WindowResult result = simulateWindow(*nation, window);
    EXPECT_TRUE(result.conserved);
    std::ofstream out(scratch);
    const auto& latency = result.services.front().latency;
    out.precision(17);
    out << latency.count() << " " << latency.quantile(0.5) << " " << latency.quantile(0.95) << " "
        << latency.quantile(0.99) << "\n";
  });
  std::ifstream in(scratch);
  std::vector<double> values(4, 0.0);
  for (double& v : values) in >> v;
  return values;
}

TEST(DesPaths, FastPathAgreesWithOneCommPerMessageWithinTwoPercent) {
  std::string scratch = ::testing::TempDir() + "tsunagu-des-paths.txt";
  auto fast = percentiles(false, scratch);
  auto comms = percentiles(true, scratch);
  ASSERT_GT(fast[0], 10000);
  EXPECT_EQ(fast[0], comms[0]);  // the same transactions completed
  for (size_t q = 1; q < 4; ++q)
    EXPECT_NEAR(fast[q], comms[q], 0.02 * comms[q]) << "percentile " << q;
}

}  // namespace
}  // namespace tsunagu::des
