#pragma once

#include <string>
#include <vector>

#include "sim/io/input/input_error.hpp"

namespace tsunagu::io {

// A CSV data table (RFC 4180 quoting, header row first) that remembers the line and column of
// every field, so a bad value is reported where it is written.
class CsvTable {
 public:
  struct Row {
    int line = 0;
    std::vector<std::string> fields;
    std::vector<int> columns;  // 1-based column where each field starts
  };

  static CsvTable load(const std::string& path, const std::vector<std::string>& requiredColumns);

  const std::string& file() const { return file_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<Row>& rows() const { return rows_; }
  bool hasColumn(const std::string& name) const { return columnIndex(name) >= 0; }
  const std::string& field(const Row& row, const std::string& column) const;
  SourceLocation where(const Row& row, const std::string& column) const;
  [[noreturn]] void fail(const Row& row, const std::string& column,
                         const std::string& message) const;

 private:
  int columnIndex(const std::string& name) const;
  std::string file_;
  std::vector<std::string> header_;
  std::vector<Row> rows_;
};

}  // namespace tsunagu::io
