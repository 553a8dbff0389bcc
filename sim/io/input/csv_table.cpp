#include "sim/io/input/csv_table.hpp"

#include <algorithm>
#include <sstream>

#include "sim/io/input/input_limits.hpp"

namespace tsunagu::io {

namespace {

CsvTable::Row splitLine(const std::string& line, int lineNumber, const std::string& file) {
  CsvTable::Row row;
  row.line = lineNumber;
  std::string field;
  bool quoted = false;
  int fieldStart = 1;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      row.fields.push_back(field);
      row.columns.push_back(fieldStart);
      field.clear();
      fieldStart = int(i) + 2;
    } else {
      field += c;
    }
  }
  if (quoted) throw InputError({file, lineNumber, fieldStart}, "", "unterminated quoted field");
  row.fields.push_back(field);
  row.columns.push_back(fieldStart);
  return row;
}

}  // namespace

CsvTable CsvTable::load(const std::string& path, const std::vector<std::string>& requiredColumns) {
  std::istringstream in(readBoundedFile(path, limits::kTableBytes, "data table"));
  CsvTable table;
  table.file_ = path;
  std::string line;
  int lineNumber = 0;
  while (std::getline(in, line)) {
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    Row row = splitLine(line, lineNumber, path);
    if (table.header_.empty()) {
      table.header_ = row.fields;
      continue;
    }
    if (row.fields.size() != table.header_.size())
      throw InputError({path, lineNumber, 1}, "",
                       "expected " + std::to_string(table.header_.size()) + " fields, found " +
                           std::to_string(row.fields.size()));
    table.rows_.push_back(std::move(row));
  }
  if (table.header_.empty()) throw InputError({path, 1, 1}, "", "the data table is empty");
  for (const auto& column : requiredColumns)
    if (!table.hasColumn(column))
      throw InputError({path, 1, 1}, "", "missing column '" + column + "'");
  return table;
}

int CsvTable::columnIndex(const std::string& name) const {
  auto it = std::find(header_.begin(), header_.end(), name);
  return it == header_.end() ? -1 : int(it - header_.begin());
}

const std::string& CsvTable::field(const Row& row, const std::string& column) const {
  return row.fields[columnIndex(column)];
}

SourceLocation CsvTable::where(const Row& row, const std::string& column) const {
  int index = columnIndex(column);
  return {file_, row.line, index < 0 ? 1 : row.columns[index]};
}

void CsvTable::fail(const Row& row, const std::string& column, const std::string& message) const {
  throw InputError(where(row, column), column, message);
}

}  // namespace tsunagu::io
