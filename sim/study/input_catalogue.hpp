#pragma once

#include <functional>
#include <string>
#include <vector>

#include "models/scenario/scenario.hpp"
#include "sim/study/source_tags.hpp"

namespace tsunagu::study {

// The least part of the planner that must run again when a field changes: the cost ledger
// alone (unit costs), the pool estimates and then the costs (service times and targets, which
// no hourly load depends on), or the whole plan.
enum class Stage { Costs, Pools, Plan };
const char* stageName(Stage stage);  // "costs", "pools", "plan"

// How a varied value is kept meaningful: any value >= 0, a whole number, or a share in 0..1.
enum class Scale { Real, Count, Share };

// One number of a scenario's data tables (or settings) that a study can vary, named
// "table:row:field" after the table's file, the row's key columns and the column.
struct CatalogueField {
  std::string table, row, field;
  std::string units;  // of the value as get() returns it: "JPY/month", "s", "B", "1", ...
  Stage stage = Stage::Plan;
  Scale scale = Scale::Real;
  // Fields of one composition are shares that sum to 1 (the 24 hours of an hour profile, a
  // line mix, the bed classes): setting some rescales the others (ScenarioVariation).
  std::string composition;
  double minimum = 0;  // the least value that still means something (a route factor of 1)
  std::function<double(const Scenario&)> get;
  std::function<void(Scenario&, double)> set;

  std::string id() const { return table + ":" + row + ":" + field; }
};

// Every number of the scenario's data tables that the analytic planner reads and that can be
// varied by a share of itself, and the scenario's network settings that are estimates.
// Left out on purpose (docs/model-reference.md, "Sensitivity"): identities and categories (a
// tier's capacity, which its name states; bed-class bounds; prefecture codes and positions;
// data-center locations; holiday dates), values the planner does not read (availability,
// size_cv), target percentiles (a share near 1 that ±50% would push out of (0, 1)), services
// the scenario does not model, and, in a custom topology, the national tables it ignores
// (prefectures, bed classes, line mix, regional networks, network settings).
std::vector<CatalogueField> catalogueOf(const Scenario& scenario);

// The words a table's source texts use for its fields (columns and aliases).
FieldVocabulary vocabularyOf(const std::string& table);

// The table name of the scenario's own settings (network.route_factor and
// network.fibre_delay_per_km), which have no data table: docs/model-reference.md ("Defaults set
// in code") tags them [E].
inline constexpr const char* kSettingsTable = "scenario";

}  // namespace tsunagu::study
