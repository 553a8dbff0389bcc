#include "sim/core/child_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>

namespace tsunagu::core {

pid_t runInChild(const std::function<int()>& body) {
  std::fflush(nullptr);
  std::cout.flush();
  std::cerr.flush();
  pid_t pid = fork();
  if (pid < 0)
    throw std::runtime_error(std::string("cannot start a simulation process: ") +
                             std::strerror(errno));
  if (pid > 0) return pid;
  int code = 1;
  try {
    code = body();
  } catch (const std::exception& e) {
    std::cerr << "simulation process: " << e.what() << "\n";
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}

int waitForChild(pid_t child) {
  int status = 0;
  pid_t waited;
  do {
    waited = waitpid(child, &status, 0);
  } while (waited < 0 && errno == EINTR);
  if (waited < 0)
    throw std::runtime_error(std::string("cannot wait for a simulation process: ") +
                             std::strerror(errno));
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace tsunagu::core
