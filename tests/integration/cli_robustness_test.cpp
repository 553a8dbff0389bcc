// The binary against a careless or hostile user: output paths that are not regular files,
// links planted at the partial file, a full disk, interruptions, and numbers on the command line
// (docs/user-guide.md#errors-limits-and-interruptions).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "test_support.hpp"

namespace tsunagu::test {
namespace {

namespace fs = std::filesystem;

std::string quote(const std::string& text) {
  return "'" + text + "'";
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a shell command line (for ulimit and trap), capturing stderr; stdout is discarded.
CommandResult runShell(const std::string& line) {
  std::string errors =
      (fs::temp_directory_path() / ("tsunagu-sh-" + std::to_string(getpid()))).string();
  // std::system runs the line with sh; the redirections apply to its last command.
  int status = std::system((line + " >/dev/null 2>" + errors).c_str());
  CommandResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.errors = slurp(errors);
  fs::remove(errors);
  return result;
}

class CliRobustness : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("tsunagu-robust-" + std::to_string(getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(directory_);
  }
  void TearDown() override {
    ::umount2(tmpfs().c_str(), MNT_DETACH);
    fs::remove_all(directory_);
  }
  std::string path(const std::string& name) const { return (directory_ / name).string(); }
  std::string tmpfs() const { return path("tmpfs"); }
  CommandResult plan(const std::string& output) {
    return runTsunagu("plan " + quote(sourcePath("tests/scenarios/plan-check.yaml")) + " -o " +
                      quote(output));
  }

  fs::path directory_;
};

TEST_F(CliRobustness, OutputToADeviceIsRefusedAndTheDeviceKept) {
  CommandResult r =
      runTsunagu("plan " + quote(sourcePath("tests/scenarios/plan-check.yaml")) + " -o /dev/null");
  EXPECT_EQ(r.exitCode, 2) << r.errors;
  EXPECT_NE(r.errors.find("/dev/null: key '-o': refusing to write here: the path is a device"),
            std::string::npos)
      << r.errors;
  struct stat info {};
  ASSERT_EQ(stat("/dev/null", &info), 0);
  EXPECT_TRUE(S_ISCHR(info.st_mode));
  EXPECT_FALSE(fs::exists("/dev/null.csv"));
}

TEST_F(CliRobustness, OutputToAFifoADirectoryOrASymlinkIsRefused) {
  ASSERT_EQ(mkfifo(path("fifo.h5").c_str(), 0600), 0);
  fs::create_directory(path("dir.h5"));
  std::ofstream(path("victim.txt")) << "keep me\n";
  fs::create_symlink(path("victim.txt"), path("link.h5"));
  for (const char* name : {"fifo.h5", "dir.h5", "link.h5"}) {
    SCOPED_TRACE(name);
    CommandResult r = plan(path(name));
    EXPECT_EQ(r.exitCode, 2) << r.errors;
    EXPECT_NE(r.errors.find("refusing to write here"), std::string::npos) << r.errors;
  }
  EXPECT_TRUE(fs::is_fifo(path("fifo.h5")));
  EXPECT_TRUE(fs::is_symlink(path("link.h5")));
  EXPECT_EQ(slurp(path("victim.txt")), "keep me\n");
}

TEST_F(CliRobustness, ALinkPlantedAtThePartialFileIsNotFollowed) {
  std::ofstream(path("victim.txt")) << "keep me\n";
  fs::create_symlink(path("victim.txt"), path("out.h5.partial"));
  CommandResult r = plan(path("out.h5"));
  EXPECT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(slurp(path("victim.txt")), "keep me\n");
  EXPECT_TRUE(fs::is_regular_file(path("out.h5")));
  EXPECT_FALSE(fs::exists(path("out.h5.partial")));
}

// A write that fails halfway: the file-size limit (EFBIG) stands in for a full disk wherever
// a tmpfs cannot be mounted.
TEST_F(CliRobustness, AFailedWriteIsReportedAndLeavesNoPartialFile) {
  std::ofstream(path("out.h5")) << "earlier results\n";
  CommandResult r = runShell("trap \"\" XFSZ; ulimit -f 16; " + std::string(TSUNAGU_BINARY) +
                             " plan " + quote(sourcePath("tests/scenarios/plan-check.yaml")) +
                             " -o " + quote(path("out.h5")));
  EXPECT_TRUE(r.exitCode == 1 || r.exitCode == 2) << r.exitCode << " " << r.errors;
  EXPECT_NE(r.errors.find(path("out.h5")), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("File too large"), std::string::npos) << r.errors;
  EXPECT_FALSE(fs::exists(path("out.h5.partial")));
  EXPECT_EQ(slurp(path("out.h5")), "earlier results\n");
}

TEST_F(CliRobustness, AFullDiskIsReportedAndLeavesNoPartialFile) {
  fs::create_directory(tmpfs());
  if (::mount("tmpfs", tmpfs().c_str(), "tmpfs", 0, "size=64k") != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here (not root?); the file-size test covers the path";
  std::string output = tmpfs() + "/out.h5";
  CommandResult r = plan(output);
  EXPECT_TRUE(r.exitCode == 1 || r.exitCode == 2) << r.exitCode << " " << r.errors;
  EXPECT_NE(r.errors.find(output), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("No space left on device"), std::string::npos) << r.errors;
  EXPECT_FALSE(fs::exists(output + ".partial"));
  EXPECT_FALSE(fs::exists(output));
}

// Sends `signal` to a plan of the national scenario (minutes of work) once it is under way.
CommandResult interruptPlan(int signal, const std::string& output) {
  std::string errors = output + ".stderr";
  pid_t child = fork();
  if (child == 0) {
    freopen("/dev/null", "w", stdout);
    freopen(errors.c_str(), "w", stderr);
    execl(TSUNAGU_BINARY, TSUNAGU_BINARY, "plan", sourcePath("scenarios/plan-2017.yaml").c_str(),
          "-o", output.c_str(), nullptr);
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(child, signal);
  int status = 0;
  waitpid(child, &status, 0);
  CommandResult result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.errors = slurp(errors);
  return result;
}

TEST_F(CliRobustness, SigintAndSigtermStopCleanlyWith130And143) {
  std::ofstream(path("out.h5")) << "earlier results\n";
  CommandResult r = interruptPlan(SIGINT, path("out.h5"));
  EXPECT_EQ(r.exitCode, 130) << r.errors;
  EXPECT_NE(r.errors.find("interrupted by SIGINT during tsunagu plan"), std::string::npos)
      << r.errors;
  r = interruptPlan(SIGTERM, path("out.h5"));
  EXPECT_EQ(r.exitCode, 143) << r.errors;
  EXPECT_NE(r.errors.find("interrupted by SIGTERM"), std::string::npos) << r.errors;
  EXPECT_FALSE(fs::exists(path("out.h5.partial")));
  EXPECT_EQ(slurp(path("out.h5")), "earlier results\n");
}

TEST_F(CliRobustness, NanAndOutOfRangeNumbersAreRefused) {
  std::string scenario = quote(sourcePath("tests/scenarios/plan-check.yaml"));
  CommandResult r = runTsunagu("simulate " + scenario + " --window 2023-05-08 --step nan");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("expected a number from 1 to 86400, got 'nan'"), std::string::npos)
      << r.errors;
  r = runTsunagu("simulate " + scenario + " --window 2023-05-08 --warm-up inf");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("got 'inf'"), std::string::npos) << r.errors;
}

TEST_F(CliRobustness, SeedsAreUnsigned64BitWithSignAndOverflowErrors) {
  std::string scenario = quote(sourcePath("tests/scenarios/plan-check.yaml"));
  std::string simulate = "simulate " + scenario + " --window 2023-05-08 --seed ";
  CommandResult r = runTsunagu(simulate + "-1");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("(a seed has no sign), got '-1'"), std::string::npos) << r.errors;
  r = runTsunagu(simulate + "99999999999999999999");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("got '99999999999999999999', which is too large"), std::string::npos)
      << r.errors;
  r = runTsunagu(simulate + "1.5");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("expected a whole number from 0 to 18446744073709551615"),
            std::string::npos)
      << r.errors;
}

