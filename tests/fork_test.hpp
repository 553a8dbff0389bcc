#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>

namespace tsunagu::test {

// Runs `body` in a forked child: SimGrid's Engine is a process-wide singleton, so each test
// that creates one gets a fresh process (as WRENCH does). The child's assertion messages
// appear in the test output; the parent fails if the child failed or crashed.
inline void runForked(const std::function<void()>& body) {
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t child = fork();
  ASSERT_GE(child, 0) << "fork failed";
  if (child == 0) {
    body();
    std::fflush(stdout);
    _exit(::testing::Test::HasFailure() ? 1 : 0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status)) << "the forked test crashed (signal " << WTERMSIG(status) << ")";
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0) << "the forked test failed; see above";
}

}  // namespace tsunagu::test
