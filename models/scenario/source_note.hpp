#pragma once

#include <optional>
#include <string>

namespace tsunagu {

// Where one row of a data table comes from: its `source` column as written ("[S] FLET'S list
// price; latency and availability [E]") and, from an optional `range` column, how far a
// sensitivity study may vary the row's estimates. Kept out of ReferenceData: only studies read
// it, and the model's numbers do not depend on it.
struct SourceNote {
  std::string table;            // the file's stem: "technologies"
  std::string row;              // the row's key columns joined by '/': "ip-vpn/1Gbps"
  std::string source;           // empty when the table has no source column
  std::optional<double> range;  // a relative half-width: 0.3 varies the row's estimates ±30%
};

}  // namespace tsunagu