TEST_F(CliRobustness, MaxMemoryLetsABigScenarioValidate) {
  std::string file = quote(sourcePath("tests/scenarios/bad/67-memory-facilities.yaml"));
  CommandResult r = runTsunagu("validate " + file);
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("--max-memory"), std::string::npos) << r.errors;
  r = runTsunagu("validate " + file + " --max-memory 1TB");
  EXPECT_EQ(r.exitCode, 0) << r.errors;
  r = runTsunagu("validate " + file + " --max-memory lots");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.errors.find("--max-memory: expected a size such as 16GB"), std::string::npos)
      << r.errors;
}

// Every bad scenario exits 2 promptly and within 1 GB of address space, located.
TEST_F(CliRobustness, EveryBadScenarioExits2WithinFiveSecondsAndOneGigabyte) {
  for (const auto& entry : fs::directory_iterator(sourcePath("tests/scenarios/bad"))) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto start = std::chrono::steady_clock::now();
    CommandResult r = runShell("ulimit -v 1048576; exec " + std::string(TSUNAGU_BINARY) +
                               " validate " + quote(entry.path().string()));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_EQ(r.exitCode, 2) << r.errors;
    EXPECT_NE(r.errors.find(".yaml:"), std::string::npos) << r.errors;
  }
}

}  // namespace
}  // namespace tsunagu::test
