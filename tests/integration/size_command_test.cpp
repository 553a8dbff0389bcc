#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "design_fixture.hpp"
#include "exact_queueing.hpp"
#include "sim/io/results/hdf5_file.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

namespace fs = std::filesystem;

// The fewest servers whose p99 response is within `budget` and whose utilisation is within
// `target`.
int handSizedServers(double lambda, double serviceSeconds, double budget, double target) {
  double mu = 1 / serviceSeconds;
  for (int c = 1;; ++c) {
    if (lambda / (c * mu) > target) continue;
    if (test::responseTail(c, lambda, mu, budget) <= 0.01) return c;
  }
}

std::map<std::string, std::vector<std::string>> purchases(const std::string& csvPath) {
  std::ifstream in(csvPath);
  std::string line;
  std::getline(in, line);                                // header
  std::map<std::string, std::vector<std::string>> rows;  // "FY element" -> fields
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string f; std::getline(split, f, ',');) fields.push_back(f);
    rows[fields.at(0) + " " + fields.at(2)] = fields;
  }
  return rows;
}

class SizeCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tsunagu-size-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

// tests/scenarios/size-check.yaml: 5 then 10 eligibility checks a second (0.5 s exponential
// service, p99 within 2.8 s, 90% utilisation) and an archive load of 60 then 120 Mb/s on the
// data-center link.
TEST_F(SizeCommand, FindsTheHandComputedDesignAndTheDesAgrees) {
  auto r = test::runTsunagu("size " + test::sourcePath("tests/scenarios/size-check.yaml") + " -o " +
                            path("size.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors << r.output;
  // The round trip: ip-vpn 5 ms + backbone 1 ms + dedicated 2 ms, each way.
  double budget = 2.8 - 2 * 0.008;
  int fy2023 = handSizedServers(5, 0.5, budget, 0.9),
      fy2024 = handSizedServers(10, 0.5, budget, 0.9);
  EXPECT_EQ(fy2023, 4);  // the hand computation itself: 3 servers give p99 4.94 s
  EXPECT_EQ(fy2024, 7);  // 6 give 3.07 s
  auto rows = purchases(path("size.csv"));
  ASSERT_TRUE(rows.count("2023 eligibility@dc")) << r.output;
  EXPECT_EQ(rows["2023 eligibility@dc"][5], std::to_string(fy2023));
  EXPECT_EQ(rows["2024 eligibility@dc"][5], std::to_string(fy2024));
  // The hourly mean (60 Mb/s, then 120) fits one 100 Mb/s line at 90%, then two; but the
  // uploads' busiest minute (360 MB each at the clinics' 100 Mb/s lines, about 300 Mb/s at
  // p95) fits neither within the 90% peak target: one 1 Gb/s line from FY2023, kept in FY2024.
  EXPECT_EQ(rows["2023 core -- dc"][3], "1Gbps");
  EXPECT_EQ(rows["2024 core -- dc"][3], "1Gbps");
  EXPECT_EQ(rows["2024 core -- dc"][7], "3600000");  // yearly running cost
  EXPECT_EQ(rows["2024 core -- dc"][6], "0");        // nothing new in FY2024
  EXPECT_EQ(rows["2023 pop -- core"][3], "10Gbps");
  // Set-up in FY2024: three servers (¥2,000,000 each), no line.
  auto file = io::Hdf5Reader::open(path("size.h5"));
  EXPECT_EQ(*file.attributeString("/", "kind"), "sizing");
  auto setup = file.readVector<double>("sizing/years/setup_cost");
  ASSERT_EQ(setup.size(), 2u);
  EXPECT_DOUBLE_EQ(setup[1], 3 * 2'000'000);
  // The DES check on each year's peak window agreed at once and kept every transaction.
  for (auto agrees : file.readVector<std::int32_t>("sizing/years/des_agrees")) EXPECT_EQ(agrees, 1);
  for (auto rounds : file.readVector<std::int32_t>("sizing/years/des_rounds")) EXPECT_EQ(rounds, 1);
  for (auto kept : file.readVector<std::int32_t>("sizing/years/conserved")) EXPECT_EQ(kept, 1);
  for (auto added : file.readVector<std::int32_t>("sizing/pools/added_by_des")) EXPECT_EQ(added, 0);
  auto desAtTarget = file.readVector<double>("sizing/pools/des_at_target");
  for (double v : desAtTarget) {
    EXPECT_GT(v, 2.0);  // simulated: at least the service time's own p99 less noise
    EXPECT_LE(v, 2.8);
  }
}

TEST_F(SizeCommand, TheFrontierRunsFromUnstablePoolsToTheChosenOne) {
  auto r = test::runTsunagu("size " + test::sourcePath("tests/scenarios/size-check.yaml") +
                            " --no-des -o " + path("size.h5"));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  auto file = io::Hdf5Reader::open(path("size.h5"));
  auto element = file.readStrings("sizing/options/element");
  auto option = file.readStrings("sizing/options/option");
  auto year = file.readVector<std::int32_t>("sizing/options/fiscal_year");
  auto cost = file.readVector<double>("sizing/options/yearly_cost");
  auto p99 = file.readVector<double>("sizing/options/performance");
  auto pareto = file.readVector<std::int32_t>("sizing/options/pareto");
  auto chosen = file.readVector<std::int32_t>("sizing/options/chosen");
  double previous = INFINITY;
  int points = 0;
  for (size_t i = 0; i < element.size(); ++i) {
    if (element[i] != "eligibility@dc" || year[i] != 2024) continue;
    ++points;
    EXPECT_LT(p99[i], previous) << option[i];  // each server buys a lower p99
    EXPECT_EQ(pareto[i], 1) << option[i];
    EXPECT_DOUBLE_EQ(cost[i], std::stoi(option[i]) * 1'200'000.0);
    EXPECT_EQ(chosen[i], option[i] == "7 servers");
    previous = p99[i];
  }
  EXPECT_EQ(points, 10 - 5);  // 6 (smallest stable) to 10 servers (7 + 3)
  EXPECT_EQ(file.readVector<std::int32_t>("sizing/years/des_rounds"),
            (std::vector<std::int32_t>{0, 0}));
}

TEST_F(SizeCommand, BadYearsAndPathsAreInputErrorsWithNothingWritten) {
  auto r = test::runTsunagu("size " + test::sourcePath("tests/scenarios/size-check.yaml") +
                            " --years FY2030 -o " + path("size.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("--years"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("FY2023..FY2024"), std::string::npos) << r.errors;
  EXPECT_TRUE(fs::is_empty(dir_));
  r = test::runTsunagu("size " + test::sourcePath("tests/scenarios/size-check.yaml") + " -o " +
                       path("missing/size.h5"));
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("does not exist"), std::string::npos) << r.errors;
  EXPECT_TRUE(r.output.empty());
}

}  // namespace
}  // namespace tsunagu

namespace tsunagu {
namespace {

// The checksum by another program than ours (coreutils' sha256sum).
std::string sha256Of(const std::string& file) {
  FILE* pipe = popen(("sha256sum '" + file + "'").c_str(), "r");
  char buffer[128] = {};
  std::string out = fgets(buffer, sizeof buffer, pipe) ? buffer : "";
  pclose(pipe);
  return out.substr(0, 64);
}

// What `size` chose is a design in its results file; `simulate --design` runs exactly that
// design, pool by pool, for the window's fiscal year, and its manifest names the design file
// with its checksum.
TEST_F(SizeCommand, SimulateReplaysTheSizedDesignOfTheWindowsYear) {
  auto sized = test::runTsunagu("size " + test::sourcePath("tests/scenarios/size-check.yaml") +
                                " --no-des -o " + path("size.h5"));
  ASSERT_EQ(sized.exitCode, 0) << sized.errors;
  auto file = io::Hdf5Reader::open(path("size.h5"));
  EXPECT_EQ(file.readVector<std::int32_t>("designs/fiscal_years"),
            (std::vector<std::int32_t>{2023, 2024}));
  EXPECT_EQ(file.readStrings("designs/FY2024/links/names").size(),
            file.readStrings("designs/FY2024/links/tiers").size());
  for (auto [day, servers] : {std::pair{"2023-06-05", 4}, std::pair{"2024-06-03", 7}}) {
    std::string output = path(std::string("sim-") + day + ".h5");
    auto r =
        test::runTsunagu("simulate " + test::sourcePath("tests/scenarios/size-check.yaml") +
                         " --window " + day + " --design " + path("size.h5") + " -o " + output);
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    auto results = io::Hdf5Reader::open(output);
    auto names = results.readStrings("des/queues/name");
    auto counts = results.readVector<std::int64_t>("des/queues/servers");
    ASSERT_EQ(names, std::vector<std::string>{"eligibility@dc"});
    EXPECT_EQ(counts.front(), servers) << day;
    EXPECT_NE(results.attributeString("manifest", "command")->find("--design"), std::string::npos);
    EXPECT_EQ(results.readStrings("manifest/input_roles"), std::vector<std::string>{"design"});
    EXPECT_EQ(results.readStrings("manifest/input_sha256").front(), sha256Of(path("size.h5")));
  }
  // A design for another network is bad input, named, and nothing is written.
  auto wrong = test::runTsunagu("simulate " + test::sourcePath("scenarios/small-region.yaml") +
                                " --window 2023-06-05 --design " + path("size.h5") + " -o " +
                                path("wrong.h5"));
  EXPECT_EQ(wrong.exitCode, 2);
  EXPECT_NE(wrong.errors.find("--design"), std::string::npos) << wrong.errors;
  EXPECT_NE(wrong.errors.find("no such link"), std::string::npos) << wrong.errors;
  EXPECT_FALSE(fs::exists(path("wrong.h5")));
}

// A replayed trace and a chosen step are part of the run: the manifest's command names both,
// and the trace's checksum is kept.
TEST_F(SizeCommand, TheSimulateManifestNamesTheTraceAndTheStep) {
  std::string trace = path("trace.csv"), output = path("replay.h5");
  auto w = test::runTsunagu("workload " + test::sourcePath("scenarios/small-region.yaml") +
                            " --window 2023-05-08 -o " + trace);
  ASSERT_EQ(w.exitCode, 0) << w.errors;
  auto r = test::runTsunagu("simulate " + test::sourcePath("scenarios/small-region.yaml") +
                            " --trace " + trace + " --step 60 -o " + output);
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  auto results = io::Hdf5Reader::open(output);
  std::string command = results.attributeString("manifest", "command").value_or("");
  EXPECT_NE(command.find("--trace " + trace), std::string::npos) << command;
  EXPECT_NE(command.find("--step 60"), std::string::npos) << command;
  EXPECT_EQ(results.readStrings("manifest/input_roles"), std::vector<std::string>{"trace"});
  EXPECT_EQ(results.readStrings("manifest/input_files"), std::vector<std::string>{trace});
  EXPECT_EQ(results.readStrings("manifest/input_sha256").front(), sha256Of(trace));
}

}  // namespace
}  // namespace tsunagu

namespace tsunagu {
namespace {

// `failures --design` screens the design it is given: on tests/scenarios/failures-check.yaml,
// with three eligibility servers for its 5 erlangs (a hand-written design for FY2023), the pool
// cannot keep up, and every case that leaves eligibility routed has an unbounded response; the
// scenario's own design (sized by the rule) keeps every such case finite.
TEST_F(SizeCommand, FailuresScreenTheDesignTheyAreGiven) {
  core::Design tooSmall;
  tooSmall.setServers("eligibility", "dc", 3);
  test::writeDesignFile(path("small.h5"), 2023, tooSmall);
  std::string scenario = test::sourcePath("tests/scenarios/failures-check.yaml");
  auto own = test::runTsunagu("failures " + scenario + " --des-top 0 -o " + path("own.h5"));
  auto small = test::runTsunagu("failures " + scenario + " --des-top 0 --design " +
                                path("small.h5") + " -o " + path("small-f.h5"));
  ASSERT_EQ(own.exitCode, 0) << own.errors;
  ASSERT_EQ(small.exitCode, 0) << small.errors;
  auto ratios = [](const std::string& file) {
    return io::Hdf5Reader::open(file).readVector<double>("failures/cases/worst_response_ratio");
  };
  auto names = io::Hdf5Reader::open(path("own.h5")).readStrings("failures/cases/name");
  auto ownRatios = ratios(path("own.h5"));
  std::map<std::string, double> smallRatios;
  auto smallNames = io::Hdf5Reader::open(path("small-f.h5")).readStrings("failures/cases/name");
  auto smallValues = ratios(path("small-f.h5"));
  for (size_t i = 0; i < smallNames.size(); ++i) smallRatios[smallNames[i]] = smallValues[i];
  int compared = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!std::isfinite(ownRatios[i]) || ownRatios[i] <= 0) continue;  // cut off or congested
    ++compared;
    EXPECT_TRUE(std::isinf(smallRatios.at(names[i]))) << names[i];
  }
  EXPECT_GT(compared, 0);
  auto manifest = io::Hdf5Reader::open(path("small-f.h5"));
  EXPECT_EQ(manifest.readStrings("manifest/input_roles"), std::vector<std::string>{"design"});
  EXPECT_NE(manifest.attributeString("manifest", "command")->find("--design"), std::string::npos);
}

}  // namespace
}  // namespace tsunagu
