#include "sim/cli/compare_tables.hpp"

#include <fmt/core.h>

#include <cmath>

#include "sim/cli/text_table.hpp"

namespace tsunagu::cli {

namespace {

std::string cell(double value, int decimals) {
  return std::isnan(value) ? "n/a" : grouped(value, decimals);
}

}  // namespace

std::string figureTable(const FigureSet& set, const Figure& figure) {
  std::vector<std::string> header = {
      figure.unit.empty() ? figure.name : fmt::format("{} ({})", figure.name, figure.unit)};
  for (const auto& column : set.columns) header.push_back(set.columnPrefix + column);
  TextTable table(header);
  for (size_t r = 0; r < figure.labels.size(); ++r) {
    std::vector<std::string> row = {figure.labels[r]};
    for (double v : figure.values[r]) row.push_back(cell(v, figure.decimals));
    table.addRow(row);
  }
  for (size_t r = 1; r < figure.labels.size(); ++r) {
    std::vector<std::string> row = {fmt::format("{} - {}", figure.labels[r], figure.labels[0])};
    for (size_t c = 0; c < set.columns.size(); ++c)
      row.push_back(cell(figure.values[r][c] - figure.values[0][c], figure.decimals));
    table.addRow(row);
  }
  return table.render() + "\n";
}

std::string figureTables(const FigureSet& set) {
  std::string text;
  for (const auto& figure : set.figures) text += figureTable(set, figure);
  return text;
}

std::string figuresCsv(const FigureSet& set) {
  std::string csv = "kpi,unit," + set.columnName + ",scenario,file,value\n";
  for (const auto& figure : set.figures)
    for (size_t r = 0; r < figure.labels.size(); ++r)
      for (size_t c = 0; c < set.columns.size(); ++c) {
        double v = figure.values[r][c];
        csv += fmt::format("{},{},{},{},{},{}\n", figure.name, figure.unit, set.columns[c],
                           figure.labels[r], set.files[r],
                           std::isnan(v) ? std::string() : fmt::format("{:.6g}", v));
      }
  return csv;
}

}  // namespace tsunagu::cli
