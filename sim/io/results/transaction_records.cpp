#include "sim/io/results/transaction_records.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace tsunagu::io {

namespace {

// Route names hold commas and quotes only by accident; CSV-quote them always.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

TransactionRecords::TransactionRecords(std::string path, std::vector<std::string> services)
    : path_(std::move(path)), services_(std::move(services)), out_(path_ + ".partial") {
  if (!out_) throw std::runtime_error(path_ + ".partial: cannot write: " + std::strerror(errno));
  out_ << "id,service,route,measured,start_s,end_s,latency_s,bytes,attempts,outcome\n";
}

TransactionRecords::~TransactionRecords() {
  if (!finished_) {
    out_.close();
    std::remove((path_ + ".partial").c_str());
  }
}

void TransactionRecords::begun(double dayStart, const std::vector<std::string>& routes) {
  dayStart_ = dayStart;
  routes_ = routes;
}

void TransactionRecords::completed(const des::TransactionEvent& event, bool late) {
  write(event, late ? "completed-late" : "completed");
}

void TransactionRecords::failed(const des::TransactionEvent& event, des::FailureReason reason) {
  write(event, des::failureReasonName(reason));
}

// Times in seconds after 00:00 of the window's first day (negative: the warm-up), to the
// microsecond the engine resolves.
void TransactionRecords::write(const des::TransactionEvent& event, const char* outcome) {
  out_ << fmt::format("{},{},{},{},{:.6f},{:.6f},{:.6f},{:.0f},{},{}\n", event.id,
                      services_.at(event.service),
                      event.route < routes_.size() ? quoted(routes_[event.route]) : "",
                      event.measured ? 1 : 0, event.born - dayStart_, event.now - dayStart_,
                      event.now - event.born, event.bytes, event.attempt + 1, outcome);
}

void TransactionRecords::finish() {
  out_.close();
  if (!out_) throw std::runtime_error(path_ + ".partial: write failed: " + std::strerror(errno));
  if (std::rename((path_ + ".partial").c_str(), path_.c_str()) != 0)
    throw std::runtime_error(path_ +
                             ": cannot rename the records into place: " + std::strerror(errno));
  finished_ = true;
}

}  // namespace tsunagu::io
