#include <fmt/core.h>

#include <iostream>

#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/scenario_loader.hpp"

namespace tsunagu::cli {

namespace {

struct ValidateOptions {
  std::vector<std::string> files;
};

int validate(const ValidateOptions& options) {
  int failures = 0;
  for (const auto& file : options.files) {
    try {
      Scenario scenario = io::loadScenario(file);
      std::cout << fmt::format(
          "ok: {} (scenario '{}', {} topology, {} services, {} rollout events)\n", file,
          scenario.name, scenario.topology == TopologyKind::National ? "national" : "custom",
          scenario.services.size(), scenario.events.size());
    } catch (const io::InputError& e) {
      std::cerr << "error: " << e.what() << "\n";
      ++failures;
    }
  }
  return failures == 0 ? kExitOk : kExitBadInput;
}

}  // namespace

void addValidateCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<ValidateOptions>();
  auto* command = app.add_subcommand("validate",
                                     "Check scenario files strictly, reporting each problem "
                                     "with file:line:column");
  command->add_option("files", options->files, "Scenario files (YAML)")->required();
  command->callback([&action, options] { action = [options] { return validate(*options); }; });
}

}  // namespace tsunagu::cli
