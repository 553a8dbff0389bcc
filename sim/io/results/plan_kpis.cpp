#include "sim/io/results/plan_kpis.hpp"

#include "models/core/date.hpp"

#include <algorithm>
#include <cmath>

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

namespace {

int serviceRow(const Hdf5Reader& in, const std::string& service) {
  auto names = in.readStrings("services/name");
  auto it = std::find(names.begin(), names.end(), service);
  return it == names.end() ? -1 : int(it - names.begin());
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
  if (int row = serviceRow(in, "eligibility"); row >= 0) {
    auto p95 = in.readMatrix("services/response_p95");
    auto users = in.readMatrix("services/users");
    auto routed = in.readMatrix("services/routed_users");
    auto transactions = in.readMatrix("services/transactions");
    for (size_t fy = 0; fy < years; ++fy) {
      // No transactions: the service is not live, and its 0 would read as a fast response.
      k.eligibilityP95Seconds[fy] =
          transactions.at(size_t(row), fy) > 0 ? p95.at(size_t(row), fy) : std::nan("");
      k.eligibilityUsers[fy] = users.at(size_t(row), fy);
      k.eligibilityRouted[fy] = routed.at(size_t(row), fy);
    }
  }
  k.transactions = in.readVector<double>("costs/transactions");
  k.servers.assign(years, 0.0);
  auto servers = in.readMatrix("pools/servers");
  for (size_t p = 0; p < servers.rows; ++p)
    for (size_t fy = 0; fy < years; ++fy) k.servers[fy] += servers.at(p, fy);
  k.netPresentValueYen = in.attributeDouble("costs", "net_present_value").value_or(0);
  k.discountRate = in.attributeDouble("costs", "discount_rate").value_or(0);
  k.costComponents = in.readStrings("costs/component");
  auto initial = in.readMatrix("costs/initial");
  auto running = in.readMatrix("costs/running");
  for (size_t c = 0; c < k.costComponents.size(); ++c) {
    k.componentYen.emplace_back(years, 0.0);
    for (size_t fy = 0; fy < years; ++fy)
      k.componentYen[c][fy] = initial.at(c, fy) + running.at(c, fy);
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
