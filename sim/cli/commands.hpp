#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace tsunagu::cli {

// Each command registers its options on the app and returns the action to run once the
// command line has been parsed; the action returns the exit code.
using Action = std::function<int()>;

void addValidateCommand(CLI::App& app, Action& action);
void addTopologyCommand(CLI::App& app, Action& action);
void addDemandCommand(CLI::App& app, Action& action);
void addPlanCommand(CLI::App& app, Action& action);
void addCompareCommand(CLI::App& app, Action& action);
void addRunCommand(CLI::App& app, Action& action);
void addReportCommand(CLI::App& app, Action& action);
void addSimulateCommand(CLI::App& app, Action& action);
void addWorkloadCommand(CLI::App& app, Action& action);
void addSizeCommand(CLI::App& app, Action& action);
void addFailuresCommand(CLI::App& app, Action& action);
void addSensitivityCommand(CLI::App& app, Action& action);
void addUncertaintyCommand(CLI::App& app, Action& action);

// The plan as a step of other commands (run): loads, plans, simulates the last fiscal year's
// peak day when asked, writes, prints the summary.
// With `replications` > 1, the peak day also runs that many times in child processes (first,
// before this process starts its own engine), and the file gets the group replications.
// With a `link`, its busy hours split by service are printed too.
int runPlanCommand(const std::string& scenarioPath, std::string output, bool aggregate,
                   const std::string& commandLine, bool simulatePeakDay, int replications = 1,
                   const std::string& link = "");

}  // namespace tsunagu::cli
