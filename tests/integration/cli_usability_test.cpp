// The command line's small promises: an unknown command is named as such (with the closest
// command when it is a slip), and --help shows the defaults a planner would otherwise guess.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "test_support.hpp"

namespace tsunagu::test {
namespace {

TEST(CliUsability, UnknownCommandIsNamedWithTheCommandList) {
  CommandResult result = runTsunagu("frobnicate");
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_EQ(result.output, "");
  EXPECT_EQ(result.errors.rfind("error: unknown command 'frobnicate'; the commands are ", 0), 0u)
      << result.errors;
  EXPECT_NE(result.errors.find("plan, "), std::string::npos) << result.errors;
  EXPECT_EQ(result.errors.find("did you mean"), std::string::npos) << result.errors;
  EXPECT_EQ(result.errors.find("subcommand is required"), std::string::npos) << result.errors;
}

TEST(CliUsability, AMistypedCommandGetsTheClosestOne) {
  CommandResult result = runTsunagu("simulat " + sourcePath("tests/scenarios/plan-check.yaml"));
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_NE(result.errors.find("unknown command 'simulat' (did you mean 'simulate'?)"),
            std::string::npos)
      << result.errors;
}

// CLI11 prints a default after the option's type: "--jobs INT:INT in [1 - 64]=2".
void expectDefault(const std::string& command, const std::string& option,
                   const std::string& value) {
  CommandResult result = runTsunagu(command + " --help");
  ASSERT_EQ(result.exitCode, 0) << result.errors;
  std::regex line("\\n *" + option + " [^\\n]*=" + value + "( |\\n)");
  EXPECT_TRUE(std::regex_search(result.output, line))
      << command << " --help shows no default =" << value << " for " << option << ":\n"
      << result.output;
}

TEST(CliUsability, HelpShowsTheDefaults) {
  expectDefault("failures", "--des-top", "5");
  expectDefault("failures", "--duration", "2h");
  expectDefault("failures", "--jobs", "2");
  expectDefault("size", "--jobs", "2");
  expectDefault("simulate", "--days", "1");
  expectDefault("workload", "--days", "1");
}

TEST(CliUsability, QuietAndVerboseAreExclusiveAndMayFollowTheCommand) {
  std::string scenario = sourcePath("tests/scenarios/plan-check.yaml");
  CommandResult both = runTsunagu("validate " + scenario + " -q -v");
  EXPECT_EQ(both.exitCode, 2) << both.errors;
  CommandResult quiet = runTsunagu("validate " + scenario + " -q");
  EXPECT_EQ(quiet.exitCode, 0) << quiet.errors;
}

}  // namespace
}  // namespace tsunagu::test
