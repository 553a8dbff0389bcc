#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace tsunagu::cli {

// How much a command says on stderr while it works: -q nothing, -v each step's detail too.
enum class Verbosity { Quiet, Normal, Verbose };
void setVerbosity(Verbosity verbosity);
Verbosity verbosity();

// What a long command says while it works, on stderr: the step (k of n), how far it has come
// and the time it has left. On a terminal one line rewritten in place (about five times a
// second, and every second by itself, so a step without a measure still shows its time); not
// on a terminal, plain lines once the command has run 2 s: one a step, one every 10 s within
// a step; with -q nothing.
//
// The time left is the step's own: the steps of a command differ in kind (building the nation,
// the hourly plan, the discrete-event window), so only a step's rate predicts its end. The
// rate is taken over the later half of the step since its first measure (set-up before it
// does not count, and a slow start is forgotten).
class Progress {
 public:
  Progress(std::string command, int steps);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // When the count of steps is known only on the way (a step a fiscal year).
  void setSteps(int steps);
  // Starts the next step; `measured`: it will report its fraction done through update().
  void step(const std::string& name, bool measured = false);
  // The fraction of the current step done, 0 to 1.
  void update(double fraction);
  // A line for -v only (counts, sizes, what a step found).
  void detail(const std::string& text);
  // Ends the last step and clears the line, before the command prints its results.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  void endStep();
  std::string lineLocked(Clock::time_point now) const;
  void drawLocked(Clock::time_point now);
  double recentRateLocked(Clock::time_point now) const;
  void plainStepLocked();
  void tick();

  std::string command_;
  int steps_ = 0, current_ = 0;
  bool terminal_ = false, enabled_ = false, finished_ = false;
  std::string name_;
  bool measured_ = false, plainShown_ = false;
  double fraction_ = 0, firstFraction_ = -1;
  Clock::time_point started_, stepStarted_, firstMeasure_, drawn_;
  std::deque<std::pair<Clock::time_point, double>> samples_;  // (when, fraction done)
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread ticker_;
};

// "12 s", "3 min 05 s", "1 h 02 min".
std::string durationText(double seconds);

}  // namespace tsunagu::cli
