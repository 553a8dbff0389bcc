#include "sim/study/estimated_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace tsunagu::study {

namespace {

// The scenario's network settings have no data table; docs/model-reference.md tags them [E].
const FieldTag kSettingsTag{SourceTag::Estimated,
                            "docs/model-reference.md, defaults set in code: [E]"};

double bounded(const CatalogueField& field, double value) {
  switch (field.scale) {
    case Scale::Count:
      return std::max(0.0, std::round(value));
    case Scale::Share:
      return std::clamp(value, 0.0, 1.0);
    case Scale::Real:
      break;
  }
  return std::max(field.minimum, value);
}

// Finds a row's tags once per row: each catalogue field asks for its own.
class TagIndex {
 public:
  explicit TagIndex(const std::vector<SourceNote>& notes) {
    for (const auto& note : notes) notes_.try_emplace({note.table, note.row}, &note);
  }

  // The field's tag, and its row's range if the row has one.
  std::pair<FieldTag, std::optional<double>> of(const CatalogueField& field) {
    if (field.table == kSettingsTable) return {kSettingsTag, std::nullopt};
    auto note = notes_.find({field.table, field.row});
    if (note == notes_.end()) return {FieldTag{}, std::nullopt};
    auto [row, added] = rows_.try_emplace({field.table, field.row});
    if (added) row->second = tagFields(note->second->source, vocabularyOf(field.table));
    return {row->second.of(field.field), note->second->range};
  }

 private:
  std::map<std::pair<std::string, std::string>, const SourceNote*> notes_;
  std::map<std::pair<std::string, std::string>, RowTags> rows_;
};

bool matchesAny(const std::string& id, const std::vector<std::string>& patterns) {
  if (patterns.empty()) return true;
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return matchesPattern(id, p); });
}

}  // namespace

std::map<std::string, int> InputSelection::countByTable() const {
  std::map<std::string, int> counts;
  for (const auto& input : inputs) ++counts[catalogue[input.field].table];
  return counts;
}

InputSelection selectEstimatedInputs(const Scenario& scenario, const std::vector<SourceNote>& notes,
                                     const SelectionOptions& options) {
  InputSelection selection;
  selection.catalogue = catalogueOf(scenario);
  TagIndex tags(notes);
  for (size_t i = 0; i < selection.catalogue.size(); ++i) {
    const CatalogueField& field = selection.catalogue[i];
    auto [tag, rowRange] = tags.of(field);
    if (tag.tag != SourceTag::Estimated) continue;
    EstimatedInput input;
    input.field = i;
    input.id = field.id();
    input.base = field.get(scenario);
    if (input.base == 0) {
      ++selection.estimatedAtZero;
      continue;
    }
    if (!matchesAny(input.id, options.patterns)) {
      ++selection.estimatedUnmatched;
      continue;
    }
    input.range = rowRange.value_or(options.range);
    input.low = bounded(field, input.base * (1 - input.range));
    input.high = bounded(field, input.base * (1 + input.range));
    input.basis = tag.basis;
    selection.inputs.push_back(std::move(input));
  }
  return selection;
}

double valueAt(const CatalogueField& field, const EstimatedInput& input, double level) {
  return bounded(field, input.low + level * (input.high - input.low));
}

bool matchesPattern(std::string_view id, std::string_view pattern) {
  // Iterative glob with one backtracking point (the last '*'): linear in practice.
  size_t i = 0, p = 0, star = std::string_view::npos, resume = 0;
  while (i < id.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == id[i])) {
      ++i;
      ++p;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = i;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      i = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace tsunagu::study
