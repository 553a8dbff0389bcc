#pragma once

#include <cstdio>
#include <string>

namespace tsunagu::test {

inline std::string sourcePath(const std::string& relative) {
  return std::string(TSUNAGU_SOURCE_DIR) + "/" + relative;
}

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout
  std::string errors;  // stderr
};

// Runs the tsunagu binary with `arguments` (a shell-quoted string), capturing both streams.
CommandResult runTsunagu(const std::string& arguments);

}  // namespace tsunagu::test
