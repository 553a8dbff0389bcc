// `compare` on each kind of results file, each on its own figures: plans with n/a where a
// service is not live and the rows a planner asks for (NPV, transactions, servers, costs by
// component), sizings on what they buy, simulations per service; kinds are not mixed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "test_support.hpp"

namespace tsunagu::test {
namespace {

namespace fs = std::filesystem;

class CompareKinds : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("compare-kinds-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void run(const std::string& arguments) {
    CommandResult r = runTsunagu(arguments + " -q");
    ASSERT_EQ(r.exitCode, 0) << arguments << "\n" << r.errors;
  }
  // The line of a table that starts with `label` after the indent, within the table titled
  // `title`.
  static std::string line(const std::string& text, const std::string& title,
                          const std::string& label) {
    size_t table = text.find("\n  " + title);
    if (table == std::string::npos) return "";
    size_t at = text.find("\n  " + label + " ", table + 1);
    if (at == std::string::npos) return "";
    return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  }
  fs::path dir_;
};

TEST_F(CompareKinds, PlansShowNaWhereAServiceIsNotLiveAndThePlannersRows) {
  std::string small = sourcePath("scenarios/small-region.yaml");
  run("plan " + small + " -o " + path("a.h5"));
  run("plan " + small + " -o " + path("b.h5"));
  CommandResult r =
      runTsunagu("compare " + path("a.h5") + " " + path("b.h5") + " --csv " + path("c.csv"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  // small-region's eligibility checks start in FY2021: FY2020 is n/a, not 0.0 ms.
  std::string p95 = line(r.output, "eligibility response p95 estimate (ms)", "small-region");
  ASSERT_FALSE(p95.empty()) << r.output;
  EXPECT_TRUE(std::regex_search(p95, std::regex("^  small-region +n/a +[\\d.]+"))) << p95;
  std::string diff =
      line(r.output, "eligibility response p95 estimate (ms)", "small-region - small-region");
  EXPECT_TRUE(std::regex_search(diff, std::regex("small-region +n/a +0\\.0"))) << diff;
  for (const char* title : {"transactions (M)", "central servers", "cost: central servers (¥M)",
                            "net present value of the costs at 3% a year (¥M)"})
    EXPECT_NE(r.output.find(std::string("\n  ") + title), std::string::npos) << title << "\n"
                                                                             << r.output;
  std::ifstream csv(path("c.csv"));
  std::string text((std::istreambuf_iterator<char>(csv)), std::istreambuf_iterator<char>());
  EXPECT_NE(
      text.find("eligibility response p95 estimate,ms,2020,small-region," + path("a.h5") + ",\n"),
      std::string::npos)
      << "n/a is an empty value in the CSV";
  EXPECT_NE(text.find("net present value of the costs at 3% a year,¥M,all,"), std::string::npos);
}

TEST_F(CompareKinds, SizingsOnWhatTheyBuy) {
  std::string size = sourcePath("tests/scenarios/size-check.yaml");
  run("size " + size + " --no-des -o " + path("a-size.h5"));
  run("size " + size + " --no-des --years FY2024 -o " + path("b-size.h5"));
  CommandResult r = runTsunagu("compare " + path("a-size.h5") + " " + path("b-size.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("tsunagu compare: 2 sizings"), std::string::npos) << r.output;
  std::string total = line(r.output, "total cost of the year (¥M)", "size-check");
  EXPECT_TRUE(std::regex_search(total, std::regex("^  size-check +[\\d.,]+ +[\\d.,]+$"))) << total;
  // The second sized FY2024 only: its FY2023 is n/a, and so is the difference.
  std::string diff = line(r.output, "central servers", "size-check - size-check");
  EXPECT_TRUE(std::regex_search(diff, std::regex("size-check +n/a +0$"))) << diff;
  EXPECT_NE(r.output.find("DES agrees"), std::string::npos);
}

TEST_F(CompareKinds, SimulationsPerService) {
  std::string check = sourcePath("tests/scenarios/plan-check.yaml");
  run("simulate " + check + " --window 2023-06-05 -o " + path("a.h5"));
  run("simulate " + check + " --window 2023-06-05 --seed 2 -o " + path("b.h5"));
  CommandResult r = runTsunagu("compare " + path("a.h5") + " " + path("b.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("1 day(s) from 2023-06-05"), std::string::npos) << r.output;
  std::string p95 = line(r.output, "latency p95 (ms)", "plan-check");
  EXPECT_TRUE(std::regex_search(p95, std::regex("^  plan-check +[\\d.,]+$"))) << r.output;
  EXPECT_NE(r.output.find("eligibility"), std::string::npos);
}

TEST_F(CompareKinds, KindsAreNotMixed) {
  std::string check = sourcePath("tests/scenarios/plan-check.yaml");
  run("plan " + check + " -o " + path("plan.h5"));
  run("simulate " + check + " --window 2023-06-05 -o " + path("sim.h5"));
  CommandResult r = runTsunagu("compare " + path("plan.h5") + " " + path("sim.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_EQ(r.output, "");
  EXPECT_NE(r.errors.find("is the results of a simulation, " + path("plan.h5") +
                          " of a plan: compare files of one kind"),
            std::string::npos)
      << r.errors;
}

}  // namespace
}  // namespace tsunagu::test
