#include "sim/io/input/source_notes.hpp"

#include <utility>

#include "sim/io/input/csv_table.hpp"
#include "sim/io/input/units.hpp"

namespace tsunagu::io {

namespace {

// Each table with the columns that name one of its rows, as the loader reads them.
const std::vector<std::pair<const char*, std::vector<std::string>>> kTableKeys = {
    {"prefectures", {"code"}},
    {"hospital_bed_classes", {"class"}},
    {"holidays", {"date"}},
    {"technologies", {"technology", "tier"}},
    {"line_mix", {"kind"}},
    {"hour_profiles", {"profile"}},
    {"weekday_weights", {"day"}},
    {"month_multipliers", {"month"}},
    {"claims_window", {"day"}},
    {"datacenters", {"id"}},
    {"services", {"service"}},
    {"volumes", {"service", "origin"}},
    {"regional_networks", {"prefecture"}},
    {"regional_network_participation", {"kind"}},
    {"cost_items", {"item"}},
};

std::optional<double> readRange(const CsvTable& table, const CsvTable::Row& row) {
  if (!table.hasColumn("range") || table.field(row, "range").empty()) return std::nullopt;
  auto share = parseShare(table.field(row, "range"));
  if (!ok(share)) table.fail(row, "range", std::get<std::string>(share));
  double range = std::get<double>(share);
  if (range <= 0)
    table.fail(row, "range",
               "a range must be above 0% (leave the field empty to use the study's range)");
  return range;
}

}  // namespace

std::vector<SourceNote> readSourceNotes(const std::string& directory) {
  std::vector<SourceNote> notes;
  for (const auto& [name, keys] : kTableKeys) {
    auto table = CsvTable::load(directory + "/" + name + ".csv", keys);
    for (const auto& row : table.rows()) {
      SourceNote note;
      note.table = name;
      for (const auto& key : keys)
        note.row += (note.row.empty() ? "" : "/") + table.field(row, key);
      if (table.hasColumn("source")) note.source = table.field(row, "source");
      note.range = readRange(table, row);
      notes.push_back(std::move(note));
    }
  }
  return notes;
}

}  // namespace tsunagu::io
