#include "sim/analytic/service_loads.hpp"

#include <algorithm>
#include <numeric>

#include "sim/core/network_index.hpp"

namespace tsunagu::analytic {

std::vector<size_t> serviceRows(const core::Workload& workload,
                                const std::vector<std::string>& services) {
  std::vector<size_t> rows(workload.size());
  for (size_t e = 0; e < workload.size(); ++e)
    rows[e] = size_t(std::find(services.begin(), services.end(), workload.entry(e).service->id) -
                     services.begin());
  return rows;
}

void addByService(const StateLoads& state, const core::Workload& workload, size_t link,
                  bool forward, const Eigen::VectorXd& transactionsPerHour,
                  const std::vector<size_t>& serviceOf, std::vector<double>& perService) {
  constexpr double kBitsPerSecond = 8.0 / 3600.0;
  auto L = Eigen::Index(link);
  for (size_t e = 0; e < workload.size(); ++e) {
    auto E = Eigen::Index(e);
    double tx = transactionsPerHour[E];
    if (tx <= 0 || serviceOf[e] >= perService.size()) continue;
    double up = tx * workload.entry(e).requestBytes, down = tx * workload.entry(e).responseBytes;
    double bytes = forward ? state.linksForward(L, E) * up + state.linksBackward(L, E) * down
                           : state.linksBackward(L, E) * up + state.linksForward(L, E) * down;
    perService[serviceOf[e]] += bytes * kBitsPerSecond;
  }
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
  Eigen::VectorXd rate(Eigen::Index(workload.size()));
  double busiest = -1;
  for (int h = 0; h < 24; ++h) {
    for (size_t e = 0; e < workload.size(); ++e)
      rate[Eigen::Index(e)] = workload.perHour(e, day, h);
    std::vector<double> forward(n), backward(n);
    addByService(state, workload, l, true, rate, serviceOf, forward);
    addByService(state, workload, l, false, rate, serviceOf, backward);
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
