// `tsunagu sensitivity` on tests/scenarios/sensitivity-check.yaml, whose answers are worked out
// by hand in the scenario's comments: one [E] input moves the cost, by the yearly cost of one
// line; the service time and an hour's share move the servers; the response size, not the
// request size, moves the utilisation; inputs nothing uses move nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/io/results/hdf5_file.hpp"
#include "test_support.hpp"

namespace tsunagu {
namespace {

namespace fs = std::filesystem;

// One row of the CSV: column -> text.
using CsvRow = std::map<std::string, std::string>;

std::vector<CsvRow> readCsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> header;
  std::getline(in, line);
  std::stringstream names(line);
  for (std::string n; std::getline(names, n, ',');) header.push_back(n);
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    std::stringstream split(line);
    CsvRow row;
    size_t c = 0;
    for (std::string f; std::getline(split, f, ',');) row[header.at(c++)] = f;
    rows.push_back(row);
  }
  return rows;
}

double number(const CsvRow& row, const std::string& column) {
  return std::stod(row.at(column));
}

class SensitivityCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tsunagu-sensitivity-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string scenario() {
    return test::sourcePath("tests/scenarios/sensitivity-check.yaml");
  }

  // The rows of one figure, by input id.
  static std::map<std::string, CsvRow> figure(const std::vector<CsvRow>& rows,
                                              const std::string& name) {
    std::map<std::string, CsvRow> out;
    for (const auto& row : rows)
      if (row.at("figure") == name) out[row.at("input")] = row;
    return out;
  }

  fs::path dir_;
};

const std::string kIpsecCost = "technologies:ipsec-ike/1Gbps:monthly_cost";

TEST_F(SensitivityCommand, OnlyTheEstimatedLineCostMovesTheCostByTheHandComputedSwing) {
  auto run = test::runTsunagu("sensitivity " + scenario() + " --morris 0 -o " + path("s.h5"));
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  auto rows = readCsv(path("s.csv"));
  auto cost = figure(rows, "cost");
  ASSERT_GT(cost.size(), 100u);  // every input has a row per figure
  for (const auto& [id, row] : cost) {
    if (id != kIpsecCost) {
      EXPECT_EQ(number(row, "swing"), 0.0) << id;
    }
  }
  const CsvRow& ipsec = cost.at(kIpsecCost);
  EXPECT_EQ(ipsec.at("rank"), "1");
  EXPECT_EQ(ipsec.at("units"), "JPY/month");
  EXPECT_DOUBLE_EQ(number(ipsec, "low"), 4850);
  EXPECT_DOUBLE_EQ(number(ipsec, "high"), 14550);
  EXPECT_NEAR(number(ipsec, "figure_base"), 190800, 1e-3);
  EXPECT_NEAR(number(ipsec, "figure_at_low"), 132600, 1e-3);
  EXPECT_NEAR(number(ipsec, "figure_at_high"), 249000, 1e-3);
  EXPECT_NEAR(number(ipsec, "swing"), 116400, 1e-3);

  auto npv = figure(rows, "npv");
  for (const auto& [id, row] : npv) {
    if (id != kIpsecCost) {
      EXPECT_EQ(number(row, "swing"), 0.0) << id;
    }
  }
  EXPECT_NEAR(number(npv.at(kIpsecCost), "swing"), 116400 * (366.0 / 365 + 1 / 1.03), 1e-3);
  // The line is there from the first day: its set-up cost is never paid.
  EXPECT_EQ(number(npv.at("technologies:ipsec-ike/1Gbps:setup_cost"), "swing"), 0.0);
}

TEST_F(SensitivityCommand, ServersAndUtilisationMoveByTheHandComputedSteps) {
  auto run = test::runTsunagu("sensitivity " + scenario() + " --morris 0 -o " + path("s.h5"));
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  auto rows = readCsv(path("s.csv"));
  auto servers = figure(rows, "servers");
  const CsvRow& time = servers.at("services:eligibility:service_time");
  EXPECT_EQ(number(time, "figure_base"), 2);
  EXPECT_EQ(number(time, "figure_at_low"), 1);
  EXPECT_EQ(number(time, "figure_at_high"), 3);
  EXPECT_EQ(time.at("rank"), "1");
  const CsvRow& midnight = servers.at("hour_profiles:flat:h00");
  EXPECT_EQ(number(midnight, "figure_at_low"), 2);
  EXPECT_EQ(number(midnight, "figure_at_high"), 3);
  EXPECT_NEAR(number(midnight, "low"), 1.0 / 48, 1e-12);  // the table's 1/24, halved
  auto utilisation = figure(rows, "peak_utilisation");
  const CsvRow& response = utilisation.at("services:eligibility:response_size");
  EXPECT_NEAR(number(response, "figure_base"), 0.0012, 1e-12);
  EXPECT_NEAR(number(response, "figure_at_low"), 0.0006, 1e-12);
  EXPECT_NEAR(number(response, "swing"), 0.0012, 1e-12);
  EXPECT_EQ(response.at("rank"), "1");
  EXPECT_EQ(number(utilisation.at("services:eligibility:request_size"), "swing"), 0.0);
  // The planner keeps hourly loads as float32: 7 significant digits.
  EXPECT_NEAR(number(utilisation.at("hour_profiles:flat:h00"), "figure_at_low"),
              1728000.0 * 47 / 1104 / 3600 * 7500 * 8 / 1e9, 1e-6 * 0.0012);
  // Without Morris the Morris columns are empty.
  EXPECT_EQ(response.at("morris_mu_star"), "");
}

