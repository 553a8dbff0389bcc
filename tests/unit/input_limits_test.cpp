// The reader's bounds (sim/io/input/input_limits.hpp, docs/scenario-format.md#limits): files
// that are too large or not regular files, messages that would echo a file, values out of
// range, and the guard on the server count.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/core/servers.hpp"
#include "sim/io/input/config_node.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/input_limits.hpp"
#include "sim/io/input/memory_estimate.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::io {
namespace {

namespace fs = std::filesystem;

// A directory of this test's own, removed afterwards.
class InputLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("tsunagu-limits-" + std::to_string(getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(directory_);
  }
  void TearDown() override { fs::remove_all(directory_); }
  std::string write(const std::string& name, const std::string& text) {
    std::string path = (directory_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string path(const std::string& name) const { return (directory_ / name).string(); }

  fs::path directory_;
};

std::string messageOf(const std::string& path) {
  try {
    loadScenario(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST_F(InputLimitsTest, AFileAboveTheSizeLimitIsRefusedBeforeParsing) {
  std::string big = "name: big\n# " + std::string(limits::kScenarioBytes, 'x') + "\n";
  std::string message = messageOf(write("big.yaml", big));
  EXPECT_NE(message.find("a scenario file may have at most 1048576 bytes"), std::string::npos)
      << message;
}

TEST_F(InputLimitsTest, AFifoIsRefusedWithoutWaitingForAWriter) {
  ASSERT_EQ(mkfifo(path("pipe.yaml").c_str(), 0600), 0);
  auto start = std::chrono::steady_clock::now();
  std::string message = messageOf(path("pipe.yaml"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_NE(message.find("is a FIFO, not a scenario file"), std::string::npos) << message;
}

TEST_F(InputLimitsTest, ADeviceIsRefused) {
  std::string message = messageOf("/dev/zero");
  EXPECT_NE(message.find("is a device, not a scenario file"), std::string::npos) << message;
}

TEST_F(InputLimitsTest, AnExtendsChainAtTheLimitLoadsAndOneMoreIsRefused) {
  // base + 6 links + the scenario = 8 files: the limit itself.
  write("f0.yaml", "name: f0\ntopology: {kind: national}\n");
  for (int i = 1; i <= 7; ++i)
    write("f" + std::to_string(i) + ".yaml",
          "name: f" + std::to_string(i) + "\nextends: f" + std::to_string(i - 1) + ".yaml\n");
  EXPECT_EQ(messageOf(path("f7.yaml")), "(accepted)");
  write("f8.yaml", "name: f8\nextends: f7.yaml\n");
  std::string message = messageOf(path("f8.yaml"));
  EXPECT_NE(message.find("a chain of extends may have at most 8 files"), std::string::npos)
      << message;
  EXPECT_NE(message.find("f1.yaml:2:10: key 'extends'"), std::string::npos) << message;
}

TEST_F(InputLimitsTest, AScenarioThatIsOneLongValueIsQuotedOnlyInPart) {
  // /etc/passwd read as YAML is one folded value; the message must not carry it whole.
  std::string secret = "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin";
  std::string text = "root:x:0:0:root:/root:/bin/bash\n" + secret + "\n" + secret + "\n";
  std::string message = messageOf(write("passwd.yaml", text));
  EXPECT_NE(message.find("expected a map of scenario settings"), std::string::npos) << message;
  EXPECT_EQ(message.find("nologin daemon"), std::string::npos) << message;
  EXPECT_LT(message.size(), 300u) << message;
}

TEST(InputLimits, ClipForMessageKeepsTheFirstLineAndAtMostEightyCharacters) {
  EXPECT_EQ(clipForMessage("short"), "short");
  EXPECT_EQ(clipForMessage("first\nsecond"), "first…");
  EXPECT_EQ(clipForMessage("bell\x07here"), "bell?here");
  std::string longText(200, 'a');
  EXPECT_EQ(clipForMessage(longText), std::string(80, 'a') + "…");
  // A multi-byte character at the cut is kept whole.
  std::string japanese = std::string(79, 'a') + "接続";
  std::string clipped = clipForMessage(japanese);
  EXPECT_EQ(clipped, std::string(79, 'a') + "接…");
}

TEST(InputLimits, InputErrorCapsItsMessageAndKeyPath) {
  InputError error({"f.yaml", 1, 1}, std::string(1000, 'k'), std::string(5000, 'm') + "\n");
  EXPECT_LE(error.keyPath().size(), 210u);
  EXPECT_LE(error.message().size(), 1010u);
  EXPECT_EQ(std::string(error.what()).find('\n'), std::string::npos);
}

TEST(InputLimits, AnAliasBombStopsAtTheValueLimitQuickly) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  try {
    loadYamlString(text, "bomb.yaml");
    FAIL() << "the alias bomb was expanded";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("more than 100000 values once aliases are expanded"),
              std::string::npos)
        << e.what();
    EXPECT_GT(e.where().line, 0);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(InputLimits, ASelfReferentialAliasIsANestingErrorNotACrash) {
  try {
    loadYamlString("a: &a {b: *a}\n", "self.yaml");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.message().find("nests deeper than 32 levels"), std::string::npos) << e.what();
    EXPECT_EQ(e.where().line, 1);
  }
}

TEST(InputLimits, DeepFlowNestingIsRefusedByDepthNotByTheStack) {
  // Far deeper than any tree walk could survive without a bound; yaml-cpp's own guard or ours.
  std::string text = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  EXPECT_THROW(loadYamlString(text, "deep.yaml"), InputError);
}

TEST(InputLimits, TheMemoryBudgetRefusesAndMaxMemoryAllows) {
  std::string file = test::sourcePath("tests/scenarios/bad/67-memory-facilities.yaml");
  EXPECT_THROW(loadScenario(file), InputError);
  double before = memoryBudget();
  setMemoryBudget(1e12);
  EXPECT_NO_THROW(loadScenario(file));
  setMemoryBudget(before);
}

TEST(InputLimits, ServersNeededForAnAbsurdLoadIsABreachNotAnOverflow) {
  core::PoolLevel level;
  level.arrivalsPerSecond = 1000;
  level.serviceSeconds = 0.05;
  level.utilisationTarget = 1e-12;
  core::ServerCount count = core::serversNeeded(level);
  EXPECT_EQ(count.servers, core::kMaxServers);
  EXPECT_FALSE(count.reachable);
}

}  // namespace
}  // namespace tsunagu::io
