#include "sim/io/results/plan_kpis.hpp"

#include "models/core/date.hpp"

#include <algorithm>

#include "sim/io/input/input_error.hpp"
#include "sim/io/results/hdf5_file.hpp"
#include "sim/io/results/results_file.hpp"

namespace tsunagu::io {

namespace {

void checkFormat(const Hdf5Reader& in, const std::string& path) {
  auto format = in.attributeString("/", "format");
  if (!format || *format != "tsunagu-results")
    throw InputError({path, 0, 0}, "", "not a tsunagu results file (no 'format' attribute)");
  auto version = in.attributeInt("/", "format_version");
  if (!version || *version != kResultsFormatVersion)
    throw InputError({path, 0, 0}, "",
                     "written by another tsunagu version (results format " +
                         (version ? std::to_string(*version) : std::string("unknown")) +
                         "; this tsunagu reads format " + std::to_string(kResultsFormatVersion) +
                         ")");
  if (in.attributeString("/", "kind").value_or("") != "plan")
    throw InputError({path, 0, 0}, "", "not the results of 'tsunagu plan'");
}

}  // namespace

PlanKpis readPlanKpis(const std::string& path) {
  Hdf5Reader in = Hdf5Reader::open(path);
  checkFormat(in, path);
  PlanKpis k;
  k.file = path;
  k.scenario = in.attributeString("manifest", "scenario_name").value_or("?");
  k.startDate = in.attributeString("time", "start_date").value_or("");
  k.hours = in.attributeInt("time", "hours").value_or(0);
  for (auto fy : in.readVector<std::int64_t>("time/fiscal_years")) k.fiscalYears.push_back(int(fy));
  size_t years = k.fiscalYears.size();
  if (years == 0)
    throw InputError({path, 0, 0}, "", "'/time/fiscal_years': expected at least one fiscal year");
  // Every dataset is checked against the shape the figures below index, and for finiteness:
  // a damaged or hand-edited file must be an error naming the dataset, not a wrong table.
  k.costYen = in.readFiniteVector("costs/total", years);
  k.consolidationSavingYen = in.readFiniteVector("costs/consolidation_saving", years);
  auto peak = in.readFiniteMatrix("links/peak_utilisation", std::nullopt, years);
  auto mean = in.readFiniteMatrix("links/mean", peak.rows, years);
  k.peakUtilisation.assign(years, 0.0);
  k.innerTrafficBytes.assign(years, 0.0);
  std::vector<double> hoursInYear(years, 0.0);
  if (auto start = Date::parse(k.startDate))
    for (long long h = 0; h < k.hours && h < 24LL * 366 * 100; h += 24) {
      int fy = start->plusDays(int(h / 24)).fiscalYear() - k.fiscalYears.front();
      if (fy >= 0 && size_t(fy) < years) hoursInYear[size_t(fy)] += 24;
    }
  for (size_t l = 0; l < peak.rows; ++l)
    for (size_t fy = 0; fy < years; ++fy) {
      k.peakUtilisation[fy] = std::max(k.peakUtilisation[fy], peak.at(l, fy));
      k.innerTrafficBytes[fy] += mean.at(l, fy) / 8.0 * 3600.0 * hoursInYear[fy];
    }
  k.eligibilityP95Seconds.assign(years, 0.0);
  k.eligibilityUsers.assign(years, 0.0);
  k.eligibilityRouted.assign(years, 0.0);
  auto serviceNames = in.readStrings("services/name");
  auto it = std::find(serviceNames.begin(), serviceNames.end(), "eligibility");
  if (it != serviceNames.end()) {
    size_t row = size_t(it - serviceNames.begin()), services = serviceNames.size();
    auto p95 = in.readFiniteMatrix("services/response_p95", services, years);
    auto users = in.readFiniteMatrix("services/users", services, years);
    auto routed = in.readFiniteMatrix("services/routed_users", services, years);
    for (size_t fy = 0; fy < years; ++fy) {
      k.eligibilityP95Seconds[fy] = p95.at(row, fy);
      k.eligibilityUsers[fy] = users.at(row, fy);
      k.eligibilityRouted[fy] = routed.at(row, fy);
    }
  }
  auto names = in.readStrings("links/name", peak.rows);
  auto breaches = in.readStrings("links/first_breach", peak.rows);
  for (size_t l = 0; l < breaches.size(); ++l)
    if (!breaches[l].empty() &&
        (k.firstBreach.empty() || breaches[l] < k.firstBreach.substr(0, 16)))
      k.firstBreach = breaches[l] + " (" + names[l] + ")";
  auto pools = in.readStrings("pools/name");
  auto poolBreaches = in.readStrings("pools/first_breach", pools.size());
  for (size_t p = 0; p < poolBreaches.size(); ++p)
    if (!poolBreaches[p].empty() &&
        (k.firstPoolBreach.empty() || poolBreaches[p] < k.firstPoolBreach.substr(0, 6)))
      k.firstPoolBreach = poolBreaches[p] + " (" + pools[p] + ")";
  k.replications = readReplications(in);
  return k;
}

}  // namespace tsunagu::io
