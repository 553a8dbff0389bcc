#include "sim/cli/app.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <iostream>

#include "sim/build_info.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/io/input/config_reader.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/memory_estimate.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/interrupts.hpp"

namespace tsunagu::cli {

namespace {

// The first word that is not an option must name a command: CLI11 would only say that a
// subcommand is required. Returns the message, or "" when the word is a command.
std::string unknownCommand(const CLI::App& app, int argc, char** argv) {
  std::string word;
  for (int i = 1; i < argc && word.empty(); ++i)
    if (argv[i][0] != '-') word = argv[i];
  if (word.empty()) return "";
  std::vector<std::string> names;
  for (const auto* command : app.get_subcommands({})) names.push_back(command->get_name());
  if (std::find(names.begin(), names.end(), word) != names.end()) return "";
  std::string closest = io::closestMatch(word, names);  // the scenario reader's rule
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return fmt::format("error: unknown command '{}'{}; the commands are {} (tsunagu --help)\n", word,
                     closest.empty() ? "" : " (did you mean '" + closest + "'?)", list);
}

}  // namespace

int runApp(int argc, char** argv) {
  CLI::App app{"tsunagu: simulator and capacity planner for Japan's national healthcare network"};
  app.set_version_flag("--version", fmt::format("tsunagu {} ({})", build_info::kVersion,
                                                build_info::kGitCommit[0] ? build_info::kGitCommit
                                                                          : "unknown commit"));
  app.require_subcommand(1);
  // -q and -v may follow the command too (tsunagu plan x.yaml -q).
  app.fallthrough();
  bool quiet = false, verbose = false;
  auto* quietFlag = app.add_flag("-q,--quiet", quiet, "No progress lines while a command works");
  app.add_flag("-v,--verbose", verbose, "Progress with detail: each step's time and what it found")
      ->excludes(quietFlag);
  // Global, and accepted after the subcommand too: `tsunagu plan big.yaml --max-memory 16GB`.
  std::string maxMemory;
  app.add_option("--max-memory", maxMemory,
                 "Memory a scenario may need before it is refused (default 4GiB), e.g. 16GB");
  Action action;
  addValidateCommand(app, action);
  addTopologyCommand(app, action);
  addDemandCommand(app, action);
  addPlanCommand(app, action);
  addCompareCommand(app, action);
  addRunCommand(app, action);
  addReportCommand(app, action);
  addSimulateCommand(app, action);
  addWorkloadCommand(app, action);
  addSizeCommand(app, action);
  addFailuresCommand(app, action);
  addSensitivityCommand(app, action);
  addUncertaintyCommand(app, action);
  if (std::string message = unknownCommand(app, argc, argv); !message.empty()) {
    std::cerr << message;
    return kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  setVerbosity(quiet ? Verbosity::Quiet : verbose ? Verbosity::Verbose : Verbosity::Normal);
  if (!maxMemory.empty()) {
    auto bytes = io::parseByteSize(maxMemory);
    if (!io::ok(bytes) || std::get<ByteSize>(bytes).bytes < 1e6) {
      std::cerr << "error: --max-memory: expected a size such as 16GB (at least 1MB), got '"
                << maxMemory << "'\n";
      return kExitBadInput;
    }
    io::setMemoryBudget(std::get<ByteSize>(bytes).bytes);
  }
  // The subcommand's name says what an interruption stopped.
  std::string activity = "tsunagu";
  for (const CLI::App* sub : app.get_subcommands()) activity += " " + sub->get_name();
  io::installInterruptHandlers(activity);
  try {
    return action();
  } catch (const io::InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace tsunagu::cli
