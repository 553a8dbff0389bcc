#include "sim/analytic/state_loads.hpp"

#include <Eigen/Sparse>

#include <map>

namespace tsunagu::analytic {

namespace {

void fillLinks(const core::NetworkIndex& index, const core::Workload& workload, StateLoads& state) {
  const core::RouteSet& routes = state.routes;
  // link x path: 1 when the path's requests cross the link in that direction
  std::vector<Eigen::Triplet<double>> forward, backward, shares;
  for (size_t p = 0; p < routes.paths.size(); ++p)
    for (const core::LinkHop& hop : routes.paths[p].hops)
      (hop.forward ? forward : backward)
          .emplace_back(Eigen::Index(hop.link.index()), Eigen::Index(p), 1.0);
  for (const core::CompiledRoute& route : routes.routes)
    shares.emplace_back(Eigen::Index(route.path), Eigen::Index(route.entry), route.share);
  auto rows = Eigen::Index(index.linkCount()), cols = Eigen::Index(routes.paths.size());
  Eigen::SparseMatrix<double> rf(rows, cols), rb(rows, cols);
  rf.setFromTriplets(forward.begin(), forward.end());
  rb.setFromTriplets(backward.begin(), backward.end());
  Eigen::SparseMatrix<double> s(cols, Eigen::Index(workload.size()));
  s.setFromTriplets(shares.begin(), shares.end());  // duplicates (several origins) are summed
  state.linksForward = Eigen::MatrixXd(rf * s);
  state.linksBackward = Eigen::MatrixXd(rb * s);
}

// Regional hubs each run their own pool; the planner follows the busiest one.
void fillPools(const core::NetworkIndex& index, const core::Workload& workload, StateLoads& state) {
  const core::RouteSet& routes = state.routes;
  size_t n = workload.size();
  std::map<Vertex, std::vector<double>> hubShares;  // regional hub -> per entry
  for (const core::CompiledRoute& route : routes.routes) {
    if (!workload.entry(route.entry).viaRegionalHub) continue;
    auto& perEntry = hubShares[routes.pathOf(route).host];
    perEntry.resize(n, 0.0);
    perEntry[route.entry] += route.share;
  }
  const std::vector<double>* busiest = nullptr;
  double busiestTotal = -1;
  for (const auto& [hub, perEntry] : hubShares) {
    double total = 0;
    for (size_t e = 0; e < n; ++e) total += perEntry[e] * workload.entry(e).volume->volume;
    if (total > busiestTotal) {
      busiestTotal = total;
      busiest = &perEntry;
    }
  }
  state.pools = Eigen::MatrixXd::Zero(Eigen::Index(index.pools().size()), Eigen::Index(n));
  for (size_t e = 0; e < n; ++e) {
    int pool = index.poolOfEntry(e);
    if (pool < 0) continue;
    state.pools(pool, Eigen::Index(e)) =
        workload.entry(e).viaRegionalHub ? (busiest ? (*busiest)[e] : 0.0) : routes.routedShare[e];
  }
}

void fillPatterns(const core::Workload& workload, StateLoads& state) {
  const auto& rows = state.routes.patternShares;
  size_t n = workload.size();
  state.patternUp.resize(Eigen::Index(rows.size()), Eigen::Index(n));
  state.patternDown.resize(Eigen::Index(rows.size()), Eigen::Index(n));
  for (size_t p = 0; p < rows.size(); ++p)
    for (size_t e = 0; e < n; ++e) {
      state.patternUp(Eigen::Index(p), Eigen::Index(e)) =
          rows[p][e] * workload.entry(e).requestBytes;
      state.patternDown(Eigen::Index(p), Eigen::Index(e)) =
          rows[p][e] * workload.entry(e).responseBytes;
    }
}

}  // namespace

StateLoads buildStateLoads(const core::NetworkIndex& index, const core::Workload& workload,
                           Date start, Date end, const Exclusions* excluded) {
  StateLoads state;
  state.start = start;
  state.end = end;
  state.routes = core::compileRoutes(index, workload, start, excluded);
  fillLinks(index, workload, state);
  fillPools(index, workload, state);
  fillPatterns(workload, state);
  return state;
}

LinkLoads linkLoads(const StateLoads& state, const core::Workload& workload,
                    const Eigen::VectorXd& transactionsPerHour) {
  constexpr double kBitsPerSecond = 8.0 / 3600.0;
  size_t n = workload.size();
  Eigen::VectorXd up(n), down(n);
  for (size_t e = 0; e < n; ++e) {
    up[Eigen::Index(e)] = transactionsPerHour[Eigen::Index(e)] * workload.entry(e).requestBytes;
    down[Eigen::Index(e)] = transactionsPerHour[Eigen::Index(e)] * workload.entry(e).responseBytes;
  }
  // Requests cross a link one way and their responses come back the other way.
  return {(state.linksForward * up + state.linksBackward * down) * kBitsPerSecond,
          (state.linksBackward * up + state.linksForward * down) * kBitsPerSecond};
}

}  // namespace tsunagu::analytic
