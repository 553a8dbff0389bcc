#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {

// Writes one column of a table of records as a 1-D dataset: `get` reads the field of each
// record (strings, floating point as double, anything else as int32).
template <typename Row, typename Get>
void writeColumn(Hdf5Writer& out, const std::string& path, const std::vector<Row>& rows, Get get,
                 const std::string& units = "") {
  using Value = std::decay_t<decltype(get(rows.front()))>;
  if constexpr (std::is_same_v<Value, std::string>) {
    std::vector<std::string> values;
    for (const auto& row : rows) values.push_back(get(row));
    out.writeStrings(path, values);
  } else if constexpr (std::is_floating_point_v<Value>) {
    std::vector<double> values;
    for (const auto& row : rows) values.push_back(double(get(row)));
    out.writeVector(path, values);
  } else {
    std::vector<std::int32_t> values;
    for (const auto& row : rows) values.push_back(std::int32_t(get(row)));
    out.writeVector(path, values);
  }
  if (!units.empty()) out.setUnits(path, units);
}

}  // namespace tsunagu::io
