#include "sim/cli/text_table.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace tsunagu::cli {

namespace {
bool looksNumeric(const std::string& s) {
  return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-');
}
}  // namespace

std::string TextTable::render(const std::string& indent) const {
  std::vector<size_t> widths(header_.size(), 0);
  for (size_t c = 0; c < header_.size(); ++c) widths[c] = header_[c].size();
  for (const auto& row : rows_)
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], row[c].size());
  auto line = [&](const std::vector<std::string>& cells, bool header) {
    std::string out = indent;
    for (size_t c = 0; c < cells.size(); ++c) {
      bool right = !header ? looksNumeric(cells[c]) && c > 0 : c > 0;
      std::string pad(widths[c] - std::min(widths[c], cells[c].size()), ' ');
      out += right ? pad + cells[c] : cells[c] + pad;
      if (c + 1 < cells.size()) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string text = line(header_, true);
  for (const auto& row : rows_) text += line(row, false);
  return text;
}

std::string grouped(double value, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  size_t point = digits.find('.');
  std::string whole = digits.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : digits.substr(point);
  std::string out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  return (value < 0 && std::fabs(value) >= 0.5 * std::pow(10, -decimals) ? "-" : "") + out +
         fraction;
}

std::string bytesText(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (bytes >= 1000 && u < 5) {
    bytes /= 1000;
    ++u;
  }
  return fmt::format("{:.{}f} {}", bytes, u == 0 ? 0 : 1, units[u]);
}

std::string bitRateText(double bps) {
  const char* units[] = {"b/s", "kb/s", "Mb/s", "Gb/s", "Tb/s"};
  int u = 0;
  while (bps >= 1000 && u < 4) {
    bps /= 1000;
    ++u;
  }
  return fmt::format("{:.{}f} {}", bps, u == 0 ? 0 : 1, units[u]);
}

std::string peakRuleName(double intervalSeconds, double percentile) {
  return fmt::format("{} (p{:g})", intervalSeconds > 60 ? "5 minutes" : "minute", percentile * 100);
}

}  // namespace tsunagu::cli
