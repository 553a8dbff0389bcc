// Bad input through the real binary: exit code 2, one "error: file:line:column: ..." line on
// stderr, and no partial output (nothing on stdout, no --csv file).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tsunagu::test {
namespace {

namespace fs = std::filesystem;

std::string quote(const std::string& text) {
  return "'" + text + "'";
}

std::string bad(const std::string& file) {
  return sourcePath("tests/scenarios/bad/" + file);
}

std::vector<std::string> yamlFilesIn(const std::string& directory) {
  std::set<std::string> sorted;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      sorted.insert(entry.path().string());
  return {sorted.begin(), sorted.end()};
}

int countLines(const std::string& text) {
  return int(std::count(text.begin(), text.end(), '\n'));
}

// A --csv target unique to this process and test; removed (with any .partial) on destruction.
class TemporaryCsv {
 public:
  TemporaryCsv() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (fs::temp_directory_path() /
             ("tsunagu-cli-" + std::to_string(getpid()) + "-" + info->name() + ".csv"))
                .string();
    remove();
  }
  ~TemporaryCsv() { remove(); }
  const std::string& path() const { return path_; }
  std::string partial() const { return path_ + ".partial"; }

 private:
  void remove() {
    std::error_code ignored;
    fs::remove(path_, ignored);
    fs::remove(partial(), ignored);
  }
  std::string path_;
};

// --- validate ------------------------------------------------------------------------------

struct Located {
  const char* file;
  const char* location;  // "line:column: key '...': " as the error line must continue
};

TEST(CliBadInput, ValidateReportsFileLineColumnOnStderrAndExits2) {
  const Located cases[] = {
      {"01-empty.yaml", "1:1: the scenario file is empty"},
      {"02-not-yaml-unbalanced.yaml", "4:10: not valid YAML"},
      {"05-list-for-map.yaml", "3:11: key 'topology': expected a map"},
      {"06-typo-top-level-key.yaml", "3:1: key 'topolgy': unknown key; did you mean 'topology'?"},
      {"08-wrong-unit-capacity.yaml",
       "10:65: key 'topology.links[0].capacity': expected a bit rate"},
      {"10-huge-capacity.yaml",
       "11:64: key 'topology.links[1].capacity': value '1e400Gbps' is out of range"},
      {"13-bad-date.yaml", "6:10: key 'horizon.start': expected a date as YYYY-MM-DD"},
      {"21-line-mix-sum.yaml", "7:5: key 'line_mix.clinic': the shares sum to 80%"},
      {"29-consolidation-without-ix.yaml",
       "12:12: key 'rollout.one-line-per-facility.event': line consolidation"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    CommandResult result = runTsunagu("validate " + quote(bad(c.file)));
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.output, "");
    std::string expected = "error: " + bad(c.file) + ":" + c.location;
    EXPECT_EQ(result.errors.rfind(expected, 0), 0u)
        << "stderr: " << result.errors << "\nexpected start: " << expected;
    EXPECT_EQ(countLines(result.errors), 1) << result.errors;
  }
}

TEST(CliBadInput, ValidateGivesEveryBadCaseALineAndColumn) {
  const std::regex errorLine(R"(error: \S+\.yaml:[1-9][0-9]*:[1-9][0-9]*: .+\n)");
  for (const auto& file : yamlFilesIn(sourcePath("tests/scenarios/bad"))) {
    SCOPED_TRACE(file);
    CommandResult result = runTsunagu("validate " + quote(file));
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.output, "");
    EXPECT_TRUE(std::regex_match(result.errors, errorLine)) << "stderr: " << result.errors;
  }
}

TEST(CliBadInput, ValidateReportsEachOfSeveralBadFiles) {
  std::vector<std::string> files = {bad("06-typo-top-level-key.yaml"), bad("13-bad-date.yaml"),
                                    bad("26-money-without-currency.yaml")};
  std::string arguments = "validate";
  for (const auto& f : files) arguments.append(" ").append(quote(f));
  CommandResult result = runTsunagu(arguments);
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_EQ(countLines(result.errors), int(files.size())) << result.errors;
  for (const auto& f : files)
    EXPECT_NE(result.errors.find("error: " + f + ":"), std::string::npos) << f;
}

TEST(CliBadInput, ValidateWithOneBadFileAmongGoodOnesExits2) {
  CommandResult result = runTsunagu("validate " + quote(sourcePath("scenarios/small-region.yaml")) +
                                    " " + quote(bad("23-duplicate-key.yaml")));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.errors.find("23-duplicate-key.yaml:7:1: key 'horizon'"), std::string::npos)
      << result.errors;
}

TEST(CliBadInput, ValidateMissingFileExits2) {
  CommandResult result = runTsunagu("validate " + quote(bad("no-such-file.yaml")));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("cannot open the scenario file: No such file or directory"),
            std::string::npos)
      << result.errors;
}

