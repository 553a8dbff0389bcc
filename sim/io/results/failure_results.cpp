#include "sim/io/results/failure_results.hpp"

#include <fmt/core.h>

#include <map>

#include "sim/io/results/hdf5_columns.hpp"

namespace tsunagu::io {

namespace {

struct CutOffRow {
  std::string failure;
  const failures::CutOffFacility* facility;
};

std::vector<CutOffRow> cutOffRows(const FailureReport& report) {
  std::vector<CutOffRow> rows;
  for (const auto& impact : report.impacts)
    for (const auto& f : impact.cutOff) rows.push_back({impact.failure.name, &f});
  return rows;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& p : parts) text += (text.empty() ? "" : ";") + p;
  return text;
}

void writeCases(Hdf5Writer& out, const std::vector<failures::FailureImpact>& cases) {
  const std::string g = "failures/cases/";
  out.createGroup("failures/cases");
  if (cases.empty()) return;
  writeColumn(out, g + "rank", cases, [](auto& r) { return r.rank; });
  writeColumn(out, g + "name", cases, [](auto& r) { return r.failure.name; });
  writeColumn(out, g + "kind", cases, [](auto& r) { return r.failure.kind; });
  writeColumn(out, g + "rerouting", cases, [](auto& r) { return r.rerouting; });
  writeColumn(out, g + "facilities_cut_off", cases, [](auto& r) { return r.facilitiesCutOff; });
  writeColumn(
      out, g + "transactions_failed", cases, [](auto& r) { return r.transactionsFailed; }, "1");
  writeColumn(
      out, g + "des_failed", cases, [](auto& r) { return r.desFailed; }, "1");
  writeColumn(
      out, g + "worst_response_ratio", cases, [](auto& r) { return r.worstResponseRatio; }, "1");
  writeColumn(out, g + "worst_service", cases, [](auto& r) { return r.worstService; });
  writeColumn(
      out, g + "des_worst_response_ratio", cases, [](auto& r) { return r.desWorstResponseRatio; },
      "1");
  writeColumn(
      out, g + "late_claims", cases, [](auto& r) { return r.lateClaims; }, "1");
  writeColumn(
      out, g + "des_late_claims", cases, [](auto& r) { return r.desLateClaims; }, "1");
  writeColumn(
      out, g + "max_link_utilisation", cases, [](auto& r) { return r.maxLinkUtilisation; }, "1");
  writeColumn(out, g + "conserved", cases, [](auto& r) { return r.conserved; });
}

// Nationally a case can cut off every facility, so the list runs to millions of rows: each row
// is three indices (into the cases, into the facilities cut off by any case, and into the sets of
// services lost) and a count.
void writeCutOff(Hdf5Writer& out, const FailureReport& report) {
  std::vector<std::int32_t> caseIndex, facilityIndex, servicesIndex, count;
  std::vector<const failures::CutOffFacility*> facilities;
  std::map<std::string, std::int32_t> facilityOf, setOf;
  std::vector<std::string> sets;
  for (size_t c = 0; c < report.impacts.size(); ++c)
    for (const auto& f : report.impacts[c].cutOff) {
      auto [fit, newFacility] = facilityOf.try_emplace(f.facility, std::int32_t(facilities.size()));
      if (newFacility) facilities.push_back(&f);
      auto [sit, newSet] = setOf.try_emplace(joined(f.services), std::int32_t(sets.size()));
      if (newSet) sets.push_back(sit->first);
      caseIndex.push_back(std::int32_t(c));
      facilityIndex.push_back(fit->second);
      servicesIndex.push_back(sit->second);
      count.push_back(f.count);  // of a facility group, those using the services lost
    }
  out.createGroup("failures/cut_off");
  out.createGroup("failures/facilities");
  out.createGroup("failures/service_sets");
  if (caseIndex.empty()) return;
  out.writeVector("failures/cut_off/case", caseIndex);
  out.writeVector("failures/cut_off/facility", facilityIndex);
  out.writeVector("failures/cut_off/services", servicesIndex);
  out.writeVector("failures/cut_off/count", count);
  const std::string g = "failures/facilities/";
  writeColumn(out, g + "name", facilities, [](auto* f) { return f->facility; });
  writeColumn(out, g + "kind", facilities, [](auto* f) { return f->kind; });
  writeColumn(out, g + "prefecture", facilities, [](auto* f) { return f->prefecture; });
  out.writeStrings("failures/service_sets/services", sets);
}

void writeStructure(Hdf5Writer& out, const SinglePointsOfFailure& structure) {
  const std::string g = "failures/spof/";
  out.createGroup("failures/spof");
  std::vector<FailurePoint> points = structure.nodes;
  points.insert(points.end(), structure.links.begin(), structure.links.end());
  out.setAttribute("failures/spof", "articulation_points",
                   std::int64_t(structure.articulationPoints));
  out.setAttribute("failures/spof", "bridges", std::int64_t(structure.bridges));
  out.setAttribute("failures/spof", "single_homed_facilities",
                   std::int64_t(structure.singleHomedFacilities));
  if (points.empty()) return;
  writeColumn(out, g + "name", points, [](auto& r) { return r.name; });
  writeColumn(out, g + "kind", points, [](auto& r) { return r.kind; });
  writeColumn(out, g + "facilities_cut_off", points, [](auto& r) { return r.facilitiesCutOff; });
  writeColumn(out, g + "services", points, [](auto& r) { return joined(r.services); });
}

std::string number(double value) {
  return value < 0 ? "" : fmt::format("{:.6g}", value);
}

}  // namespace

void writeFailureResults(const std::string& path, const FailureReport& report,
                         const Manifest& manifest) {
  Hdf5Writer out = Hdf5Writer::create(path);
  writeManifest(out, report.scenarioName, manifest, "failures");
  out.createGroup("failures");
  out.setAttribute("failures", "window", report.window);
  out.setAttribute("failures", "duration_seconds", report.durationSeconds);
  writeCases(out, report.impacts);
  writeCutOff(out, report);
  writeStructure(out, report.structure);
  out.commit();
}

std::string failureCasesCsv(const FailureReport& report) {
  std::string csv =
      "rank,case,kind,rerouting,facilities_cut_off,transactions_failed,des_failed,"
      "worst_response_ratio,worst_service,des_worst_response_ratio,late_claims,des_late_claims,"
      "max_link_utilisation,conserved\n";
  for (const auto& f : report.impacts)
    csv +=
        fmt::format("{},{},{},{},{},{:.6g},{},{:.6g},{},{},{:.6g},{},{:.6g},{}\n", f.rank,
                    f.failure.name, f.failure.kind, f.rerouting, f.facilitiesCutOff,
                    f.transactionsFailed, number(f.desFailed), f.worstResponseRatio, f.worstService,
                    number(f.desWorstResponseRatio), f.lateClaims, number(f.desLateClaims),
                    f.maxLinkUtilisation, f.conserved < 0 ? "" : (f.conserved ? "yes" : "NO"));
  return csv;
}

std::string cutOffCsv(const FailureReport& report) {
  std::string csv = "case,facility,kind,prefecture,facilities,services\n";
  for (const auto& row : cutOffRows(report))
    csv +=
        fmt::format("{},{},{},{},{},{}\n", row.failure, row.facility->facility, row.facility->kind,
                    row.facility->prefecture, row.facility->count, joined(row.facility->services));
  return csv;
}

}  // namespace tsunagu::io
