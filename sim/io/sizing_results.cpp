#include "sim/io/sizing_results.hpp"

#include <fmt/core.h>

#include <cstdint>
#include <functional>

#include "sim/io/hdf5_file.hpp"

namespace tsunagu::io {

namespace {

// Writes one column of a table of records: `get` reads the field of each record.
template <typename Row, typename Get>
void column(Hdf5Writer& out, const std::string& path, const std::vector<Row>& rows, Get get,
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

void writeLinks(Hdf5Writer& out, const std::vector<sizing::LinkChoice>& links) {
  const std::string g = "sizing/links/";
  out.createGroup("sizing/links");
  if (links.empty()) return;
  column(out, g + "fiscal_year", links, [](auto& r) { return r.fiscalYear; });
  column(out, g + "name", links, [](auto& r) { return r.link; });
  column(out, g + "role", links, [](auto& r) { return r.role; });
  column(out, g + "technology", links, [](auto& r) { return r.technology; });
  column(out, g + "tier", links, [](auto& r) { return r.option.tier; });
  column(out, g + "lines", links, [](auto& r) { return r.option.lines; });
  column(
      out, g + "capacity", links, [](auto& r) { return r.option.capacityBps; }, "bit/s");
  column(
      out, g + "busy", links, [](auto& r) { return r.busyBps; }, "bit/s");
  column(
      out, g + "utilisation", links, [](auto& r) { return r.utilisation; }, "1");
  column(
      out, g + "des_utilisation", links, [](auto& r) { return r.desUtilisation; }, "1");
  column(
      out, g + "yearly_cost", links, [](auto& r) { return r.option.yearlyYen; }, "JPY/year");
  column(out, g + "new_purchase", links, [](auto& r) { return int(r.newPurchase); });
  column(out, g + "met", links, [](auto& r) { return int(r.met); });
}

void writePools(Hdf5Writer& out, const std::vector<sizing::PoolChoice>& pools) {
  const std::string g = "sizing/pools/";
  out.createGroup("sizing/pools");
  if (pools.empty()) return;
  column(out, g + "fiscal_year", pools, [](auto& r) { return r.fiscalYear; });
  column(out, g + "name", pools, [](auto& r) { return r.pool; });
  column(out, g + "service", pools, [](auto& r) { return r.service; });
  column(out, g + "level", pools, [](auto& r) { return r.level; });
  column(out, g + "servers", pools, [](auto& r) { return r.servers; });
  column(out, g + "servers_before", pools, [](auto& r) { return r.serversBefore; });
  column(out, g + "added_by_des", pools, [](auto& r) { return r.addedByDes; });
  column(
      out, g + "busy_arrivals", pools, [](auto& r) { return r.busyArrivals; }, "1/s");
  column(
      out, g + "utilisation", pools, [](auto& r) { return r.utilisation; }, "1");
  column(
      out, g + "at_target", pools, [](auto& r) { return r.atTarget; }, "s");
  column(
      out, g + "p99", pools, [](auto& r) { return r.p99; }, "s");
  column(
      out, g + "des_at_target", pools, [](auto& r) { return r.desAtTarget; }, "s");
  column(
      out, g + "des_p99", pools, [](auto& r) { return r.desP99; }, "s");
  column(
      out, g + "yearly_cost", pools, [](auto& r) { return r.yearlyYen; }, "JPY/year");
  column(
      out, g + "setup_cost", pools, [](auto& r) { return r.setupYen; }, "JPY");
  column(out, g + "met", pools, [](auto& r) { return int(r.met); });
}

void writeOptions(Hdf5Writer& out, const std::vector<sizing::VisitedOption>& options) {
  const std::string g = "sizing/options/";
  out.createGroup("sizing/options");
  if (options.empty()) return;
  column(out, g + "fiscal_year", options, [](auto& r) { return r.fiscalYear; });
  column(out, g + "element", options, [](auto& r) { return r.element; });
  column(out, g + "option", options, [](auto& r) { return r.option; });
  column(out, g + "source", options, [](auto& r) { return r.source; });
  column(
      out, g + "yearly_cost", options, [](auto& r) { return r.yearlyYen; }, "JPY/year");
  column(out, g + "performance", options, [](auto& r) { return r.p99; });
  out.setAttribute(g + "performance", "meaning",
                   std::string("pools: end-to-end p99 response (s); links: busy-hour utilisation"));
  column(out, g + "meets", options, [](auto& r) { return int(r.meets); });
  column(out, g + "chosen", options, [](auto& r) { return int(r.chosen); });
  column(out, g + "pareto", options, [](auto& r) { return int(r.pareto); });
}

void writeChecksAndYears(Hdf5Writer& out, const sizing::SizingResult& result) {
  out.createGroup("sizing/checks");
  const auto& checks = result.checks;
  if (!checks.empty()) {
    const std::string g = "sizing/checks/";
    column(out, g + "fiscal_year", checks, [](auto& r) { return r.fiscalYear; });
    column(out, g + "service", checks, [](auto& r) { return r.service; });
    column(out, g + "level", checks, [](auto& r) { return r.level; });
    column(out, g + "value", checks, [](auto& r) { return r.value; });
    column(out, g + "met", checks, [](auto& r) { return int(r.met); });
    column(out, g + "note", checks, [](auto& r) { return r.note; });
  }
  const std::string g = "sizing/years/";
  out.createGroup("sizing/years");
  const auto& years = result.years;
  if (years.empty()) return;
  column(out, g + "fiscal_year", years, [](auto& r) { return r.fiscalYear; });
  column(
      out, g + "links_yearly_cost", years, [](auto& r) { return r.linksYearlyYen; }, "JPY");
  column(
      out, g + "servers_yearly_cost", years, [](auto& r) { return r.serversYearlyYen; }, "JPY");
  column(
      out, g + "setup_cost", years, [](auto& r) { return r.setupYen; }, "JPY");
  column(
      out, g + "total_cost", years, [](auto& r) { return r.total(); }, "JPY");
  column(out, g + "des_rounds", years, [](auto& r) { return r.desRounds; });
  column(out, g + "des_agrees", years, [](auto& r) { return int(r.desAgrees); });
  column(out, g + "conserved", years, [](auto& r) { return int(r.conserved); });
  column(out, g + "des_window", years, [](auto& r) { return r.desWindow; });
}

std::string number(double value) {
  return value < 0 ? "" : fmt::format("{:.6g}", value);
}

}  // namespace

void writeSizingResults(const std::string& path, const sizing::SizingResult& result,
                        const Manifest& manifest) {
  Hdf5Writer out = Hdf5Writer::create(path);
  writeManifest(out, result.scenarioName, manifest, "sizing");
  out.createGroup("sizing");
  out.setAttribute("sizing", "utilisation_target", result.utilisationTarget);
  writeLinks(out, result.links);
  writePools(out, result.pools);
  writeOptions(out, result.options);
  writeChecksAndYears(out, result);
  out.commit();
}

std::string sizingPurchasesCsv(const sizing::SizingResult& result) {
  std::string csv =
      "fiscal_year,kind,element,choice,capacity_bps,servers,new,yearly_cost_yen,setup_cost_yen,"
      "busy,utilisation,at_target_s,p99_s,des_value,level,met\n";
  for (const auto& l : result.links)
    csv += fmt::format("{},link,{},{},{},,{},{:.0f},,{:.6g},{:.6g},,,{},utilisation <= {:g}%,{}\n",
                       l.fiscalYear, l.link, l.option.label(), l.option.capacityBps,
                       int(l.newPurchase), l.option.yearlyYen, l.busyBps, l.utilisation,
                       number(l.desUtilisation), result.utilisationTarget * 100, int(l.met));
  for (const auto& p : result.pools)
    csv += fmt::format(
        "{},pool,{},{} servers,,{},{},{:.0f},{:.0f},{:.6g},{:.6g},{:.6g},{:.6g},{},{},{}\n",
        p.fiscalYear, p.pool, p.servers, p.servers, int(p.servers != p.serversBefore), p.yearlyYen,
        p.setupYen, p.busyArrivals, p.utilisation, p.atTarget, p.p99, number(p.desAtTarget),
        p.level, int(p.met));
  return csv;
}

std::string sizingOptionsCsv(const sizing::SizingResult& result) {
  std::string csv =
      "fiscal_year,element,option,source,yearly_cost_yen,performance,meets,chosen,pareto\n";
  for (const auto& o : result.options)
    csv += fmt::format("{},{},{},{},{:.0f},{:.6g},{},{},{}\n", o.fiscalYear, o.element, o.option,
                       o.source, o.yearlyYen, o.p99, int(o.meets), int(o.chosen), int(o.pareto));
  return csv;
}

}  // namespace tsunagu::io