TEST(CliBadInput, ValidateAcceptsEveryShippedScenario) {
  std::vector<std::string> files = yamlFilesIn(sourcePath("scenarios"));
  ASSERT_FALSE(files.empty());
  std::string arguments = "validate";
  for (const auto& f : files) arguments.append(" ").append(quote(f));
  CommandResult result = runTsunagu(arguments);
  EXPECT_EQ(result.exitCode, 0) << result.errors;
  EXPECT_EQ(result.errors, "");
  EXPECT_EQ(countLines(result.output), int(files.size())) << result.output;
  for (const auto& f : files)
    EXPECT_NE(result.output.find("ok: " + f + " "), std::string::npos) << f;
}

// --- topology and demand: no partial output --------------------------------------------------

TEST(CliBadInput, TopologyOnBadScenarioExits2WithEmptyStdout) {
  for (const char* file :
       {"07-typo-nested-key.yaml", "15-undefined-node.yaml", "30-horizon-beyond-2030.yaml"}) {
    SCOPED_TRACE(file);
    CommandResult result = runTsunagu("topology " + quote(bad(file)));
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.output, "");
    EXPECT_EQ(result.errors.rfind("error: " + bad(file) + ":", 0), 0u) << result.errors;
  }
}

TEST(CliBadInput, DemandOnBadScenarioExits2WithoutStdoutOrCsv) {
  for (const char* file : {"12-zero-capacity.yaml", "17-undefined-service-rollout.yaml",
                           "22-adoption-share-over-100.yaml"}) {
    SCOPED_TRACE(file);
    TemporaryCsv csv;
    CommandResult result =
        runTsunagu("demand " + quote(bad(file)) + " --date 2023-05-08 --csv " + quote(csv.path()));
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.output, "");
    EXPECT_EQ(result.errors.rfind("error: " + bad(file) + ":", 0), 0u) << result.errors;
    EXPECT_FALSE(fs::exists(csv.path()));
    EXPECT_FALSE(fs::exists(csv.partial()));
  }
}

TEST(CliBadInput, DemandWithMalformedDateWritesNoCsv) {
  TemporaryCsv csv;
  CommandResult result = runTsunagu("demand " + quote(sourcePath("scenarios/small-region.yaml")) +
                                    " --date 2023-13-01 --csv " + quote(csv.path()));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("error: "), std::string::npos);
  EXPECT_NE(result.errors.find("--date"), std::string::npos) << result.errors;
  EXPECT_NE(result.errors.find("expected a date as YYYY-MM-DD, got '2023-13-01'"),
            std::string::npos)
      << result.errors;
  EXPECT_FALSE(fs::exists(csv.path()));
  EXPECT_FALSE(fs::exists(csv.partial()));
}

TEST(CliBadInput, DemandWithDateOutsideHorizonWritesNoCsv) {
  TemporaryCsv csv;  // small-region runs 2020-04-01..2026-03-31
  CommandResult result = runTsunagu("demand " + quote(sourcePath("scenarios/small-region.yaml")) +
                                    " --date 2019-05-08 --csv " + quote(csv.path()));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("outside the horizon"), std::string::npos) << result.errors;
  EXPECT_FALSE(fs::exists(csv.path()));
  EXPECT_FALSE(fs::exists(csv.partial()));
}

TEST(CliBadInput, DemandWithGoodInputWritesCsv) {
  TemporaryCsv csv;
  CommandResult result = runTsunagu("demand " + quote(sourcePath("scenarios/small-region.yaml")) +
                                    " --date 2023-05-08 --csv " + quote(csv.path()));
  EXPECT_EQ(result.exitCode, 0) << result.errors;
  EXPECT_EQ(result.errors, "");
  EXPECT_NE(result.output.find("scenario 'small-region' on 2023-05-08"), std::string::npos);
  ASSERT_TRUE(fs::exists(csv.path()));
  EXPECT_FALSE(fs::exists(csv.partial()));
  std::ifstream in(csv.path());
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(header, "date,scope,service,hour,transactions,bytes");
  EXPECT_EQ(first.rfind("2023-05-08,", 0), 0u) << first;
}

// --- the command line itself -----------------------------------------------------------------

TEST(CliBadInput, VersionExits0) {
  CommandResult result = runTsunagu("--version");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output.rfind("tsunagu ", 0), 0u) << result.output;
}

TEST(CliBadInput, UnknownSubcommandExits2) {
  CommandResult result =
      runTsunagu("frobnicate " + quote(sourcePath("scenarios/small-region.yaml")));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors, "");
}

TEST(CliBadInput, UnknownOptionExits2) {
  CommandResult result =
      runTsunagu("validate --frobnicate " + quote(sourcePath("scenarios/small-region.yaml")));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("--frobnicate"), std::string::npos) << result.errors;
}

TEST(CliBadInput, NoSubcommandExits2) {
  CommandResult result = runTsunagu("");
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
}

TEST(CliBadInput, DemandWithoutDateExits2) {
  CommandResult result = runTsunagu("demand " + quote(sourcePath("scenarios/small-region.yaml")));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("--date"), std::string::npos) << result.errors;
}

}  // namespace
}  // namespace tsunagu::test
