#include "sim/cli/commands.hpp"

namespace tsunagu::cli {

namespace {

struct RunOptions {
  std::string scenarioPath;
  std::string output;
  bool aggregate = false;
  int replications = 1;
  std::string link;
};

}  // namespace

// The main job: the plan of the whole horizon and the simulated peak day of its last fiscal
// year, in one results file.
void addRunCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunOptions>();
  auto* command = app.add_subcommand(
      "run",
      "The main job on a scenario: the plan of the whole horizon and its simulated peak day");
  command->add_option("scenario", options->scenarioPath, "Scenario file (YAML)")->required();
  command->add_option("-o,--output", options->output, "Results file (default results/NAME.h5)");
  command->add_flag("--aggregate", options->aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command
      ->add_option("--replications", options->replications,
                   "Also run the peak day this many times (different seeds) for confidence "
                   "intervals of its figures")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  command->add_option("--link", options->link,
                      "Also print this link's busy hour of each year split by service "
                      "('A -- B', as in links/name)");
  command->callback([&action, options] {
    action = [options] {
      return runPlanCommand(options->scenarioPath, options->output, options->aggregate,
                            "tsunagu run " + options->scenarioPath +
                                (options->aggregate ? " --aggregate" : "") +
                                (options->replications > 1
                                     ? " --replications " + std::to_string(options->replications)
                                     : ""),
                            true, options->replications, options->link);
    };
  });
}

}  // namespace tsunagu::cli
