#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace tsunagu::des {

// A line on stderr, rewritten about once a second, for people watching a long run.
class Progress {
 public:
  Progress(bool enabled, double from, double to) : enabled_(enabled), from_(from), to_(to) {}

  void update(double simulated, std::uint64_t events) {
    if (!enabled_ || ++calls_ % 65536 != 0) return;
    auto now = std::chrono::steady_clock::now();
    double wall = std::chrono::duration<double>(now - started_).count();
    if (wall - lastPrint_ < 1.0) return;
    lastPrint_ = wall;
    double done = std::clamp((simulated - from_) / (to_ - from_), 0.0, 1.0);
    double eta = done > 0 ? wall * (1 - done) / done : 0;
    int hours = int(std::max(0.0, simulated - from_) / 3600);
    std::fprintf(stderr,
                 "\r  simulated %3d h %02d min | wall %5.0f s | ETA %5.0f s | %8.0f events/s ",
                 hours, int(std::fmod(std::max(0.0, simulated - from_), 3600.0) / 60), wall, eta,
                 double(events) / wall);
  }
  void done() {
    if (enabled_ && lastPrint_ > 0) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  double from_, to_;
  std::uint64_t calls_ = 0;
  double lastPrint_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace tsunagu::des
