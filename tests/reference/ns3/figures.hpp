// The reference figures of one case: tidy CSV rows (case,variant,metric,value,unit) and a
// sidecar CASE.params with every parameter, plus the summary statistics the cases share.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ref {

class Figures {
 public:
  explicit Figures(std::string case_name) : case_name_(std::move(case_name)) {}

  void Param(const std::string& key, const std::string& value);
  void Add(const std::string& variant, const std::string& metric, double value,
           const std::string& unit);
  // Writes DIR/CASE.csv and DIR/CASE.params; exits 1 if either cannot be written.
  void Write(const std::string& dir) const;

 private:
  struct Row {
    std::string variant, metric;
    double value;
    std::string unit;
  };
  std::string case_name_;
  std::vector<std::pair<std::string, std::string>> params_;
  std::vector<Row> rows_;
};

double Mean(const std::vector<double>& values);
// Linear interpolation between closest ranks (numpy's default); p in [0, 100].
double Percentile(std::vector<double> values, double p);
// Sample standard deviation (n - 1); 0 for fewer than two values.
double StandardDeviation(const std::vector<double>& values);

// Adds mean, p50, p95 (and p99 when `with_p99`) of `values` in ms under `variant`.
void AddLatencySummary(Figures& figures, const std::string& variant, const std::string& prefix,
                       const std::vector<double>& values_ms, bool with_p99);

}  // namespace ref
