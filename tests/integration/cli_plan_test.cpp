#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/io/hdf5_file.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

namespace fs = std::filesystem;

class CliPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tsunagu-cli-plan-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  test::CommandResult plan(const std::string& scenario, const std::string& output) const {
    return test::runTsunagu("plan " + test::sourcePath(scenario) + " -o " + output);
  }
  fs::path dir_;
};

TEST_F(CliPlan, WritesResultsAndSummary) {
  auto r = plan("scenarios/small-region.yaml", path("small.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_TRUE(fs::exists(path("small.h5")));
  EXPECT_TRUE(fs::exists(path("small.csv")));
  EXPECT_FALSE(fs::exists(path("small.h5.partial")));
  EXPECT_NE(r.output.find("FY2025"), std::string::npos);
  EXPECT_NE(r.output.find("Net present value"), std::string::npos);
}

TEST_F(CliPlan, AnUnwritableOutputPathIsBadInputAndLeavesNothing) {
  auto r = plan("scenarios/small-region.yaml", path("missing/dir/small.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.output.empty());
  EXPECT_NE(r.errors.find("does not exist"), std::string::npos) << r.errors;
  EXPECT_FALSE(fs::exists(path("missing")));
}

TEST_F(CliPlan, CompareRejectsDifferentHorizons) {
  ASSERT_EQ(plan("scenarios/small-region.yaml", path("a.h5")).exitCode, 0);
  ASSERT_EQ(plan("tests/scenarios/plan-check.yaml", path("b.h5")).exitCode, 0);
  auto r = test::runTsunagu("compare " + path("a.h5") + " " + path("b.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_TRUE(r.output.empty());
  EXPECT_NE(r.errors.find("another horizon"), std::string::npos) << r.errors;
}

TEST_F(CliPlan, CompareRejectsResultsOfAnotherVersion) {
  ASSERT_EQ(plan("scenarios/small-region.yaml", path("a.h5")).exitCode, 0);
  {
    io::Hdf5Writer other = io::Hdf5Writer::create(path("old.h5"));
    other.setAttribute("/", "format", std::string("tsunagu-results"));
    other.setAttribute("/", "format_version", std::int64_t(99));
    other.setAttribute("/", "kind", std::string("plan"));
    other.commit();
  }
  auto r = test::runTsunagu("compare " + path("a.h5") + " " + path("old.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("another tsunagu version"), std::string::npos) << r.errors;
  std::ofstream(path("not.h5")) << "plain text";
  r = test::runTsunagu("compare " + path("a.h5") + " " + path("not.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("not a tsunagu results file"), std::string::npos) << r.errors;
}

TEST_F(CliPlan, CompareShowsDifferencesAndWritesCsv) {
  ASSERT_EQ(plan("scenarios/small-region.yaml", path("a.h5")).exitCode, 0);
  ASSERT_EQ(plan("scenarios/small-region.yaml", path("b.h5")).exitCode, 0);
  auto r = test::runTsunagu("compare " + path("a.h5") + " " + path("b.h5") + " --csv " + path("cmp.csv"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("total cost"), std::string::npos);
  EXPECT_NE(r.output.find("small-region - small-region"), std::string::npos);
  std::ifstream csv(path("cmp.csv"));
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header, "kpi,unit,fiscal_year,scenario,file,value");
}

TEST_F(CliPlan, SameScenarioGivesTheSameNumbers) {
  ASSERT_EQ(plan("scenarios/small-region.yaml", path("a.h5")).exitCode, 0);
  ASSERT_EQ(plan("scenarios/small-region.yaml", path("b.h5")).exitCode, 0);
  auto a = io::Hdf5Reader::open(path("a.h5"));
  auto b = io::Hdf5Reader::open(path("b.h5"));
  for (const char* dataset : {"links/forward", "links/backward", "pools/arrivals", "costs/initial", "costs/running"}) {
    auto ma = a.readMatrix(dataset), mb = b.readMatrix(dataset);
    EXPECT_EQ(ma.values, mb.values) << dataset;
  }
}

}  // namespace
}  // namespace tsunagu
