#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

#include "sim/io/results/hdf5_file.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

namespace fs = std::filesystem;

using Rows = std::vector<std::vector<std::string>>;

Rows readCsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  Rows rows;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string f; std::getline(split, f, ',');) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

class FailuresCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // ctest runs each case in a process of its own, some at once: a directory per process.
    dir_ = fs::temp_directory_path() / ("tsunagu-failures-check-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    result_ =
        test::runTsunagu("failures " + test::sourcePath("tests/scenarios/failures-check.yaml") +
                         " --window 2023-06-06 --start 10:00 --duration 1h --des-top all -o " +
                         (dir_ / "fc.h5").string());
    for (const auto& row : readCsv((dir_ / "fc.csv").string())) cases_[row.at(1)] = row;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static const std::vector<std::string>& row(const std::string& name) { return cases_.at(name); }

  static inline fs::path dir_;
  static inline test::CommandResult result_;
  static inline std::map<std::string, std::vector<std::string>> cases_;
};

// CSV columns: rank, case, kind, rerouting, facilities_cut_off, transactions_failed,
// des_failed, worst_response_ratio, worst_service, des_worst_response_ratio, late_claims,
// des_late_claims, max_link_utilisation, conserved.
TEST_F(FailuresCommand, EverySingleFailureAndTheScenariosOwnAreStudied) {
  ASSERT_EQ(result_.exitCode, 0) << result_.errors << result_.output;
  std::set<std::string> names;
  for (const auto& [name, fields] : cases_) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"pop-1", "pop-2", "core-1", "core-2", "ix-1", "ix-2",
                                          "dc", "pop-1 -- core-1", "pop-2 -- core-1",
                                          "pop-2 -- core-2", "core-1 -- core-2", "half-the-pool"}));
  EXPECT_EQ(row("pop-1 -- core-1")[2], "backbone link");
  EXPECT_EQ(row("half-the-pool")[2], "scenario");
}

TEST_F(FailuresCommand, ConservationHoldsInEverySimulatedFailure) {
  for (const auto& [name, fields] : cases_) EXPECT_EQ(fields.at(13), "yes") << name;
  EXPECT_NE(result_.output.find("Conservation holds in every simulated failure"),
            std::string::npos);
}

// Eligibility: 10 checks a second from five clinics alike, 4 a second from clinics-a (two of
// them) and 6 from clinics-b, every hour; the failures last an hour.
TEST_F(FailuresCommand, CutOffFacilitiesAreCountedListedAndLoseTheirDemand) {
  EXPECT_EQ(row("pop-1")[4], "2");
  EXPECT_EQ(row("pop-1 -- core-1")[4], "2");  // the only way out of pop-1
  EXPECT_EQ(row("core-1")[4], "2");           // clinics-b go round by core-2
  EXPECT_EQ(row("core-1")[3], "partly");
  EXPECT_EQ(row("pop-2")[4], "3");
  EXPECT_EQ(row("dc")[4], "5");
  EXPECT_DOUBLE_EQ(std::stod(row("pop-1")[5]), 4.0 * 3600);
  EXPECT_DOUBLE_EQ(std::stod(row("dc")[5]), 10.0 * 3600);
  // The DES fails the arrivals of the hour (Poisson: within 5 standard deviations) and the
  // attempts under way when the lines went.
  for (const char* name : {"pop-1", "pop-2", "dc"}) {
    double screened = std::stod(row(name)[5]), simulated = std::stod(row(name)[6]);
    EXPECT_NEAR(simulated, screened, 5 * std::sqrt(screened) + 20) << name;
  }
  auto cutOff = readCsv((dir_ / "fc-cut-off.csv").string());
  std::set<std::string> listed;
  for (const auto& r : cutOff) listed.insert(r.at(0) + ": " + r.at(1) + " x" + r.at(4));
  EXPECT_EQ(listed, (std::set<std::string>{"pop-1: clinics-a x2", "pop-1 -- core-1: clinics-a x2",
                                           "core-1: clinics-a x2", "pop-2: clinics-b x3",
                                           "dc: clinics-a x2", "dc: clinics-b x3"}));
}

TEST_F(FailuresCommand, ReroutingKeepsEveryFacilityAndLosesAlmostNothing) {
  for (const char* name : {"ix-1", "pop-2 -- core-1"}) {
    EXPECT_EQ(row(name)[3], "re-routed") << name;
    EXPECT_EQ(row(name)[4], "0") << name;
    EXPECT_EQ(row(name)[5], "0") << name;
    // Only requests on the wire when the element failed: far under a second's arrivals.
    EXPECT_LE(std::stod(row(name)[6]), 10) << name;
  }
  EXPECT_EQ(row("ix-2")[3], "not used");
}

TEST_F(FailuresCommand, RankedByImpactAndWrittenToHdf5) {
  std::map<int, std::string> byRank;
  for (const auto& [name, fields] : cases_) byRank[std::stoi(fields.at(0))] = name;
  ASSERT_EQ(byRank.size(), cases_.size());
  // Half the pool's servers for an hour at 125% of what is left: timeouts and retries pile up,
  // so the DES fails more than the whole data center's outage does.
  EXPECT_EQ(byRank.at(1), "half-the-pool");
  EXPECT_EQ(byRank.at(2), "dc");
  EXPECT_EQ(byRank.at(3), "pop-2");
  auto file = io::Hdf5Reader::open((dir_ / "fc.h5").string());
  EXPECT_EQ(*file.attributeString("/", "kind"), "failures");
  EXPECT_EQ(file.readStrings("failures/cases/name").front(), "half-the-pool");
  EXPECT_EQ(file.readVector<std::int32_t>("failures/cut_off/facility"),
            (std::vector<std::int32_t>{0, 1, 1, 0, 0, 0}));  // dc cuts off both, then one each
  EXPECT_EQ(file.readStrings("failures/facilities/name"),
            (std::vector<std::string>{"clinics-a", "clinics-b"}));
  // Structure: pop-1, pop-2, core-1 and dc cut facilities off alone; neither IX does.
  auto spof = file.readStrings("failures/spof/name");
  EXPECT_EQ(std::set<std::string>(spof.begin(), spof.end()),
            (std::set<std::string>{"pop-1", "pop-2", "core-1", "dc", "pop-1 -- core-1"}));
  EXPECT_NE(result_.output.find("No IX center is a single point of failure (2 IX centers)"),
            std::string::npos);
}

TEST(FailuresCommandInput, BadOptionsAreInputErrorsWithNothingWritten) {
  fs::path dir = fs::temp_directory_path() / ("tsunagu-failures-bad-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string scenario = test::sourcePath("tests/scenarios/failures-check.yaml");
  std::string out = " -o " + (dir / "f.h5").string();
  for (std::string options : {"--start 25:00", "--duration -1h", "--des-top some",
                              "--window 2030-01-01", "--window peak:FY1999"}) {
    auto r = test::runTsunagu("failures " + scenario + " " + options + out);
    EXPECT_EQ(r.exitCode, 2) << options;
    EXPECT_TRUE(r.output.empty()) << options;
    EXPECT_NE(r.errors.find(options.substr(0, options.find(' '))), std::string::npos)
        << options << ": " << r.errors;
  }
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tsunagu
