#include "sim/io/results/interrupts.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace tsunagu::io {

namespace {

// Fixed storage: the handler may not allocate. A command writes a handful of files at once.
constexpr int kSlots = 16;
constexpr size_t kPathBytes = 4096;
char partialPaths[kSlots][kPathBytes];
volatile std::sig_atomic_t slotUsed[kSlots];
char activityText[256];

void say(const char* text) {
  ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
  (void)ignored;
}

extern "C" void onInterrupt(int signal) {
  int removed = 0;
  for (int i = 0; i < kSlots; ++i)
    if (slotUsed[i] && ::unlink(partialPaths[i]) == 0) ++removed;
  say("\nerror: interrupted by ");
  say(signal == SIGINT ? "SIGINT" : "SIGTERM");
  say(" during ");
  say(activityText);
  say(removed > 0 ? "; partial output removed, earlier results left as they were\n"
                  : "; no output was written\n");
  ::_exit(128 + signal);
}

}  // namespace

void installInterruptHandlers(const std::string& activity) {
  std::strncpy(activityText, activity.c_str(), sizeof activityText - 1);
  struct sigaction action {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void registerPartialFile(const std::string& path) {
  if (path.size() >= kPathBytes) return;
  for (int i = 0; i < kSlots; ++i) {
    if (slotUsed[i]) continue;
    std::memcpy(partialPaths[i], path.c_str(), path.size() + 1);
    slotUsed[i] = 1;
    return;
  }
}

void forgetPartialFile(const std::string& path) {
  for (int i = 0; i < kSlots; ++i)
    if (slotUsed[i] && path == partialPaths[i]) slotUsed[i] = 0;
}

}  // namespace tsunagu::io
