#include "sim/io/results/uncertainty_results.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdint>

#include "sim/io/results/hdf5_file.hpp"
#include "sim/study/distributions.hpp"

namespace tsunagu::io {

namespace {

template <typename T>
void writeTable(Hdf5Writer& out, const std::string& path, const analytic::Table<T>& table,
                const std::string& units) {
  out.writeMatrix(path, table.values.data(), table.rows, table.cols);
  if (!units.empty()) out.setUnits(path, units);
}

void writeInputs(Hdf5Writer& out, const study::UncertaintyResult& result) {
  const std::string g = "uncertainty/inputs/";
  std::vector<std::string> names, keys, descriptions, units;
  std::vector<double> mean, sd, sampleMean, sampleSd;
  for (size_t i = 0; i < result.inputs.size(); ++i) {
    const UncertainInput& input = result.inputs[i];
    names.push_back(input.id);
    keys.push_back(input.key);
    descriptions.push_back(study::describe(input.distribution, input.target));
    units.push_back(study::valueUnits(input.target));
    mean.push_back(study::meanOf(input.distribution));
    sd.push_back(study::sdOf(input.distribution));
    study::SampleMoments moments = study::momentsOf(result.values, i);
    sampleMean.push_back(moments.mean);
    sampleSd.push_back(moments.sd);
  }
  out.writeStrings(g + "name", names);
  out.writeStrings(g + "key", keys);
  out.writeStrings(g + "distribution", descriptions);
  out.writeStrings(g + "units", units);
  for (auto [name, values] :
       {std::pair{"mean", &mean}, std::pair{"sd", &sd}, std::pair{"sample_mean", &sampleMean},
        std::pair{"sample_sd", &sampleSd}}) {
    out.writeVector(g + name, *values);
    out.setUnits(g + name, "inputs/units");
  }
  writeTable(out, "uncertainty/samples", result.values, "inputs/units");
}

void writeLinks(Hdf5Writer& out, const study::UncertaintyResult& result) {
  const std::string g = "uncertainty/links/";
  const auto& links = result.links;
  out.createGroup("uncertainty/links");
  out.writeStrings(g + "name", links.names);
  out.writeStrings(g + "role", links.roles);
  writeTable(out, g + "capacity", links.capacityBps, "bit/s");
  analytic::Table<double> limit = links.capacityBps;
  for (double& v : limit.values) v *= result.utilisationTarget;
  writeTable(out, g + "limit", limit, "bit/s");
  writeTable(out, g + "busy", links.busyBps, "bit/s");
  writeTable(out, g + "breach", links.breach, "");
  study::BreachEstimate p = study::estimateBreaches(links.breach, result.fiscalYears.size());
  writeTable(out, g + "p_breach", p.probability, "1");
  writeTable(out, g + "p_breach_se", p.standardError, "1");
  writeTable(out, g + "busy_quantiles", study::quantilesAcrossSamples(links.busyBps), "bit/s");
}

void writePools(Hdf5Writer& out, const study::UncertaintyResult& result) {
  const std::string g = "uncertainty/pools/";
  const auto& pools = result.pools;
  out.createGroup("uncertainty/pools");
  out.writeStrings(g + "name", pools.names);
  out.writeStrings(g + "service", pools.services);
  out.writeStrings(g + "level", pools.levels);
  out.writeVector(g + "target_response", pools.targetResponse);
  out.setUnits(g + "target_response", "s");
  writeTable(out, g + "busy_arrivals", pools.busyArrivals, "1/s");
  writeTable(out, g + "servers", pools.servers, "1");
  writeTable(out, g + "at_target", pools.atTarget, "s");
  writeTable(out, g + "missed", pools.missed, "");
  study::BreachEstimate p = study::estimateBreaches(pools.missed, result.fiscalYears.size());
  writeTable(out, g + "p_miss", p.probability, "1");
  writeTable(out, g + "p_miss_se", p.standardError, "1");
  writeTable(out, g + "at_target_quantiles", study::quantilesAcrossSamples(pools.atTarget), "s");
  writeTable(out, g + "busy_arrivals_quantiles", study::quantilesAcrossSamples(pools.busyArrivals),
             "1/s");
}

std::string number(double value) {
  return std::isinf(value) ? "inf" : fmt::format("{:.6g}", value);
}

}  // namespace

void writeUncertaintyResults(const std::string& path, const study::UncertaintyResult& result,
                             const Manifest& manifest) {
  Hdf5Writer out = Hdf5Writer::create(path);
  writeManifest(out, result.scenarioName, manifest, "uncertainty");
  out.createGroup("uncertainty");
  out.setAttribute("uncertainty", "samples", result.samples);
  out.setAttribute("uncertainty", "seed", std::int64_t(result.seed));
  out.setAttribute("uncertainty", "method", result.method);
  out.setAttribute("uncertainty", "plans_run", result.plansRun);
  out.setAttribute("uncertainty", "utilisation_target", result.utilisationTarget);
  std::vector<std::int32_t> years(result.fiscalYears.begin(), result.fiscalYears.end());
  out.writeVector("uncertainty/fiscal_years", years);
  std::vector<double> levels(study::kQuantileLevels.begin(), study::kQuantileLevels.end());
  out.writeVector("uncertainty/quantile_levels", levels);
  out.setUnits("uncertainty/quantile_levels", "1");
  writeInputs(out, result);
  writeLinks(out, result);
  writePools(out, result);
  size_t n = result.fiscalYears.size();
  out.writeVector("uncertainty/years/p_any_link_breach", study::anyBreach(result.links.breach, n));
  out.writeVector("uncertainty/years/p_any_pool_miss", study::anyBreach(result.pools.missed, n));
  out.setUnits("uncertainty/years/p_any_link_breach", "1");
  out.setUnits("uncertainty/years/p_any_pool_miss", "1");
  out.commit();
}

std::string uncertaintyCsv(const study::UncertaintyResult& result) {
  std::string csv =
      "fiscal_year,kind,element,p_breach,standard_error,measure,p5,p25,p50,p75,p95,limit\n";
  size_t years = result.fiscalYears.size();
  const auto& links = result.links;
  const auto& pools = result.pools;
  study::BreachEstimate pl = study::estimateBreaches(links.breach, years);
  study::BreachEstimate pp = study::estimateBreaches(pools.missed, years);
  analytic::Table<double> ql = study::quantilesAcrossSamples(links.busyBps);
  analytic::Table<double> qp = study::quantilesAcrossSamples(pools.atTarget);
  auto quantiles = [](const analytic::Table<double>& q, size_t row) {
    std::string text;
    for (size_t c = 0; c < q.cols; ++c) text += number(q.at(row, c)) + ",";
    return text;
  };
  for (size_t k = 0; k < years; ++k) {
    for (size_t l = 0; l < links.names.size(); ++l)
      csv += fmt::format("{},link,{},{:.6g},{:.6g},busy_bps,{}{}\n", result.fiscalYears[k],
                         links.names[l], pl.probability.at(l, k), pl.standardError.at(l, k),
                         quantiles(ql, l * years + k),
                         number(result.utilisationTarget * links.capacityBps.at(l, k)));
    for (size_t p = 0; p < pools.names.size(); ++p)
      csv += fmt::format("{},pool,{},{:.6g},{:.6g},at_target_s,{}{}\n", result.fiscalYears[k],
                         pools.names[p], pp.probability.at(p, k), pp.standardError.at(p, k),
                         quantiles(qp, p * years + k),
                         pools.targetResponse[p] > 0 ? number(pools.targetResponse[p]) : "");
  }
  return csv;
}

}  // namespace tsunagu::io
