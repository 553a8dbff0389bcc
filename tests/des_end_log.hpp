#pragma once

// Every transaction's end in a DES run, for the network tests: an observer in a forked child
// (SimGrid's engine is one per process) writes them to a scratch file the parent reads back.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "fork_test.hpp"
#include "models/nation/nation_builder.hpp"
#include "sim/des/engine/window_observer.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::test {

struct Ended {
  std::string service, outcome;
  double start = 0, end = 0;  // seconds after 00:00 of the window's first day
  bool measured = true;
  double latency() const { return end - start; }
};

class EndLog : public des::WindowObserver {
 public:
  explicit EndLog(std::vector<std::string> services) : services_(std::move(services)) {}
  void begun(double dayStart, const std::vector<std::string>&) override { dayStart_ = dayStart; }
  void completed(const des::TransactionEvent& e, bool) override { add(e, "completed"); }
  void failed(const des::TransactionEvent& e, des::FailureReason reason) override {
    add(e, des::failureReasonName(reason));
  }
  std::vector<Ended> ended;

 private:
  void add(const des::TransactionEvent& e, const char* outcome) {
    ended.push_back(
        {services_[e.service], outcome, e.born - dayStart_, e.now - dayStart_, e.measured});
  }
  std::vector<std::string> services_;
  double dayStart_ = 0;
};

using Adjust = std::function<void(Scenario&)>;

// The ends of a run of `file` (a path under the source tree), the scenario changed by `adjust`.
inline std::vector<Ended> simulateEnds(const std::string& file, const des::WindowOptions& options,
                                       const Adjust& adjust = {}) {
  // One scratch file per test process and call: ctest runs tests side by side.
  static int calls = 0;
  std::string scratch = ::testing::TempDir() + "tsunagu-des-ends-" + std::to_string(getpid()) +
                        "-" + std::to_string(++calls) + ".txt";
  runForked([&] {
    Scenario scenario = io::loadScenario(sourcePath(file));
    if (adjust) adjust(scenario);
    auto nation = buildNation(scenario);
    core::Workload workload(*nation);
    EndLog log(scenario.services);
    des::WindowResult result =
        des::simulateWindow(workload, core::Design::fromScenario(scenario), options, {&log});
    EXPECT_TRUE(result.conserved);
    std::ofstream out(scratch);
    out.precision(17);
    for (const auto& e : log.ended)
      out << e.service << " " << e.outcome << " " << e.start << " " << e.end << " " << e.measured
          << "\n";
  });
  std::vector<Ended> ended;
  std::ifstream in(scratch);
  Ended e;
  while (in >> e.service >> e.outcome >> e.start >> e.end >> e.measured) ended.push_back(e);
  std::remove(scratch.c_str());
  return ended;
}

}  // namespace tsunagu::test