TEST_F(SensitivityCommand, InputsNothingUsesMoveNoFigure) {
  auto run = test::runTsunagu("sensitivity " + scenario() + " --morris 0 -o " + path("s.h5"));
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  int checked = 0;
  for (const auto& row : readCsv(path("s.csv"))) {
    const std::string& id = row.at("input");
    bool usedTechnology = id.rfind("technologies:ipsec-ike/", 0) == 0 ||
                          id.rfind("technologies:ip-vpn/1Gbps", 0) == 0;
    bool cannotMatter =
        (id.rfind("technologies:", 0) == 0 && !usedTechnology) ||
        (id.rfind("hour_profiles:", 0) == 0 && id.rfind("hour_profiles:flat:", 0) != 0) ||
        id.rfind("weekday_weights:", 0) == 0 || id.rfind("month_multipliers:", 0) == 0 ||
        id.rfind("claims_window:", 0) == 0 || id.rfind("cost_items:", 0) == 0;
    if (!cannotMatter) continue;
    ++checked;
    EXPECT_EQ(number(row, "swing"), 0.0) << id << " " << row.at("figure");
    EXPECT_EQ(row.at("figure_at_low"), row.at("figure_base")) << id;
  }
  // 5 figures x (31 fields of unused tiers, 57 other hours, 9 + 12 + 6 calendar weights, 3 IX
  // costs).
  EXPECT_EQ(checked, 5 * (31 + 57 + 27 + 3));
  // A custom topology: the national tables are not inputs.
  for (const auto& row : readCsv(path("s.csv")))
    for (const char* national : {"prefectures:", "line_mix:", "regional_network", "scenario:"})
      EXPECT_NE(row.at("input").rfind(national, 0), 0u) << row.at("input");
}

TEST_F(SensitivityCommand, MorrisOfALinearCostIsItsSwingAndTheFileIsASensitivityFile) {
  auto run = test::runTsunagu("sensitivity " + scenario() + " --seed 3 -o " + path("s.h5"));
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  auto file = io::Hdf5Reader::open(path("s.h5"));
  EXPECT_EQ(file.attributeString("/", "kind"), "sensitivity");
  EXPECT_EQ(file.attributeInt("manifest", "seed"), 3);
  EXPECT_EQ(file.attributeInt("sensitivity", "fiscal_year"), 2024);
  EXPECT_EQ(file.attributeInt("sensitivity", "morris_trajectories"), 4);
  auto ids = file.readStrings("sensitivity/inputs/id");
  auto figures = file.readStrings("sensitivity/figures/name");
  auto figure = file.readVector<std::int32_t>("sensitivity/effects/figure");
  auto input = file.readVector<std::int32_t>("sensitivity/effects/input");
  auto rank = file.readVector<std::int32_t>("sensitivity/effects/rank");
  auto muStar = file.readVector<double>("sensitivity/effects/mu_star");
  auto sigma = file.readVector<double>("sensitivity/effects/sigma");
  auto swing = file.readVector<double>("sensitivity/effects/swing");
  ASSERT_EQ(figures.at(0), "cost");
  ASSERT_EQ(figure.size(), 5 * ids.size());
  bool seen = false;
  std::int64_t screened = 0;
  for (size_t r = 0; r < figure.size(); ++r) {
    if (r > 0 && figure[r] == figure[r - 1]) {
      EXPECT_EQ(rank[r], rank[r - 1] + 1);  // by figure, then rank
      EXPECT_LE(swing[r], swing[r - 1]);
    }
    if (figure[r] != 0) continue;
    EXPECT_EQ(std::isnan(muStar[r]), std::isnan(sigma[r]));
    if (!std::isnan(muStar[r])) ++screened;
    if (ids.at(size_t(input[r])) == kIpsecCost) {
      // The cost is linear in the monthly cost: every elementary effect is the whole swing.
      EXPECT_NEAR(muStar[r], 116400, 1e-6);
      EXPECT_NEAR(sigma[r], 0, 1e-6);
      seen = true;
    } else {
      EXPECT_TRUE(std::isnan(muStar[r]) || muStar[r] == 0) << ids.at(size_t(input[r]));
    }
  }
  EXPECT_TRUE(seen);
  // Screened: the inputs among the first 20 of some figure that move it.
  EXPECT_EQ(screened, file.attributeInt("sensitivity", "morris_screened"));
  EXPECT_GT(screened, 20);
}

