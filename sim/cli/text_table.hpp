#pragma once

#include <string>
#include <vector>

namespace tsunagu::cli {

// A plain-text table with right-aligned numeric columns, for terminal reports.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void addRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render(const std::string& indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// 1234567.8 -> "1,234,568" (or with decimals).
std::string grouped(double value, int decimals = 0);
std::string bytesText(double bytes);            // "1.5 GB"
std::string bitRateText(double bitsPerSecond);  // "12.3 Mb/s"
// The averaging interval of a peak: "minute (p95)" or "5 minutes (p95)".
std::string peakRuleName(double intervalSeconds, double percentile);
template <typename Rule>
std::string peakRuleName(const Rule& rule) {
  return peakRuleName(rule.intervalSeconds, rule.percentile);
}

}  // namespace tsunagu::cli
