#pragma once

// `simulate --records FILE`: one CSV row per transaction or flow as it ends (completed or
// failed): when it started and ended, its route, the bytes it sent, its attempts and outcome.
// Written to FILE.partial and renamed when the run has finished, so a failed run leaves none.

#include <fstream>
#include <string>
#include <vector>

#include "sim/des/engine/window_observer.hpp"

namespace tsunagu::io {

class TransactionRecords : public des::WindowObserver {
 public:
  TransactionRecords(std::string path, std::vector<std::string> services);
  ~TransactionRecords() override;
  TransactionRecords(const TransactionRecords&) = delete;
  TransactionRecords& operator=(const TransactionRecords&) = delete;

  void begun(double dayStart, const std::vector<std::string>& routes) override;
  void completed(const des::TransactionEvent& event, bool late) override;
  void failed(const des::TransactionEvent& event, des::FailureReason reason) override;
  // Closes and renames the file; throws with the path and the reason if it could not be written.
  void finish();

 private:
  void write(const des::TransactionEvent& event, const char* outcome);

  std::string path_;
  std::vector<std::string> services_, routes_;
  std::ofstream out_;
  double dayStart_ = 0;
  bool finished_ = false;
};

}  // namespace tsunagu::io
