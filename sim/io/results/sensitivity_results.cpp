#include "sim/io/results/sensitivity_results.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdint>

#include "sim/io/results/hdf5_columns.hpp"

namespace tsunagu::io {

namespace {

using study::EstimatedInput;
using study::figureAt;
using study::figureInfo;
using study::kFigureCount;

// One row of the effects table: an input's effect on one figure.
struct EffectRow {
  size_t figure = 0, input = 0, rank = 0;
  double atLow = 0, atHigh = 0, swing = 0, mu = 0, muStar = 0, sigma = 0;
};

// Ordered by figure, then rank.
std::vector<EffectRow> effectRows(const study::SensitivityResult& result) {
  std::vector<EffectRow> rows;
  for (size_t f = 0; f < kFigureCount; ++f)
    for (size_t r = 0; r < result.ranking[f].size(); ++r) {
      size_t i = result.ranking[f][r];
      const study::InputEffect& e = result.effects[i];
      rows.push_back(
          {f, i, r + 1, e.atLow[f], e.atHigh[f], e.swing[f], e.mu[f], e.muStar[f], e.sigma[f]});
    }
  return rows;
}

void writeAttributes(Hdf5Writer& out, const study::SensitivityResult& r) {
  const std::string g = "sensitivity";
  out.createGroup(g);
  out.setAttribute(g, "fiscal_year", std::int64_t(r.fiscalYear()));
  out.setAttribute(g, "start_date", r.start.toString());
  out.setAttribute(g, "hours", std::int64_t(r.hours));
  out.setAttribute(g, "utilisation_target", r.utilisationTarget);
  out.setAttribute(g, "default_range", r.defaultRange);
  out.setAttribute(g, "morris_trajectories", std::int64_t(r.morrisTrajectories));
  out.setAttribute(g, "morris_levels", std::int64_t(r.morrisLevels));
  out.setAttribute(g, "morris_delta", r.morrisDelta);
  out.setAttribute(g, "morris_top", std::int64_t(r.morrisTop));
  out.setAttribute(g, "morris_screened", std::int64_t(r.screened));
  out.setAttribute(g, "plans_run", std::int64_t(r.plansRun));
  out.setAttribute(g, "shortcuts_run", std::int64_t(r.shortcutsRun));
  out.setAttribute(g, "estimated_at_zero", std::int64_t(r.selection.estimatedAtZero));
  out.setAttribute(g, "estimated_unmatched", std::int64_t(r.selection.estimatedUnmatched));
  std::vector<std::int32_t> years(r.fiscalYears.begin(), r.fiscalYears.end());
  out.writeVector(g + "/fiscal_years", years);
}

void writeFigures(Hdf5Writer& out, const study::SensitivityResult& r) {
  std::vector<size_t> figures;
  for (size_t f = 0; f < kFigureCount; ++f) figures.push_back(f);
  const std::string g = "sensitivity/figures/";
  writeColumn(out, g + "name", figures,
              [](size_t f) { return std::string(figureInfo(figureAt(f)).name); });
  writeColumn(out, g + "label", figures,
              [](size_t f) { return std::string(figureInfo(figureAt(f)).label); });
  writeColumn(out, g + "units", figures,
              [](size_t f) { return std::string(figureInfo(figureAt(f)).units); });
  writeColumn(out, g + "base", figures, [&](size_t f) { return r.base[f]; });
}

void writeInputs(Hdf5Writer& out, const study::SensitivityResult& r) {
  const auto& inputs = r.selection.inputs;
  out.createGroup("sensitivity/inputs");
  if (inputs.empty()) return;
  const std::string g = "sensitivity/inputs/";
  auto field = [&](const EstimatedInput& in) -> const study::CatalogueField& {
    return r.selection.fieldOf(in);
  };
  writeColumn(out, g + "id", inputs, [](auto& in) { return in.id; });
  writeColumn(out, g + "table", inputs, [&](auto& in) { return field(in).table; });
  writeColumn(out, g + "row", inputs, [&](auto& in) { return field(in).row; });
  writeColumn(out, g + "field", inputs, [&](auto& in) { return field(in).field; });
  writeColumn(out, g + "units", inputs, [&](auto& in) { return field(in).units; });
  writeColumn(out, g + "stage", inputs,
              [&](auto& in) { return std::string(study::stageName(field(in).stage)); });
  writeColumn(out, g + "base", inputs, [](auto& in) { return in.base; });
  writeColumn(out, g + "low", inputs, [](auto& in) { return in.low; });
  writeColumn(out, g + "high", inputs, [](auto& in) { return in.high; });
  writeColumn(
      out, g + "range", inputs, [](auto& in) { return in.range; }, "1");
  writeColumn(out, g + "basis", inputs, [](auto& in) { return in.basis; });
}

void writeEffects(Hdf5Writer& out, const std::vector<EffectRow>& rows) {
  out.createGroup("sensitivity/effects");
  if (rows.empty()) return;
  const std::string g = "sensitivity/effects/";
  writeColumn(out, g + "figure", rows, [](auto& e) { return e.figure; });
  writeColumn(out, g + "input", rows, [](auto& e) { return e.input; });
  writeColumn(out, g + "rank", rows, [](auto& e) { return e.rank; });
  writeColumn(out, g + "at_low", rows, [](auto& e) { return e.atLow; });
  writeColumn(out, g + "at_high", rows, [](auto& e) { return e.atHigh; });
  writeColumn(out, g + "swing", rows, [](auto& e) { return e.swing; });
  writeColumn(out, g + "mu", rows, [](auto& e) { return e.mu; });
  writeColumn(out, g + "mu_star", rows, [](auto& e) { return e.muStar; });
  writeColumn(out, g + "sigma", rows, [](auto& e) { return e.sigma; });
}

std::string number(double value) {
  if (std::isnan(value)) return "";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return fmt::format("{:.15g}", value);  // yen to the yen, shares to 15 digits
}

}  // namespace

void writeSensitivityResults(const std::string& path, const study::SensitivityResult& result,
                             const Manifest& manifest) {
  Hdf5Writer out = Hdf5Writer::create(path);
  writeManifest(out, result.scenarioName, manifest, "sensitivity");
  writeAttributes(out, result);
  writeFigures(out, result);
  writeInputs(out, result);
  writeEffects(out, effectRows(result));
  out.commit();
}

std::string sensitivityCsv(const study::SensitivityResult& result) {
  std::string csv =
      "figure,rank,input,table,row,field,units,stage,base,low,high,figure_units,figure_base,"
      "figure_at_low,figure_at_high,swing,morris_mu_star,morris_sigma\n";
  for (const auto& row : effectRows(result)) {
    const EstimatedInput& in = result.selection.inputs[row.input];
    const study::CatalogueField& field = result.selection.fieldOf(in);
    const auto& figure = figureInfo(figureAt(row.figure));
    csv +=
        fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", figure.name,
                    row.rank, in.id, field.table, field.row, field.field, field.units,
                    study::stageName(field.stage), number(in.base), number(in.low), number(in.high),
                    figure.units, number(result.base[row.figure]), number(row.atLow),
                    number(row.atHigh), number(row.swing), number(row.muStar), number(row.sigma));
  }
  return csv;
}

}  // namespace tsunagu::io