TEST_F(SensitivityCommand, ARowsRangeColumnAndTheRangeOptionSetHowFarAnInputMoves) {
  fs::copy(test::sourcePath("models/data"), path("data"));
  {  // technologies.csv with a range column: 10% for the IPsec+IKE row, none elsewhere
    std::ifstream in(path("data/technologies.csv"));
    std::string text, line;
    for (bool first = true; std::getline(in, line); first = false)
      text += line + (first ? ",range" : line.rfind("ipsec-ike,", 0) == 0 ? ",10%" : ",") + "\n";
    in.close();
    std::ofstream(path("data/technologies.csv")) << text;
  }
  std::ofstream(path("ranged.yaml")) << "name: ranged\nextends: " << scenario() << "\ndata: data\n";
  auto run =
      test::runTsunagu("sensitivity " + path("ranged.yaml") +
                       " --inputs 'technologies:*:monthly_cost' --morris 0 -o " + path("r.h5"));
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  auto cost = figure(readCsv(path("r.csv")), "cost");
  EXPECT_NEAR(number(cost.at(kIpsecCost), "swing"), 116400 * 0.2, 1e-3);
  EXPECT_DOUBLE_EQ(number(cost.at(kIpsecCost), "low"), 9700 * 0.9);
  EXPECT_DOUBLE_EQ(number(cost.at("technologies:ssl-vpn/1Gbps:monthly_cost"), "low"), 8200 * 0.5);

  run = test::runTsunagu("sensitivity " + scenario() + " --range 20% --inputs '" + kIpsecCost +
                         "' --morris 0 -o " + path("w.h5"));
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  auto only = readCsv(path("w.csv"));
  ASSERT_EQ(only.size(), 5u);  // one input, five figures
  EXPECT_NEAR(number(figure(only, "cost").at(kIpsecCost), "swing"), 116400 * 0.4, 1e-3);
}

TEST_F(SensitivityCommand, BadInputExitsTwoAndWritesNothing) {
  struct Case {
    std::string arguments, message;
  };
  fs::copy(test::sourcePath("models/data"), path("data"));
  {
    std::ifstream in(path("data/cost_items.csv"));
    std::string text, line;
    for (bool first = true; std::getline(in, line); first = false)
      text += line + (first ? ",range" : ",lots") + "\n";
    in.close();
    std::ofstream(path("data/cost_items.csv")) << text;
  }
  std::ofstream(path("bad-range.yaml")) << "name: bad\nextends: " << scenario() << "\ndata: data\n";
  std::vector<Case> cases = {
      {"--range 0%", "key '--range': expected a share above 0% and at most 100%"},
      {"--range 150%", "key '--range'"},
      {"--range fifty", "got 'fifty'"},
      {"--inputs 'nothing:*'", "key '--inputs': matches none of the 151 estimated inputs"},
      {"--morris -1", "--morris"},
  };
  for (const auto& c : cases) {
    auto run =
        test::runTsunagu("sensitivity " + scenario() + " " + c.arguments + " -o " + path("out.h5"));
    EXPECT_EQ(run.exitCode, 2) << c.arguments << "\n" << run.output;
    EXPECT_NE(run.errors.find(c.message), std::string::npos) << c.arguments << "\n" << run.errors;
  }
  auto run = test::runTsunagu("sensitivity " + path("bad-range.yaml") + " -o " + path("out.h5"));
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_NE(run.errors.find("cost_items.csv:2:"), std::string::npos) << run.errors;
  EXPECT_NE(run.errors.find("key 'range'"), std::string::npos) << run.errors;
  run = test::runTsunagu("sensitivity " + path("missing.yaml") + " -o " + path("out.h5"));
  EXPECT_EQ(run.exitCode, 2);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "data" || name.ends_with(".yaml")) << "left behind: " << name;
  }
}

}  // namespace
}  // namespace tsunagu
