#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tsunagu::study {

// Runs task(0) ... task(count - 1) on up to `jobs` threads, each taking the next index as it
// finishes one; rethrows the first exception once every thread has stopped (the others stop
// taking new tasks).
template <typename Task>
void runInParallel(size_t count, int jobs, Task task) {
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex failureMutex;
  auto work = [&] {
    for (size_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(failureMutex);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    }
  };
  size_t threads = std::min(count, size_t(std::max(1, jobs)));
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& thread : pool) thread.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace tsunagu::study
