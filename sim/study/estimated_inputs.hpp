#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/source_note.hpp"
#include "sim/study/input_catalogue.hpp"

namespace tsunagu::study {

// One estimated input of a study: a catalogue field tagged [E], its value in the scenario and
// the values a study varies it to.
struct EstimatedInput {
  size_t field = 0;  // index into InputSelection::catalogue
  std::string id;    // table:row:field
  double base = 0, low = 0, high = 0;
  double range = 0;   // the relative half-width asked for (low and high may be clamped)
  std::string basis;  // why it counts as estimated: the clause of its source text
};

struct InputSelection {
  std::vector<CatalogueField> catalogue;  // every field, estimated or not (compositions need all)
  std::vector<EstimatedInput> inputs;     // in catalogue order
  int estimatedAtZero = 0;     // [E] fields whose value is 0, which a relative range cannot move
  int estimatedUnmatched = 0;  // [E] fields that --inputs left out

  const CatalogueField& fieldOf(const EstimatedInput& input) const {
    return catalogue[input.field];
  }
  std::map<std::string, int> countByTable() const;
};

struct SelectionOptions {
  double range = 0.5;                 // for rows without a range of their own
  std::vector<std::string> patterns;  // glob patterns (* and ?) on ids; empty: every input
};

// The [E] fields of the scenario: the catalogue's fields whose row's source text tags them [E]
// (tagFields), found by table and row key among `notes`; a row the scenario added has no note
// and is left out. A field the scenario overrides keeps its row's tag. Each input is varied by
// its row's range, else options.range, to base x (1 -+ range), kept valid by its scale.
InputSelection selectEstimatedInputs(const Scenario& scenario, const std::vector<SourceNote>& notes,
                                     const SelectionOptions& options);

// A field's value at `level` in [0, 1] between an input's low (0) and high (1) values, kept
// valid by its scale (rounded, clamped).
double valueAt(const CatalogueField& field, const EstimatedInput& input, double level);

// Whether `id` matches a glob pattern: '*' any run of characters, '?' one character.
bool matchesPattern(std::string_view id, std::string_view pattern);

}  // namespace tsunagu::study
