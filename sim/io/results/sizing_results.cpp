#include "sim/io/results/sizing_results.hpp"

#include <fmt/core.h>

#include <cstdint>
#include <functional>

#include "sim/io/results/design_file.hpp"
#include "sim/io/results/hdf5_columns.hpp"

namespace tsunagu::io {

namespace {

void writeLinks(Hdf5Writer& out, const std::vector<sizing::LinkChoice>& links) {
  const std::string g = "sizing/links/";
  out.createGroup("sizing/links");
  if (links.empty()) return;
  writeColumn(out, g + "fiscal_year", links, [](auto& r) { return r.fiscalYear; });
  writeColumn(out, g + "name", links, [](auto& r) { return r.link; });
  writeColumn(out, g + "role", links, [](auto& r) { return r.role; });
  writeColumn(out, g + "technology", links, [](auto& r) { return r.technology; });
  writeColumn(out, g + "tier", links, [](auto& r) { return r.option.tier; });
  writeColumn(out, g + "lines", links, [](auto& r) { return r.option.lines; });
  writeColumn(
      out, g + "capacity", links, [](auto& r) { return r.option.capacityBps; }, "bit/s");
  writeColumn(
      out, g + "busy", links, [](auto& r) { return r.busyBps; }, "bit/s");
  writeColumn(
      out, g + "utilisation", links, [](auto& r) { return r.utilisation; }, "1");
  writeColumn(
      out, g + "peak", links, [](auto& r) { return r.peakBps; }, "bit/s");
  writeColumn(
      out, g + "peak_utilisation", links, [](auto& r) { return r.peakUtilisation; }, "1");
  writeColumn(
      out, g + "des_utilisation", links, [](auto& r) { return r.desUtilisation; }, "1");
  writeColumn(
      out, g + "yearly_cost", links, [](auto& r) { return r.option.yearlyYen; }, "JPY/year");
  writeColumn(out, g + "new_purchase", links, [](auto& r) { return int(r.newPurchase); });
  writeColumn(out, g + "met", links, [](auto& r) { return int(r.met); });
}

void writePools(Hdf5Writer& out, const std::vector<sizing::PoolChoice>& pools) {
  const std::string g = "sizing/pools/";
  out.createGroup("sizing/pools");
  if (pools.empty()) return;
  writeColumn(out, g + "fiscal_year", pools, [](auto& r) { return r.fiscalYear; });
  writeColumn(out, g + "name", pools, [](auto& r) { return r.pool; });
  writeColumn(out, g + "service", pools, [](auto& r) { return r.service; });
  writeColumn(out, g + "level", pools, [](auto& r) { return r.level; });
  writeColumn(out, g + "servers", pools, [](auto& r) { return r.servers; });
  writeColumn(out, g + "servers_before", pools, [](auto& r) { return r.serversBefore; });
  writeColumn(out, g + "added_by_des", pools, [](auto& r) { return r.addedByDes; });
  writeColumn(
      out, g + "busy_arrivals", pools, [](auto& r) { return r.busyArrivals; }, "1/s");
  writeColumn(
      out, g + "utilisation", pools, [](auto& r) { return r.utilisation; }, "1");
  writeColumn(
      out, g + "at_target", pools, [](auto& r) { return r.atTarget; }, "s");
  writeColumn(
      out, g + "p99", pools, [](auto& r) { return r.p99; }, "s");
  writeColumn(
      out, g + "des_at_target", pools, [](auto& r) { return r.desAtTarget; }, "s");
  writeColumn(
      out, g + "des_p99", pools, [](auto& r) { return r.desP99; }, "s");
  writeColumn(
      out, g + "yearly_cost", pools, [](auto& r) { return r.yearlyYen; }, "JPY/year");
  writeColumn(
      out, g + "setup_cost", pools, [](auto& r) { return r.setupYen; }, "JPY");
  writeColumn(out, g + "met", pools, [](auto& r) { return int(r.met); });
}

void writeOptions(Hdf5Writer& out, const std::vector<sizing::VisitedOption>& options) {
  const std::string g = "sizing/options/";
  out.createGroup("sizing/options");
  if (options.empty()) return;
  writeColumn(out, g + "fiscal_year", options, [](auto& r) { return r.fiscalYear; });
  writeColumn(out, g + "element", options, [](auto& r) { return r.element; });
  writeColumn(out, g + "option", options, [](auto& r) { return r.option; });
  writeColumn(out, g + "source", options, [](auto& r) { return r.source; });
  writeColumn(
      out, g + "yearly_cost", options, [](auto& r) { return r.yearlyYen; }, "JPY/year");
  writeColumn(out, g + "performance", options, [](auto& r) { return r.p99; });
  out.setAttribute(g + "performance", "meaning",
                   std::string("pools: end-to-end p99 response (s); links: busy-hour utilisation"));
  writeColumn(out, g + "meets", options, [](auto& r) { return int(r.meets); });
  writeColumn(out, g + "chosen", options, [](auto& r) { return int(r.chosen); });
  writeColumn(out, g + "pareto", options, [](auto& r) { return int(r.pareto); });
}

void writeChecksAndYears(Hdf5Writer& out, const sizing::SizingResult& result) {
  out.createGroup("sizing/checks");
  const auto& checks = result.checks;
  if (!checks.empty()) {
    const std::string g = "sizing/checks/";
    writeColumn(out, g + "fiscal_year", checks, [](auto& r) { return r.fiscalYear; });
    writeColumn(out, g + "service", checks, [](auto& r) { return r.service; });
    writeColumn(out, g + "level", checks, [](auto& r) { return r.level; });
    writeColumn(out, g + "value", checks, [](auto& r) { return r.value; });
    writeColumn(out, g + "met", checks, [](auto& r) { return int(r.met); });
    writeColumn(out, g + "note", checks, [](auto& r) { return r.note; });
  }
  const std::string g = "sizing/years/";
  out.createGroup("sizing/years");
  const auto& years = result.years;
  if (years.empty()) return;
  writeColumn(out, g + "fiscal_year", years, [](auto& r) { return r.fiscalYear; });
  writeColumn(
      out, g + "links_yearly_cost", years, [](auto& r) { return r.linksYearlyYen; }, "JPY");
  writeColumn(
      out, g + "servers_yearly_cost", years, [](auto& r) { return r.serversYearlyYen; }, "JPY");
  writeColumn(
      out, g + "setup_cost", years, [](auto& r) { return r.setupYen; }, "JPY");
  writeColumn(
      out, g + "total_cost", years, [](auto& r) { return r.total(); }, "JPY");
  writeColumn(out, g + "des_rounds", years, [](auto& r) { return r.desRounds; });
  writeColumn(out, g + "des_agrees", years, [](auto& r) { return int(r.desAgrees); });
  writeColumn(out, g + "conserved", years, [](auto& r) { return int(r.conserved); });
  writeColumn(out, g + "des_window", years, [](auto& r) { return r.desWindow; });
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
  out.setAttribute("sizing", "peak_interval_seconds", result.peakRule.intervalSeconds);
  out.setAttribute("sizing", "peak_percentile", result.peakRule.percentile);
  out.setAttribute("sizing", "peak_target", result.peakRule.target);
  writeLinks(out, result.links);
  writePools(out, result.pools);
  writeOptions(out, result.options);
  writeChecksAndYears(out, result);
  // What `simulate --design` replays: each year's design as the engines run it.
  std::vector<std::int32_t> years;
  for (const auto& year : result.years) {
    years.push_back(year.fiscalYear);
    writeDesign(out, "designs/FY" + std::to_string(year.fiscalYear),
                result.designFor(year.fiscalYear));
  }
  out.createGroup("designs");
  out.writeVector("designs/fiscal_years", years);
  out.commit();
}

std::string sizingPurchasesCsv(const sizing::SizingResult& result) {
  std::string csv =
      "fiscal_year,kind,element,choice,capacity_bps,servers,new,yearly_cost_yen,setup_cost_yen,"
      "busy,utilisation,at_target_s,p99_s,des_value,level,met\n";
  for (const auto& l : result.links)
    csv += fmt::format(
        "{},link,{},{},{},,{},{:.0f},,{:.6g},{:.6g},,,{},hourly mean <= {:g}% and busiest {} "
        "p{:g} <= {:g}%,{}\n",
        l.fiscalYear, l.link, l.option.label(), l.option.capacityBps, int(l.newPurchase),
        l.option.yearlyYen, l.busyBps, l.utilisation, number(l.desUtilisation),
        result.utilisationTarget * 100, result.peakRule.intervalSeconds > 60 ? "5min" : "1min",
        result.peakRule.percentile * 100, result.peakRule.target * 100, int(l.met));
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
