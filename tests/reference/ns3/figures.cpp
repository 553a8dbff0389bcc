#include "figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <numeric>

namespace ref {

void Figures::Param(const std::string& key, const std::string& value) {
  params_.emplace_back(key, value);
}

void Figures::Add(const std::string& variant, const std::string& metric, double value,
                  const std::string& unit) {
  rows_.push_back({variant, metric, value, unit});
}

void Figures::Write(const std::string& dir) const {
  const std::string csv_path = dir + "/" + case_name_ + ".csv";
  const std::string params_path = dir + "/" + case_name_ + ".params";
  std::ofstream csv(csv_path);
  std::ofstream params(params_path);
  if (!csv || !params) {
    std::cerr << "cannot write " << csv_path << " or " << params_path << "\n";
    std::exit(1);
  }
  csv << "case,variant,metric,value,unit\n";
  for (const Row& row : rows_) {
    char value[64];
    std::snprintf(value, sizeof value, "%.6g", row.value);
    csv << case_name_ << ',' << row.variant << ',' << row.metric << ',' << value << ',' << row.unit
        << '\n';
  }
  params << "# Parameters of the ns-3 reference case '" << case_name_
         << "' (written by the program that produced " << case_name_ << ".csv)\n";
  for (const auto& [key, value] : params_) params << key << " = " << value << '\n';
}

double Mean(const std::vector<double>& values) {
  if (values.empty()) return std::nan("");
  return std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const double rank = p / 100.0 * (values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(rank));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (rank - below) * (values[above] - values[below]);
}

double StandardDeviation(const std::vector<double>& values) {
  if (values.size() < 2) return 0.0;
  const double mean = Mean(values);
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / (values.size() - 1));
}

void AddLatencySummary(Figures& figures, const std::string& variant, const std::string& prefix,
                       const std::vector<double>& values_ms, bool with_p99) {
  figures.Add(variant, prefix + "mean", Mean(values_ms), "ms");
  figures.Add(variant, prefix + "p50", Percentile(values_ms, 50), "ms");
  figures.Add(variant, prefix + "p95", Percentile(values_ms, 95), "ms");
  if (with_p99) figures.Add(variant, prefix + "p99", Percentile(values_ms, 99), "ms");
}

}  // namespace ref
