#include "sim/analytic/service_loads.hpp"

#include <algorithm>
#include <map>

#include "sim/analytic/planner.hpp"
#include "sim/analytic/state_loads.hpp"
#include "sim/core/network_index.hpp"

namespace tsunagu::analytic {

namespace {

struct Wanted {
  size_t link, year;
  bool forward;  // the busier direction at the busy hour
};

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
  std::vector<size_t> serviceOf(workload.size());
  for (size_t e = 0; e < workload.size(); ++e)
    serviceOf[e] = size_t(std::find(out.services.begin(), out.services.end(),
                                     workload.entry(e).service->id) -
                          out.services.begin());
  core::NetworkIndex index(workload.nation(), workload);
  auto states = rolloutStates(workload.nation().scenario());
  auto hour = byHour.begin();
  // One rollout state at a time, as the planner goes: only the states with a busy hour.
  for (const auto& [start, end] : states) {
    size_t first = size_t(start - plan.start) * 24, last = size_t(end - plan.start) * 24;
    if (hour == byHour.end() || hour->first >= last) continue;
    StateLoads state = buildStateLoads(index, workload, start, end);
    constexpr double kBitsPerSecond = 8.0 / 3600.0;
    for (; hour != byHour.end() && hour->first < last; ++hour) {
      if (hour->first < first) continue;
      Date day = plan.start.plusDays(int(hour->first / 24));
      int h = int(hour->first % 24);
      for (const Wanted& w : hour->second)
        for (size_t e = 0; e < workload.size(); ++e) {
          if (serviceOf[e] >= nServices) continue;
          double tx = workload.perHour(e, day, h);
          double up = tx * workload.entry(e).requestBytes,
                 down = tx * workload.entry(e).responseBytes;
          auto L = Eigen::Index(w.link), E = Eigen::Index(e);
          // Requests cross a link one way, their responses the other (linkLoads).
          double bps = w.forward ? state.linksForward(L, E) * up + state.linksBackward(L, E) * down
                                 : state.linksBackward(L, E) * up + state.linksForward(L, E) * down;
          out.busyBps.at(w.link * nServices + serviceOf[e], w.year) += bps * kBitsPerSecond;
        }
    }
  }
  return out;
}

}  // namespace tsunagu::analytic
