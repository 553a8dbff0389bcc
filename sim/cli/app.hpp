#pragma once

namespace tsunagu::cli {

// Exit codes: 0 success, 2 bad input (scenario, data table, command line), 1 internal error.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

int runApp(int argc, char** argv);

}  // namespace tsunagu::cli
