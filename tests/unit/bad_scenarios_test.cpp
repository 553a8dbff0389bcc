// Strict-input acceptance: every malformed scenario in tests/scenarios/bad/ is rejected with an
// InputError that names the file, the line and column of the problem, the key path and a
// message saying what is wrong. One table row per file; a file without a row fails the
// coverage test below.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <ostream>
#include <set>
#include <string>
#include <typeinfo>
#include <vector>

#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::io {
namespace {

namespace fs = std::filesystem;

const char* const kBadDirectory = "tests/scenarios/bad";

struct BadCase {
  const char* file;  // the case, in tests/scenarios/bad/
  int line;          // where the error must point (1-based)
  int column;
  const char* keyPath;       // exact key path; "" when the problem is not at a key
  const char* message;       // a fragment the message must contain
  const char* reportedFile;  // the file the error names, when not the case itself (extends)
};

// Keep in file order. Line and column point at the offending value (or key, for key problems).
const BadCase kCases[] = {
    {"01-empty.yaml", 1, 1, "", "the scenario file is empty", nullptr},
    {"02-not-yaml-unbalanced.yaml", 4, 10, "", "not valid YAML", nullptr},
    {"03-not-yaml-indentation.yaml", 7, 8, "", "not valid YAML", nullptr},
    {"04-document-is-list.yaml", 2, 1, "", "expected a map of scenario settings", nullptr},
    {"05-list-for-map.yaml", 3, 11, "topology",
     "expected a map with keys kind, aggregate, nodes, links, got a list", nullptr},
    {"06-typo-top-level-key.yaml", 3, 1, "topolgy", "unknown key; did you mean 'topology'?",
     nullptr},
    {"07-typo-nested-key.yaml", 5, 3, "topology.agregate", "unknown key; did you mean 'aggregate'?",
     nullptr},
    {"08-wrong-unit-capacity.yaml", 10, 65, "topology.links[0].capacity",
     "expected a bit rate such as 100Mbps, got a duration '10ms'", nullptr},
    {"09-bare-number-capacity.yaml", 13, 17, "topology.links[0].capacity",
     "expected a bit rate with a unit", nullptr},
    {"10-huge-capacity.yaml", 11, 64, "topology.links[1].capacity",
     "value '1e400Gbps' is out of range for a bit rate", nullptr},
    {"11-negative-capacity.yaml", 8, 17, "technologies.ip-vpn.1Gbps.capacity",
     "expected a non-negative bit rate, got '-5Mbps'", nullptr},
    {"12-zero-capacity.yaml", 10, 65, "topology.links[0].capacity", "the capacity must be positive",
     nullptr},
    {"13-bad-date.yaml", 6, 10, "horizon.start", "expected a date as YYYY-MM-DD, got '2023-02-30'",
     nullptr},
    {"14-event-outside-horizon.yaml", 14, 11, "rollout.eligibility-late.date",
     "the date 2027-04-01 is outside the horizon 2017-04-01..2026-03-31", nullptr},
    {"15-undefined-node.yaml", 11, 14, "topology.links[1].from",
     "no node named 'pop-toky0' in topology.nodes; did you mean 'pop-tokyo'?", nullptr},
    {"16-undefined-service-adoption.yaml", 7, 3, "adoption.eligibilty",
     "unknown service 'eligibilty'; did you mean 'eligibility'?", nullptr},
    {"17-undefined-service-rollout.yaml", 9, 14, "rollout.e-prescriptions-live.service",
     "unknown service 'e-presciption'; did you mean 'e-prescription'?", nullptr},
    {"18-unknown-event-type.yaml", 10, 12, "rollout.ix-east-opens.event",
     "unknown event 'ix-opens'; did you mean 'ix-open'?", nullptr},
    {"19-key-not-used-by-event.yaml", 12, 5, "rollout.ix-east-opens.service",
     "not used by ix-open events", nullptr},
    {"20-unknown-technology.yaml", 10, 47, "topology.links[0].technology",
     "unknown technology 'ip-vpm'; did you mean 'ip-vpn'?", nullptr},
    {"21-line-mix-sum.yaml", 7, 5, "line_mix.clinic", "the shares sum to 80%, expected 100%",
     nullptr},
    {"22-adoption-share-over-100.yaml", 8, 17, "adoption.eligibility.2023-04-01",
     "expected a share between 0% and 100%, got '150%'", nullptr},
    {"23-duplicate-key.yaml", 7, 1, "horizon", "the key is given twice in the same map", nullptr},
    {"24-extends-missing.yaml", 3, 10, "extends", "no-such-base.yaml' does not exist", nullptr},
    // A cycle is reported at the `extends:` that closes it: loading a, b's extends leads back.
    {"25-extends-cycle-a.yaml", 5, 10, "extends", "cycle of extends", "25-extends-cycle-b.yaml"},
    {"25-extends-cycle-b.yaml", 3, 10, "extends", "cycle of extends", "25-extends-cycle-a.yaml"},
    {"26-money-without-currency.yaml", 7, 27, "technologies.ip-vpn.1Gbps.monthly_cost",
     "expected a recurring cost such as ¥50,000/month or 1200000 JPY/year (¥ or JPY), got "
     "'50000/month'",
     nullptr},
    {"27-nodes-on-national.yaml", 5, 3, "topology.nodes",
     "only a custom topology lists nodes and links", nullptr},
    {"28-hour-profile-23-entries.yaml", 7, 15, "profiles.hour_profiles.business",
     "expected 24 hourly shares, got 23", nullptr},
    {"29-consolidation-without-ix.yaml", 12, 12, "rollout.one-line-per-facility.event",
     "line consolidation needs an IX center that opens on or before 2019-04-01", nullptr},
    {"30-horizon-beyond-2030.yaml", 7, 8, "horizon.end", "the horizon must end by 2030-12-31",
     nullptr},
    {"31-missing-topology.yaml", 2, 1, "topology", "this key is required but missing", nullptr},
    {"32-unknown-node-kind.yaml", 7, 19, "topology.nodes.pop-a.kind",
     "unknown node kind 'pops'; did you mean 'pop'?", nullptr},
    {"33-seed-huge.yaml", 3, 7, "seed",
     "expected a whole number from 0 to 9000000000000000000, got '1e30'", nullptr},
    {"34-volume-without-period.yaml", 7, 15, "volumes.eligibility.hospital",
     "expected a volume per period such as 1000/day", nullptr},
    {"35-prefecture-out-of-range.yaml", 8, 17, "ix_centers.ix-east.prefecture",
     "expected a whole number from 1 to 47, got '48'", nullptr},
    // The error is in the base file, and is reported there.
    {"36-extends-bad-base.yaml", 6, 10, "horizon.start",
     "expected a date as YYYY-MM-DD, got '2023-02-30'", "13-bad-date.yaml"},
    {"37-not-yaml-unterminated-quote.yaml", 2, 7, "", "not valid YAML", nullptr},
    // An empty value is reported at its key, not at whatever token follows it.
    {"38-empty-value.yaml", 6, 3, "horizon.start", "got nothing", nullptr},
    {"39-horizon-end-before-start.yaml", 7, 8, "horizon.end",
     "the horizon must end after it starts", nullptr},
    {"40-not-yaml-prose.yaml", 1, 1, "",
     "expected a map of scenario settings (name, topology, ...), got a single value", nullptr},
    {"41-failure-unknown-node.yaml", 6, 14, "failures.ix-down.element", "no node named 'ix-est'",
     nullptr},
    {"42-failure-bad-time.yaml", 7, 9, "failures.pop-down.at",
     "expected a date and time as YYYY-MM-DD HH:MM, got '2025-05-07 25:30'", nullptr},
    {"43-service-level-bad-deadline.yaml", 6, 24, "services.claims.target.deadline",
     "expected a whole number from 1 to 28, got '31'", nullptr},
    // A percentile needs its response time (stream keys do not stand in for it).
    {"44-service-level-percentile-alone.yaml", 7, 7, "services.eligibility.target.response",
     "this key is required but missing", nullptr},
    {"45-service-level-rate-not-stream.yaml", 6, 20, "services.eligibility.target.rate",
     "only a stream service has a rate or latency level", nullptr},
    // The uncertainty section (docs/scenario-format.md#uncertainty) and a volume's growth.
    {"46-uncertainty-unknown-key.yaml", 7, 10, "uncertainty.eligibility-growth.key",
     "expected volumes.<service>.growth, volumes.<service>.<origin>.growth or "
     "adoption.<service>.shift, got 'volumes.eligibility.grwoth'",
     nullptr},
    {"47-uncertainty-unknown-service.yaml", 6, 29, "uncertainty.eligibility-growth.key",
     "unknown service 'eligibilty'; did you mean 'eligibility'?", nullptr},
    {"48-uncertainty-unknown-distribution.yaml", 8, 19, "uncertainty.claims-growth.distribution",
     "unknown distribution 'lognormal'", nullptr},
    {"49-uncertainty-negative-sd.yaml", 10, 9, "uncertainty.claims-growth.sd",
     "the standard deviation must not be negative", nullptr},
    {"50-uncertainty-mode-outside.yaml", 12, 11, "uncertainty.ehr-pace.mode",
     "the mode must lie in min … max", nullptr},
    {"51-uncertainty-growth-without-period.yaml", 9, 11, "uncertainty.eligibility-growth.mean",
     "expected a growth rate such as 3%/year or -1%/year, got '3%'", nullptr},
    {"52-uncertainty-key-not-used.yaml", 11, 5, "uncertainty.eligibility-growth.mean",
     "not used by a uniform distribution", nullptr},
    // Reported at the second entry: which of the two should go is the user's choice.
    {"53-uncertainty-sampled-twice.yaml", 7, 26, "uncertainty.hospital-growth.key",
     "volumes.eligibility.hospital.growth is already sampled by 'eligibility-growth'", nullptr},
    {"54-uncertainty-shift-without-curve.yaml", 7, 10, "uncertainty.claims-pace.key",
     "'claims' has no adoption curve to shift", nullptr},
    // Reported at the entry: the problem is the pair of mean and sd.
    {"55-uncertainty-normal-too-wide.yaml", 7, 5, "uncertainty.claims-growth",
     "a growth must be above -100%/year and at most 100%/year, and this normal reaches beyond",
     nullptr},
    {"56-volume-growth-without-period.yaml", 7, 13, "volumes.claims.growth",
     "expected a growth rate such as 3%/year or -1%/year, got '2%'", nullptr},
    // Input limits (docs/scenario-format.md#limits): reported where the expansion stopped.
    {"57-alias-bomb.yaml", 4, 42, "a5[0][3][3][7][1][8]",
     "the scenario has more than 100000 values once aliases are expanded", nullptr},
    {"58-alias-self-reference.yaml", 4, 10,
     "horizon.start.start.start.start.start.start.start.start.start.start.start.start.start."
     "start.start.start.start.start.start.start.start.start.start.start.start.start.start.start."
     "start.start.start.start",
     "the scenario nests deeper than 32 levels (or an alias refers to itself)", nullptr},
    {"59-nesting-too-deep.yaml", 4, 132,
     "x.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a",
     "the scenario nests deeper than 32 levels", nullptr},
    // extends: only .yaml files, never read before the name is checked.
    {"60-extends-device.yaml", 3, 10, "extends",
     "the base scenario must be a .yaml (or .yml) file, got '/dev/zero'", nullptr},
    {"61-extends-not-scenario.yaml", 3, 10, "extends",
     "the base scenario must be a .yaml (or .yml) file, got '/etc/passwd'", nullptr},
    {"62-extends-symlink-out.yaml", 3, 10, "extends",
     "leads to '/etc/passwd', which is not a .yaml (or .yml) file", nullptr},
    // Reported at the extends of the eighth file of the chain.
    {"63-extends-chain-too-long.yaml", 3, 10, "extends",
     "a chain of extends may have at most 8 files", "chain/c7.yaml"},
    {"64-extends-directory.yaml", 3, 10, "extends",
     "is a directory, not a scenario file (only regular files are read)", nullptr},
    // A missing section is reported at the top of the file, not with an empty location.
    {"65-custom-without-services.yaml", 2, 1, "services",
     "a custom topology must list the services it models", nullptr},
    {"66-name-path-traversal.yaml", 2, 7, "name", "the name is also the results file's name",
     nullptr},
    {"67-memory-facilities.yaml", 5, 3, "facility_counts",
     "more than the 4.3 GB allowed; make it smaller, or allow more with --max-memory", nullptr},
    // Ranges: zero, denormals and dates the calendar does not cover.
    {"68-utilisation-target-tiny.yaml", 6, 23, "planning.utilisation_target",
     "expected a utilisation target from 1% to 100%, got '0.5%'", nullptr},
    {"69-weight-denormal.yaml", 6, 54, "topology.nodes.clinic-a.weight",
     "value '1e-320' is too close to 0 for a number; expected 0 or at least 1e-9", nullptr},
    {"70-service-time-zero.yaml", 5, 31, "services.eligibility.service_time",
     "expected a service time from 1us to 1d, got '0ms'", nullptr},
    {"71-adoption-date-far.yaml", 5, 34, "adoption.eligibility.9999-12-31",
     "expected a date from 2016-01-01 to 2030-12-31 (the calendar's range)", nullptr},
    {"72-joins-1900.yaml", 6, 67, "topology.nodes.clinic-a.joins.eligibility",
     "expected a date from 2016-01-01 to 2030-12-31 (the calendar's range), got '1900-01-01'",
     nullptr},
    {"73-link-since-far.yaml", 9, 59, "topology.links[0].since",
     "expected a date from 2016-01-01 to 2030-12-31 (the calendar's range), got '2999-01-01'",
     nullptr},
};

std::string casePath(const std::string& file) {
  return test::sourcePath(std::string(kBadDirectory) + "/" + file);
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Names the case in test listings (ctest shows it after "GetParam() =").
void PrintTo(const BadCase& c, std::ostream* os) {
  *os << c.file;
}

class BadScenarioTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadScenarioTest, RejectedWithFileLineColumnAndMessage) {
  const BadCase& c = GetParam();
  const std::string expectedFile = std::string("/") + (c.reportedFile ? c.reportedFile : c.file);
  try {
    loadScenario(casePath(c.file));
    FAIL() << c.file << " was accepted; expected an InputError containing \"" << c.message << "\"";
  } catch (const InputError& e) {
    SCOPED_TRACE(std::string("what(): ") + e.what());
    EXPECT_TRUE(endsWith(e.where().file, expectedFile))
        << "reported file " << e.where().file << ", expected one ending in " << expectedFile;
    EXPECT_EQ(e.where().line, c.line) << "line";
    EXPECT_EQ(e.where().column, c.column) << "column";
    EXPECT_EQ(e.keyPath(), c.keyPath) << "key path";
    EXPECT_NE(e.message().find(c.message), std::string::npos)
        << "message \"" << e.message() << "\" does not contain \"" << c.message << "\"";
    // The rendered form the CLI prints: "file:line:column: key 'a.b': message" (a line of 0,
    // "unknown", drops the position and fails here too).
    std::string prefix = e.where().file + ":" + std::to_string(e.where().line) + ":" +
                         std::to_string(e.where().column) + ": ";
    if (*c.keyPath) prefix += std::string("key '") + c.keyPath + "': ";
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << "what() should start with " << prefix;
  } catch (const std::exception& e) {
    FAIL() << c.file << " threw a " << typeid(e).name()
           << " instead of an InputError: " << e.what();
  }
}

std::string caseName(const ::testing::TestParamInfo<BadCase>& info) {
  std::string name = info.param.file;
  name = name.substr(0, name.rfind(".yaml"));
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return "case" + name;
}

INSTANTIATE_TEST_SUITE_P(BadScenarios, BadScenarioTest, ::testing::ValuesIn(kCases), caseName);

std::set<std::string> yamlFilesIn(const std::string& directory) {
  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.insert(entry.path().filename().string());
  return files;
}

TEST(BadScenarioDirectory, HoldsAtLeastTwentyCasesAllCoveredByTheTable) {
  std::set<std::string> onDisk = yamlFilesIn(test::sourcePath(kBadDirectory));
  EXPECT_GE(onDisk.size(), 20u);
  std::set<std::string> inTable;
  for (const auto& c : kCases) {
    EXPECT_TRUE(inTable.insert(c.file).second) << c.file << " is listed twice in the table";
    EXPECT_TRUE(onDisk.count(c.file)) << c.file << " is in the table but not in " << kBadDirectory;
  }
  for (const auto& file : onDisk)
    EXPECT_TRUE(inTable.count(file))
        << file << " has no expectation in kCases (bad_scenarios_test.cpp)";
}

TEST(BadScenarioDirectory, ShippedScenariosStillLoad) {
  // Guards the table against loader changes that would reject everything.
  for (const auto& file : yamlFilesIn(test::sourcePath("scenarios")))
    EXPECT_NO_THROW(loadScenario(test::sourcePath("scenarios/" + file))) << file;
}

}  // namespace
}  // namespace tsunagu::io
