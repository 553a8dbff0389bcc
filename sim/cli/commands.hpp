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

}  // namespace tsunagu::cli
