#include "sim/cli/app.hpp"

#include <fmt/core.h>

#include <iostream>

#include "sim/build_info.hpp"
#include "sim/cli/commands.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/memory_estimate.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/interrupts.hpp"

namespace tsunagu::cli {

int runApp(int argc, char** argv) {
  CLI::App app{"tsunagu: simulator and capacity planner for Japan's national healthcare network"};
  app.set_version_flag("--version", fmt::format("tsunagu {} ({})", build_info::kVersion,
                                                build_info::kGitCommit[0] ? build_info::kGitCommit
                                                                          : "unknown commit"));
  app.require_subcommand(1);
  // Global, and accepted after the subcommand too: `tsunagu plan big.yaml --max-memory 16GB`.
  app.fallthrough();
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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
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
