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

// The cells of the printed table's row whose first cell is `name`, as text.
std::string cells(const std::string& text, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex("\\n  " + name + " +([^\\n]+)\\n"))) return "";
  return m[1];
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
  std::string eligibility = cells(result.output, "eligibility"),
              total = cells(result.output, "total");
  ASSERT_FALSE(total.empty()) << result.output;
  EXPECT_EQ(eligibility, total) << result.output;
  EXPECT_TRUE(std::regex_search(total, std::regex("[1-9][\\d.]* [kMG]?b/s$"))) << total;
  EXPECT_FALSE(cells(result.output, "busy hour").empty()) << result.output;
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
