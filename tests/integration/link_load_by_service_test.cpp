// A link's load by service (the planner knows it): `plan --link` and `topology --link` print
// it, and a name that is no link is bad input before anything is written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>

#include "test_support.hpp"

namespace tsunagu::test {
namespace {

namespace fs = std::filesystem;

std::string planCheck() {
  return sourcePath("tests/scenarios/plan-check.yaml");
}

// The rows of the printed table whose first cell is `name`: the numbers after it.
std::vector<double> row(const std::string& text, const std::string& name) {
  std::smatch m;
  std::regex line("\\n +" + name + "((?: +[\\d,.]+)+)\\n");
  if (!std::regex_search(text, m, line)) return {};
  std::vector<double> values;
  std::string rest = m[1];
  std::regex number("[\\d,.]+");
  for (auto it = std::sregex_iterator(rest.begin(), rest.end(), number);
       it != std::sregex_iterator(); ++it) {
    std::string n = it->str();
    n.erase(std::remove(n.begin(), n.end(), ','), n.end());
    values.push_back(std::stod(n));
  }
  return values;
}

TEST(LinkLoadByService, PlanPrintsTheBusyHourOfEachYearByService) {
  fs::path out =
      fs::temp_directory_path() / ("link-by-service-" + std::to_string(getpid()) + ".h5");
  CommandResult result =
      runTsunagu("plan '" + planCheck() + "' -o '" + out.string() + "' --link 'core -- dc' -q");
  ASSERT_EQ(result.exitCode, 0) << result.errors;
  EXPECT_NE(result.output.find("Link 'core -- dc' (custom) at its busy hour, by service"),
            std::string::npos)
      << result.output;
  // plan-check has one service: its row is the whole busy-hour load, year by year.
  std::vector<double> eligibility = row(result.output, "eligibility"),
                      total = row(result.output, "total");
  ASSERT_FALSE(total.empty()) << result.output;
  ASSERT_EQ(eligibility.size(), total.size()) << result.output;
  for (size_t y = 0; y < total.size(); ++y) EXPECT_NEAR(eligibility[y], total[y], 0.011);
  EXPECT_GT(total.back(), 0);
  fs::remove(out);
  fs::remove(fs::path(out).replace_extension(".csv"));
}

TEST(LinkLoadByService, AnUnknownLinkIsBadInputAndWritesNothing) {
  fs::path out = fs::temp_directory_path() / ("link-unknown-" + std::to_string(getpid()) + ".h5");
  CommandResult result =
      runTsunagu("plan '" + planCheck() + "' -o '" + out.string() + "' --link 'core -- nowhere'");
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("key '--link': no link named 'core -- nowhere'"), std::string::npos)
      << result.errors;
  EXPECT_NE(result.errors.find("core -- dc"), std::string::npos) << result.errors;
  EXPECT_FALSE(fs::exists(out));
}

TEST(LinkLoadByService, TopologyShowsTheBusiestHourOfTheDate) {
  CommandResult result =
      runTsunagu("topology '" + planCheck() + "' --date 2023-06-05 --link 'pop -- core'");
  ASSERT_EQ(result.exitCode, 0) << result.errors;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      result.output, m,
      std::regex("Link 'pop -- core' on 2023-06-05: its busiest hour (\\d\\d):00-\\d\\d:59")))
      << result.output;
  EXPECT_NE(result.output.find("100.0%"), std::string::npos) << result.output;
  EXPECT_TRUE(
      std::regex_search(result.output, std::regex("\\n +eligibility +[\\d.]+ [kMG]?b/s +100\\.0%")))
      << result.output;
  CommandResult bad = runTsunagu("topology '" + planCheck() + "' --link 'pop -- nowhere'");
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_EQ(bad.output, "");
}

}  // namespace
}  // namespace tsunagu::test
