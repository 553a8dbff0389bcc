#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tsunagu::test {

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

CommandResult runTsunagu(const std::string& arguments) {
  char errTemplate[] = "/tmp/tsunagu-test-err-XXXXXX";
  int fd = mkstemp(errTemplate);
  close(fd);
  std::string command = std::string(TSUNAGU_BINARY) + " " + arguments + " 2>" + errTemplate;
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.errors = slurp(errTemplate);
  std::remove(errTemplate);
  return result;
}

}  // namespace tsunagu::test
