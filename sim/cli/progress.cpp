#include "sim/cli/progress.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tsunagu::cli {

namespace {

Verbosity level = Verbosity::Normal;

constexpr double kRedrawSeconds = 0.2;      // a terminal line at most this often
constexpr double kSampleSeconds = 0.25;     // how far apart the rate's samples are
constexpr double kMinWindowSeconds = 3.0;   // the rate is taken over at least this long
constexpr double kPlainLineSeconds = 10.0;  // a plain line within a step this often
// Plain lines only once a command has run this long: a quick command (or one stopped by bad
// input, whose message must stand alone) says nothing.
constexpr double kPlainQuietSeconds = 2.0;

double seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

void setVerbosity(Verbosity verbosity) {
  level = verbosity;
}
Verbosity verbosity() {
  return level;
}

std::string durationText(double s) {
  s = std::max(0.0, std::round(s));
  if (s < 60) return fmt::format("{:.0f} s", s);
  if (s < 3600) return fmt::format("{:.0f} min {:02.0f} s", std::floor(s / 60), std::fmod(s, 60));
  return fmt::format("{:.0f} h {:02.0f} min", std::floor(s / 3600), std::fmod(s, 3600) / 60);
}

Progress::Progress(std::string command, int steps)
    : command_(std::move(command)),
      steps_(steps),
      terminal_(isatty(fileno(stderr)) != 0),
      enabled_(level != Verbosity::Quiet),
      started_(Clock::now()) {
  // The ticker keeps a terminal line's clock moving through steps that report nothing, and
  // writes the plain lines.
  if (enabled_) ticker_ = std::thread([this] { tick(); });
}

Progress::~Progress() {
  finish();
}

void Progress::tick() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, std::chrono::milliseconds(terminal_ ? 1000 : 250));
    if (stop_ || current_ == 0) continue;
    auto now = Clock::now();
    if (terminal_)
      drawLocked(now);
    else if (seconds(now - started_) >= kPlainQuietSeconds && !plainShown_)
      plainStepLocked();
    else if (plainShown_ && seconds(now - drawn_) >= kPlainLineSeconds) {
      std::fprintf(stderr, "  %s\n", lineLocked(now).c_str());
      drawn_ = now;
    }
  }
}

void Progress::plainStepLocked() {
  std::fprintf(stderr, "%s: step %d/%d: %s\n", command_.c_str(), current_, steps_, name_.c_str());
  plainShown_ = true;
  drawn_ = Clock::now();
}

void Progress::setSteps(int steps) {
  std::lock_guard lock(mutex_);
  steps_ = steps;
}

void Progress::step(const std::string& name, bool measured) {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  endStep();
  ++current_;
  name_ = name;
  measured_ = measured;
  fraction_ = 0;
  firstFraction_ = -1;
  samples_.clear();
  stepStarted_ = Clock::now();
  plainShown_ = false;
  if (!enabled_) return;
  if (terminal_)
    drawLocked(stepStarted_);
  else if (seconds(stepStarted_ - started_) >= kPlainQuietSeconds)
    plainStepLocked();
}

void Progress::update(double fraction) {
  auto now = Clock::now();
  std::lock_guard lock(mutex_);
  fraction_ = std::clamp(fraction, 0.0, 1.0);
  if (firstFraction_ < 0) {
    firstFraction_ = fraction_;
    firstMeasure_ = now;
  }
  if (samples_.empty() || seconds(now - samples_.back().first) >= kSampleSeconds)
    samples_.emplace_back(now, fraction_);
  if (enabled_ && terminal_ && seconds(now - drawn_) >= kRedrawSeconds) drawLocked(now);
}

void Progress::detail(const std::string& text) {
  std::lock_guard lock(mutex_);
  if (level != Verbosity::Verbose) return;
  std::fprintf(stderr, "%s  %s\n", terminal_ ? "\r\033[K" : "", text.c_str());
  if (terminal_ && current_ > 0) drawLocked(Clock::now());
}

std::string Progress::lineLocked(Clock::time_point now) const {
  std::string line = fmt::format("step {}/{}: {}", current_, steps_, name_);
  if (measured_) line += fmt::format(" {:3.0f}%", 100 * fraction_);
  line += " | " + durationText(seconds(now - stepStarted_));
  // No estimate before 1% or in the first second.
  double span = seconds(now - firstMeasure_);
  if (measured_ && firstFraction_ >= 0 && fraction_ >= 0.01 && span >= 1.0) {
    double rate = recentRateLocked(now);
    if (rate > 0) line += " | about " + durationText((1 - fraction_) / rate) + " left";
  }
  return line;
}

// The fraction gained a second over the later half of the step so far (at least the last
// 3 s): the rate since the start would remember a slow start (a machine busy with other work,
// the first rollout states) for the whole step.
double Progress::recentRateLocked(Clock::time_point now) const {
  double window = std::max(kMinWindowSeconds, 0.5 * seconds(now - firstMeasure_));
  auto from = samples_.begin();
  while (std::next(from) != samples_.end() && seconds(now - std::next(from)->first) >= window)
    ++from;
  double elapsed = seconds(now - from->first), gained = fraction_ - from->second;
  return elapsed > 0 && gained > 0 ? gained / elapsed : 0;
}

void Progress::drawLocked(Clock::time_point now) {
  if (!enabled_ || !terminal_ || finished_) return;
  std::fprintf(stderr, "\r\033[K%s: %s", command_.c_str(), lineLocked(now).c_str());
  std::fflush(stderr);
  drawn_ = now;
}

// -v: how long each step took, so a planner knows where the time goes.
void Progress::endStep() {
  if (current_ == 0 || level != Verbosity::Verbose) return;
  std::fprintf(stderr, "%s  step %d/%d done: %s in %s\n", terminal_ ? "\r\033[K" : "", current_,
               steps_, name_.c_str(), durationText(seconds(Clock::now() - stepStarted_)).c_str());
}

void Progress::finish() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    endStep();
    finished_ = true;
    stop_ = true;
    if (enabled_ && terminal_) std::fprintf(stderr, "\r\033[K");
    if (level == Verbosity::Verbose)
      std::fprintf(stderr, "%s: %d steps in %s\n", command_.c_str(), current_,
                   durationText(seconds(Clock::now() - started_)).c_str());
    std::fflush(stderr);
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

}  // namespace tsunagu::cli
