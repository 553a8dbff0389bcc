#include "sim/io/results/link_agreement.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {

double AgreementTolerance::of(double plannerValue) const {
  return std::max(relative * plannerValue, absolute);
}

int LinkAgreement::disagreeing() const {
  return int(std::count_if(rows.begin(), rows.end(), [](auto& r) { return r.outside(); }));
}

namespace {

// The plan's hours the window's steps fall in.
std::set<size_t> measuredHours(const analytic::PlanResult& plan, const des::WindowResult& window,
                               size_t steps) {
  std::set<size_t> hours;
  long first = long(window.first - plan.start) * 24;
  for (size_t k = 0; k < steps; ++k) {
    long hour =
        first + long(std::floor((window.fromSeconds + double(k) * window.stepSeconds) / 3600));
    if (hour >= 0 && size_t(hour) < plan.hours) hours.insert(size_t(hour));
  }
  return hours;
}

}  // namespace

LinkAgreement compareLinks(const analytic::PlanResult& plan, const des::WindowResult& window,
                           const AgreementTolerance& tolerance) {
  LinkAgreement agreement;
  agreement.tolerance = tolerance;
  agreement.stepSeconds = window.stepSeconds;
  agreement.peakPercentile = plan.peakRule.percentile;
  const analytic::LinkResults& links = plan.links;
  std::map<std::string, size_t> planRow;
  for (size_t l = 0; l < links.names.size(); ++l) planRow[links.names[l]] = l;
  size_t stepInterval = window.stepSeconds > 150 ? 1 : 0;  // the nearer of 1 and 5 minutes
  for (size_t d = 0; d < window.linkNames.size(); ++d) {
    auto it = planRow.find(window.linkNames[d]);
    const std::vector<float>& series = window.linkUtilisation[d];
    if (it == planRow.end() || series.empty()) continue;
    size_t l = it->second;
    std::set<size_t> hours = measuredHours(plan, window, series.size());
    if (hours.empty() || links.capacityBps[l] <= 0) continue;
    agreement.hours = int(hours.size());
    LinkAgreementRow row;
    row.link = links.names[l];
    row.capacityBps = links.capacityBps[l];
    auto busier = [&](const analytic::Table<float>& f, const analytic::Table<float>& b, size_t h) {
      return std::max(double(f.at(l, h)), double(b.at(l, h))) / row.capacityBps;
    };
    for (size_t h : hours) {
      row.plannerMean += busier(links.forwardBps, links.backwardBps, h) / double(hours.size());
      row.plannerPeak1min = std::max(row.plannerPeak1min,
                                     busier(links.forwardPeakBps[0], links.backwardPeakBps[0], h));
      row.plannerPeakStep = std::max(
          row.plannerPeakStep,
          busier(links.forwardPeakBps[stepInterval], links.backwardPeakBps[stepInterval], h));
    }
    for (float u : series) {
      row.desMean += double(u) / double(series.size());
      row.desBusiestStep = std::max(row.desBusiestStep, double(u));
    }
    row.meanOutside = std::abs(row.desMean - row.plannerMean) > tolerance.of(row.plannerMean);
    row.peakOutside = row.desBusiestStep > row.plannerPeakStep + tolerance.of(row.plannerPeakStep);
    agreement.rows.push_back(row);
  }
  std::stable_sort(agreement.rows.begin(), agreement.rows.end(), [](auto& a, auto& b) {
    if (a.outside() != b.outside()) return a.outside();
    return std::max(a.desBusiestStep, a.plannerPeak1min) >
           std::max(b.desBusiestStep, b.plannerPeak1min);
  });
  return agreement;
}

void writeLinkAgreement(Hdf5Writer& out, const LinkAgreement& agreement) {
  out.createGroup("agreement");
  out.setAttribute("agreement", "relative_tolerance", agreement.tolerance.relative);
  out.setAttribute("agreement", "absolute_tolerance", agreement.tolerance.absolute);
  out.setAttribute("agreement", "step_seconds", agreement.stepSeconds);
  out.setAttribute("agreement", "peak_percentile", agreement.peakPercentile);
  out.setAttribute("agreement", "hours", std::int64_t(agreement.hours));
  out.setAttribute("agreement", "disagreeing", std::int64_t(agreement.disagreeing()));
  std::vector<std::string> names;
  std::vector<double> capacity, plannerMean, peak1, peakStep, desMean, desBusiest;
  std::vector<std::int32_t> meanOutside, peakOutside;
  for (const auto& r : agreement.rows) {
    names.push_back(r.link);
    capacity.push_back(r.capacityBps);
    plannerMean.push_back(r.plannerMean);
    peak1.push_back(r.plannerPeak1min);
    peakStep.push_back(r.plannerPeakStep);
    desMean.push_back(r.desMean);
    desBusiest.push_back(r.desBusiestStep);
    meanOutside.push_back(r.meanOutside ? 1 : 0);
    peakOutside.push_back(r.peakOutside ? 1 : 0);
  }
  out.writeStrings("agreement/link", names);
  out.writeVector("agreement/capacity", capacity);
  out.setUnits("agreement/capacity", "bit/s");
  for (auto [name, values] : {std::pair{"planner_mean", &plannerMean},
                              {"planner_peak_1min", &peak1},
                              {"planner_peak_step", &peakStep},
                              {"des_mean", &desMean},
                              {"des_busiest_step", &desBusiest}}) {
    out.writeVector(std::string("agreement/") + name, *values);
    out.setUnits(std::string("agreement/") + name, "1");
  }
  out.writeVector("agreement/mean_outside", meanOutside);
  out.writeVector("agreement/peak_outside", peakOutside);
}

}  // namespace tsunagu::io
