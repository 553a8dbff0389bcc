#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/io/results/hdf5_file.hpp"
#include "sim/stats/estimate.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

namespace fs = std::filesystem;

std::string scratch(const std::string& name) {
  return ::testing::TempDir() + "tsunagu-replications-" + name;
}

// tests/scenarios/size-check.yaml on 2023-06-05: three replications, each figure's interval
// recomputed from the per-replication values in the file; the first replication is the single
// run of the same seed.
TEST(Replications, EveryFigureGetsItsIntervalFromTheReplications) {
  std::string scenario = test::sourcePath("tests/scenarios/size-check.yaml");
  auto r =
      test::runTsunagu("simulate " + scenario +
                       " --window 2023-06-05 --seed 7 --replications 3 -o " + scratch("three.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("3 replications (seed 7 and 2 more)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("eligibility p95 (s)"), std::string::npos) << r.output;
  auto file = io::Hdf5Reader::open(scratch("three.h5"));
  auto seeds = file.readVector<std::int64_t>("replications/seeds");
  ASSERT_EQ(seeds.size(), 3u);
  EXPECT_EQ(seeds[0], 7);
  EXPECT_NE(seeds[1], seeds[2]);
  auto names = file.readStrings("replications/figure");
  auto values = file.readMatrix("replications/values");
  auto mean = file.readVector<double>("replications/mean");
  auto halfWidth = file.readVector<double>("replications/half_width");
  ASSERT_EQ(values.rows, 3u);
  ASSERT_EQ(values.cols, names.size());
  std::map<std::string, size_t> column;
  for (size_t f = 0; f < names.size(); ++f) column[names[f]] = f;
  ASSERT_TRUE(column.count("eligibility mean"));
  // A percentile's interval also carries the histogram's 0.5% bin error.
  for (auto [name, binError] : {std::pair{"eligibility mean", 0.0},
                                {"eligibility p95", 0.005},
                                {"eligibility generated", 0.0}}) {
    size_t f = column.at(name);
    std::vector<double> v{values.at(0, f), values.at(1, f), values.at(2, f)};
    stats::Estimate e = stats::estimate(v);
    EXPECT_DOUBLE_EQ(mean[f], e.mean) << name;
    EXPECT_NEAR(halfWidth[f], e.halfWidth + binError * e.mean, 1e-12 * std::max(1.0, e.halfWidth))
        << name;
    EXPECT_GT(halfWidth[f], 0) << name << ": independent replications differ";
  }
  // Replication 0 is the run of seed 7 itself.
  auto single = test::runTsunagu("simulate " + scenario + " --window 2023-06-05 --seed 7 -o " +
                                 scratch("single.h5"));
  ASSERT_EQ(single.exitCode, 0) << single.errors;
  auto generated =
      io::Hdf5Reader::open(scratch("single.h5")).readVector<std::int64_t>("des/services/generated");
  EXPECT_EQ(double(generated.front()), values.at(0, column.at("eligibility generated")));
}

TEST(Replications, PrecisionAddsReplicationsUntilTheWidestWatchedFigureIsWithinIt) {
  std::string scenario = test::sourcePath("tests/scenarios/size-check.yaml");
  auto loose =
      test::runTsunagu("simulate " + scenario +
                       " --window 2023-06-05 --precision 50% --jobs 2 -o " + scratch("loose.h5"));
  ASSERT_EQ(loose.exitCode, 0) << loose.errors;
  EXPECT_NE(loose.output.find("Precision 50%: reached after 2 replications"), std::string::npos)
      << loose.output;
  auto tight = test::runTsunagu("simulate " + scenario +
                                " --window 2023-06-05 --precision 0.01% --max-replications 4 "
                                "--jobs 2 -o " +
                                scratch("tight.h5"));
  ASSERT_EQ(tight.exitCode, 0) << tight.errors;
  EXPECT_NE(tight.output.find("NOT reached after 4 replications"), std::string::npos)
      << tight.output;
  auto file = io::Hdf5Reader::open(scratch("tight.h5"));
  EXPECT_EQ(*file.attributeInt("replications", "precision_reached"), 0);
  EXPECT_FALSE(file.attributeString("replications", "decided_by").value_or("").empty());
  auto bad = test::runTsunagu("simulate " + scenario + " --window 2023-06-05 --precision lots");
  EXPECT_EQ(bad.exitCode, 2);
  EXPECT_NE(bad.errors.find("--precision"), std::string::npos) << bad.errors;
}

// compare --paired: size-check against the same with 5 eligibility servers instead of the 4 the
// rule gives. On the same seeds the archive uploads see the same arrivals and sizes in both
// (their difference is nil: the transactions take their bandwidth before the flows, so the
// eligibility responses' other timing moves an upload's end by nanoseconds, not more), and the
// eligibility response difference is significant, with an interval narrower than independent
// runs would give.
TEST(Replications, PairedComparisonOnTheSameSeeds) {
  std::string b = scratch("five-servers.yaml");
  std::ofstream(b) << "extends: " << test::sourcePath("tests/scenarios/size-check.yaml") << "\n"
                   << "name: five-servers\nplanning:\n  servers: {eligibility: 5}\n";
  auto r = test::runTsunagu("compare --paired " +
                            test::sourcePath("tests/scenarios/size-check.yaml") + " " + b +
                            " --window 2023-06-05 --replications 6 --csv " + scratch("paired.csv"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  std::ifstream in(scratch("paired.csv"));
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string f; std::getline(split, f, ',');) fields.push_back(f);
    rows[fields.at(0)] = fields;
  }
  ASSERT_TRUE(rows.count("eligibility mean")) << r.output;
  const auto& mean = rows["eligibility mean"];
  EXPECT_LT(std::stod(mean[6]), 0) << "five servers answer faster";
  EXPECT_EQ(mean[8], "1") << "significant";
  EXPECT_LT(std::stod(mean[7]), std::stod(mean[9])) << "paired narrower than unpaired";
  const auto& archive = rows.at("archive mean");
  EXPECT_NEAR(std::stod(archive[6]), 0, 1e-6) << "the uploads see the same arrivals and sizes";
  EXPECT_EQ(archive[8], "0");
  EXPECT_EQ(mean[10], "6");
}

}  // namespace
}  // namespace tsunagu
