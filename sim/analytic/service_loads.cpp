#include "sim/analytic/service_loads.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "sim/analytic/planner.hpp"
#include "sim/analytic/state_loads.hpp"
#include "sim/core/network_index.hpp"

namespace tsunagu::analytic {

namespace {

struct Wanted {
  size_t link, year;
  bool forward;  // the busier direction at the busy hour
};

// The service of each demand entry, as a row of `services` (its size when not there).
std::vector<size_t> serviceRows(const core::Workload& workload,
                                const std::vector<std::string>& services) {
  std::vector<size_t> rows(workload.size());
  for (size_t e = 0; e < workload.size(); ++e)
    rows[e] = size_t(std::find(services.begin(), services.end(), workload.entry(e).service->id) -
                     services.begin());
  return rows;
}

// Adds the bit/s each service puts on `link` one way at one hour to `perService`: the bytes of
// its transactions of the hour that cross the link that way (requests one way, responses the
// other, as linkLoads counts them) x 8 / 3600.
void addByService(const StateLoads& state, const core::Workload& workload, size_t link,
                  bool forward, Date day, int hour, const std::vector<size_t>& serviceOf,
                  double* perService, size_t services) {
  constexpr double kBitsPerSecond = 8.0 / 3600.0;
  auto L = Eigen::Index(link);
  for (size_t e = 0; e < workload.size(); ++e) {
    if (serviceOf[e] >= services) continue;
    double tx = workload.perHour(e, day, hour);
    if (tx <= 0) continue;
    double up = tx * workload.entry(e).requestBytes, down = tx * workload.entry(e).responseBytes;
    auto E = Eigen::Index(e);
    double bytes = forward ? state.linksForward(L, E) * up + state.linksBackward(L, E) * down
                           : state.linksBackward(L, E) * up + state.linksForward(L, E) * down;
    perService[serviceOf[e]] += bytes * kBitsPerSecond;
  }
}

}  // namespace

LinkServiceLoads busyHourByService(const core::Workload& workload, const PlanResult& plan) {
  const LinkResults& links = plan.links;
  size_t nLinks = links.names.size(), years = plan.fiscalYears.size();
  LinkServiceLoads out;
  out.services = plan.services.names;
  size_t nServices = out.services.size();
  out.busyBps.resize(nLinks * nServices, years);
  out.busyHour.resize(nLinks, years, -1);
  // The busy hour of each link and year, as the planner picks it: the largest busier
  // direction over the year's hours (the first such hour).
  std::map<size_t, std::vector<Wanted>> byHour;
  for (size_t h = 0; h < plan.hours; ++h) {
    size_t fy = size_t(plan.start.plusDays(int(h / 24)).fiscalYear() - plan.fiscalYears.front());
    if (fy >= years) continue;
    for (size_t l = 0; l < nLinks; ++l) {
      double load = std::max(links.forwardBps.at(l, h), links.backwardBps.at(l, h));
      double& hour = out.busyHour.at(l, fy);
      if (hour < 0 || load > std::max(links.forwardBps.at(l, size_t(hour)),
                                      links.backwardBps.at(l, size_t(hour))))
        hour = double(h);
    }
  }
  for (size_t l = 0; l < nLinks; ++l)
    for (size_t fy = 0; fy < years; ++fy) {
      size_t h = size_t(out.busyHour.at(l, fy));
      byHour[h].push_back({l, fy, links.forwardBps.at(l, h) >= links.backwardBps.at(l, h)});
    }
  std::vector<size_t> serviceOf = serviceRows(workload, out.services);
  core::NetworkIndex index(workload.nation(), workload);
  auto states = rolloutStates(workload.nation().scenario());
  auto hour = byHour.begin();
  // One rollout state at a time, as the planner goes: only the states with a busy hour.
  for (const auto& [start, end] : states) {
    size_t first = size_t(start - plan.start) * 24, last = size_t(end - plan.start) * 24;
    if (hour == byHour.end() || hour->first >= last) continue;
    StateLoads state = buildStateLoads(index, workload, start, end);
    std::vector<double> split(nServices);
    for (; hour != byHour.end() && hour->first < last; ++hour) {
      if (hour->first < first) continue;
      Date day = plan.start.plusDays(int(hour->first / 24));
      int h = int(hour->first % 24);
      for (const Wanted& w : hour->second) {
        std::fill(split.begin(), split.end(), 0.0);
        addByService(state, workload, w.link, w.forward, day, h, serviceOf, split.data(),
                     nServices);
        for (size_t s = 0; s < nServices; ++s)
          out.busyBps.at(w.link * nServices + s, w.year) = split[s];
      }
    }
  }
  return out;
}

std::optional<LinkDaySplit> linkDayByService(const core::Workload& workload,
                                             const std::string& link, Date day) {
  core::NetworkIndex index(workload.nation(), workload);
  size_t l = 0;
  while (l < index.linkCount() && index.linkName(core::LinkId(l)) != link) ++l;
  if (l == index.linkCount()) return std::nullopt;
  LinkDaySplit out;
  out.services = workload.nation().scenario().services;
  std::vector<size_t> serviceOf = serviceRows(workload, out.services);
  StateLoads state = buildStateLoads(index, workload, day, day.plusDays(1));
  size_t n = out.services.size();
  double busiest = -1;
  for (int h = 0; h < 24; ++h) {
    std::vector<double> forward(n), backward(n);
    addByService(state, workload, l, true, day, h, serviceOf, forward.data(), n);
    addByService(state, workload, l, false, day, h, serviceOf, backward.data(), n);
    double f = std::accumulate(forward.begin(), forward.end(), 0.0),
           b = std::accumulate(backward.begin(), backward.end(), 0.0);
    if (std::max(f, b) > busiest) {
      busiest = std::max(f, b);
      out.hour = h;
      out.forward = f >= b;
      out.forwardBps = f;
      out.backwardBps = b;
      out.bps = f >= b ? forward : backward;
    }
  }
  return out;
}

}  // namespace tsunagu::analytic
