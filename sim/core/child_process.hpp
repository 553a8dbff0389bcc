#pragma once

#include <sys/types.h>

#include <functional>

namespace tsunagu::core {

// SimGrid runs one engine per process, so every window that is not the process's only one runs
// in a child. `runInChild` forks (throwing std::runtime_error with the system's reason when it
// cannot), runs `body` in the child and ends the child with its return value, never returning
// there; the parent gets the child's pid. `waitForChild` waits for it and returns its exit
// code, or 128 + the signal that ended it (throwing when waiting itself fails).
pid_t runInChild(const std::function<int()>& body);
int waitForChild(pid_t child);

}  // namespace tsunagu::core
