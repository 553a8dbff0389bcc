// simulate --records: one CSV row per transaction or flow, consistent with the run's table.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace tsunagu {
namespace {

TEST(Records, OneRowPerTransactionWithItsRouteBytesAndOutcome) {
  std::string path = ::testing::TempDir() + "tsunagu-records.csv";
  std::filesystem::remove(path);
  auto r =
      test::runTsunagu("simulate " + test::sourcePath("tests/scenarios/network/line-sharing.yaml") +
                       " --window 2024-06-04 --records " + path);
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "id,service,route,measured,start_s,end_s,latency_s,bytes,attempts,outcome");
  std::map<std::string, int> completed;
  while (std::getline(in, line)) {
    // The route is quoted and holds no comma here: split on commas.
    std::vector<std::string> f;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, ',');) f.push_back(field);
    ASSERT_EQ(f.size(), 10u) << line;
    EXPECT_NEAR(std::stod(f[5]) - std::stod(f[4]), std::stod(f[6]), 2e-6) << line;
    EXPECT_NE(f[2].find("hospital-a -> dc"), std::string::npos) << line;
    if (f[1] == "image-fetch") EXPECT_EQ(f[7], "50000000") << "the download's bytes";
    if (f[9] == "completed" && f[3] == "1") ++completed[f[1]];
  }
  // The table's completed column, service by service.
  for (const auto& [service, count] : completed) {
    auto row = r.output.find("  " + service + " ");
    ASSERT_NE(row, std::string::npos) << service;
    std::stringstream cells(r.output.substr(row));
    std::string name, generated, done;
    cells >> name >> generated >> done;
    EXPECT_EQ(std::to_string(count), done) << service;
  }
  EXPECT_EQ(completed.size(), 3u);

  auto refused =
      test::runTsunagu("simulate " + test::sourcePath("tests/scenarios/network/line-sharing.yaml") +
                       " --window 2024-06-04 --replications 3 --records " + path);
  EXPECT_EQ(refused.exitCode, 2);
  EXPECT_NE(refused.errors.find("--records"), std::string::npos) << refused.errors;
}

}  // namespace
}  // namespace tsunagu
