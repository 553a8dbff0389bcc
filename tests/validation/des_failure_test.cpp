#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>

#include "fork_test.hpp"
#include "models/nation/nation_builder.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::des {
namespace {

// tests/scenarios/ix-outage.yaml: 1,000 eligibility checks an hour; ix-1 is dark from 09:30 to
// 11:30 on 2023-06-06, the first day of the window.
constexpr double kOutageStart = 9.5 * 3600, kOutageEnd = 11.5 * 3600;
constexpr double kPerSecond = 1000 / 3600.0;

WindowResult simulate(bool secondIx, double fromSeconds = 0, double untilSeconds = 0) {
  Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/ix-outage.yaml"));
  if (secondIx) {
    CustomNode ix2;
    ix2.id = "ix-2";
    ix2.kind = NodeKind::Ix;
    scenario.nodes.push_back(ix2);
    scenario.links.push_back({"pop", "ix-2", "ix-port", "", std::nullopt,
                              std::optional<Duration>(Duration{0.004}), std::nullopt,
                              std::nullopt});
    scenario.links.push_back(
        {"ix-2", "dc", "dedicated", "", std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  }
  auto nation = buildNation(scenario);
  WindowOptions window;
  window.first = *Date::parse("2023-06-06");
  window.seed = 9;
  window.fromSeconds = fromSeconds;
  window.untilSeconds = untilSeconds;
  return simulateWindow(*nation, window);
}

TEST(DesFailures, AnIxOutageFailsExactlyTheTransactionsThatNeededItThen) {
  test::runForked([] {
    WindowResult result = simulate(false);
    EXPECT_TRUE(result.conserved);
    const ServiceOutcome& s = result.services.front();
    std::uint64_t failed = s.failedTotal();
    // Arrivals during the outage fail for want of a route; attempts under way when it began
    // fail with the link. Poisson: 2,000 expected, the bounds are seven standard deviations.
    double expected = kPerSecond * (kOutageEnd - kOutageStart);
    EXPECT_NEAR(double(failed), expected, 7 * std::sqrt(expected));
    // Exactly: every arrival during the outage, and every attempt the outage caught under way.
    EXPECT_EQ(s.failed[int(FailureReason::NoRoute)], s.arrivedInOutage);
    EXPECT_EQ(failed, s.arrivedInOutage + s.failed[int(FailureReason::LinkFailure)]);
    EXPECT_GT(s.failed[int(FailureReason::NoRoute)], 0u);
    EXPECT_EQ(s.failed[int(FailureReason::Timeout)], 0u);
    // Nothing failed before the outage or after it ended.
    EXPECT_GE(s.firstFailure, kOutageStart);
    EXPECT_LE(s.lastFailure, kOutageEnd);
    EXPECT_EQ(s.generated, s.completed + failed + s.inFlight);
  });
}

TEST(DesFailures, ASecondIxTakesOverAndNothingFails) {
  test::runForked([] {
    WindowResult result = simulate(true);
    EXPECT_TRUE(result.conserved);
    const ServiceOutcome& s = result.services.front();
    EXPECT_EQ(s.failedTotal(), 0u);
    EXPECT_GT(s.arrivedInOutage, 1000u);  // they took the second IX
    EXPECT_GT(s.completed, 20000u);
    EXPECT_EQ(s.generated, s.completed + s.inFlight);
  });
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

FailureSpec failureOf(const std::string& element, const char* date, double startHour, double hours,
                      double serversLost = 0) {
  FailureSpec f;
  f.id = element + std::to_string(startHour);
  f.element = element;
  f.target = element.find('@') != std::string::npos ? FailureSpec::Target::Pool
                                                    : FailureSpec::Target::Node;
  f.date = *Date::parse(date);
  f.startSeconds = startHour * 3600;
  f.duration = Duration{hours * 3600};
  f.serversLost = serversLost;
  return f;
}

WindowResult simulateWith(const std::vector<FailureSpec>& failures, double volumeFactor) {
  Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/ix-outage.yaml"));
  scenario.failures = failures;
  for (auto& v : scenario.data.volumes) v.volume *= volumeFactor;
  auto nation = buildNation(scenario);
  WindowOptions window;
  window.first = *Date::parse("2023-06-06");
  window.seed = 10;
  return simulateWindow(*nation, window);
}

TEST(DesFailures, TransactionsCaughtWhileWaitingToRetryAreCountedOnce) {
  test::runForked([] {
    // The pool is gone 09:00-10:00 (checks time out and wait to retry); ix-1 is dark
    // 09:30-09:40 and catches some of them between attempts.
    WindowResult result = simulateWith({failureOf("eligibility@dc", "2023-06-06", 9, 1, 1.0),
                                        failureOf("ix-1", "2023-06-06", 9.5, 1.0 / 6)},
                                       10);
    const ServiceOutcome& s = result.services.front();
    EXPECT_TRUE(result.conserved);
    EXPECT_GT(s.timeouts, 0u);
    EXPECT_GT(s.failed[int(FailureReason::LinkFailure)] + s.failed[int(FailureReason::NoRoute)],
              0u);
    EXPECT_LE(s.inFlight, s.generated);
    EXPECT_EQ(s.generated, s.completed + s.failedTotal() + s.inFlight);
  });
}

TEST(DesFailures, AnOverlappingFailureKeepsTheRouteDownUntilBothEnd) {
  test::runForked([] {
    WindowResult nested = simulateWith(
        {failureOf("ix-1", "2023-06-06", 9.5, 2), failureOf("ix-1", "2023-06-06", 10, 0.5)}, 1);
    const ServiceOutcome& s = nested.services.front();
    double expected = kPerSecond * 2 * 3600;
    EXPECT_NEAR(double(s.failedTotal()), expected, 7 * std::sqrt(expected));
    EXPECT_LE(s.lastFailure, kOutageEnd);
    EXPECT_TRUE(nested.conserved);
  });
}

}  // namespace
}  // namespace tsunagu::des

namespace tsunagu::des {
namespace {

// The IX processes every message that crosses it: two passes per check (request, response).
TEST(DesIx, EachCrossingOfTheIxAddsItsProcessing) {
  auto p50 = [](double processing, const std::string& scratch) {
    test::runForked([processing, scratch] {
      Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/ix-outage.yaml"));
      scenario.failures.clear();
      scenario.network.ixProcessors = 4;
      scenario.network.ixProcessingTime = Duration{processing};
      auto nation = buildNation(scenario);
      WindowOptions window;
      window.first = *Date::parse("2023-06-06");
      window.seed = 12;
      WindowResult result = simulateWindow(*nation, window);
      EXPECT_TRUE(result.conserved);
      std::ofstream(scratch) << std::setprecision(17) << result.services.front().latency.mean();
    });
    std::ifstream in(scratch);
    double mean = 0;
    in >> mean;
    return mean;
  };
  std::string scratch = ::testing::TempDir() + "tsunagu-ix-processing.txt";
  double without = p50(0.0, scratch), with = p50(0.02, scratch);
  // Light load (0.28 checks a second, 4 processors): hardly any waiting, so the mean grows by
  // about two processing times of 20 ms.
  EXPECT_NEAR(with - without, 0.04, 0.04 * 0.1);
}

// A window of part of a day measures only its span: from 09:00 to 10:00 half an hour runs
// before the outage and half an hour in it.
TEST(DesFailures, APartOfADayMeasuresOnlyItsSpan) {
  test::runForked([] {
    WindowResult result = simulate(false, 9 * 3600, 10 * 3600);
    EXPECT_TRUE(result.conserved);
    EXPECT_DOUBLE_EQ(result.measuredSeconds(), 3600);
    const ServiceOutcome& s = result.services.front();
    EXPECT_NEAR(double(s.generated), kPerSecond * 3600, 7 * std::sqrt(kPerSecond * 3600));
    double inOutage = kPerSecond * 1800;
    EXPECT_NEAR(double(s.arrivedInOutage), inOutage, 7 * std::sqrt(inOutage));
    EXPECT_GE(s.firstFailure, kOutageStart);
    EXPECT_LE(s.lastFailure, 10 * 3600);
    // The one-hour warm-up ran before 09:00: the pool was busy when measurement began, but
    // nothing it carried is counted.
    EXPECT_GT(result.events, s.generated * 2);
  });
}

}  // namespace
}  // namespace tsunagu::des
