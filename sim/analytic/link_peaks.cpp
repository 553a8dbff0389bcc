#include "sim/analytic/link_peaks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/workload.hpp"

namespace tsunagu::analytic {

namespace {

constexpr Eigen::Index kColumns = 1 + 2 * Eigen::Index(kPeakIntervalSeconds.size());

// The share-weighted transfer rate of each entry's routes (bytes per second, 0 = unlimited).
std::vector<double> lineRates(const core::RouteSet& routes, size_t entries,
                              const std::vector<double>& capacityBps) {
  std::vector<double> weighted(entries, 0.0), share(entries, 0.0);
  constexpr double kUnlimited = std::numeric_limits<double>::infinity();
  for (const core::CompiledRoute& route : routes.routes) {
    double bits = route.accessBitsPerSecond > 0 ? route.accessBitsPerSecond : kUnlimited;
    for (const core::LinkHop& hop : routes.pathOf(route).hops)
      bits = std::min(bits, capacityBps[hop.link.index()]);
    if (!std::isfinite(bits) || bits <= 0) continue;  // no line and no tracked link
    weighted[route.entry] += route.share * bits / 8;
    share[route.entry] += route.share;
  }
  for (size_t e = 0; e < entries; ++e) weighted[e] = share[e] > 0 ? weighted[e] / share[e] : 0;
  return weighted;
}

void fillRow(Eigen::MatrixXd& matrix, Eigen::Index row, const MessageShape& shape) {
  matrix(row, 0) = shape.meanBytes;
  for (size_t i = 0; i < kPeakIntervalSeconds.size(); ++i) {
    Cumulants k = messageCumulants(shape, kPeakIntervalSeconds[i]);
    matrix(row, Eigen::Index(1 + 2 * i)) = k.k2;
    matrix(row, Eigen::Index(2 + 2 * i)) = k.k3;
  }
}

}  // namespace

PeakShapes peakShapes(const StateLoads& state, const core::Workload& workload,
                      const std::vector<double>& capacityBps) {
  auto n = Eigen::Index(workload.size());
  PeakShapes shapes{Eigen::MatrixXd::Zero(n, kColumns), Eigen::MatrixXd::Zero(n, kColumns),
                    state.linksForward.sparseView(), state.linksBackward.sparseView()};
  std::vector<double> rates = lineRates(state.routes, workload.size(), capacityBps);
  for (size_t e = 0; e < workload.size(); ++e) {
    const core::DemandEntry& entry = workload.entry(e);
    const ServiceSpec& service = *entry.service;
    MessageShape up{entry.requestBytes, service.sizeCv, rates[e]};
    MessageShape down{entry.responseBytes, service.sizeCv, rates[e]};
    if (service.pattern == ServicePattern::Stream) {
      double session = std::max(service.serviceTime.seconds, 1e-9);
      up.bytesPerSecond = entry.requestBytes / session;
      down.bytesPerSecond = entry.responseBytes / session;
    }
    fillRow(shapes.up, Eigen::Index(e), up);
    fillRow(shapes.down, Eigen::Index(e), down);
  }
  return shapes;
}

LinkPeaks linkPeaks(const PeakShapes& shapes, const Eigen::VectorXd& transactionsPerHour,
                    const std::array<PeakQuantile, 2>& quantiles) {
  Eigen::VectorXd perSecond = transactionsPerHour / 3600.0;
  Eigen::MatrixXd up = perSecond.asDiagonal() * shapes.up;
  Eigen::MatrixXd down = perSecond.asDiagonal() * shapes.down;
  // Requests cross a link one way and their responses come back the other way.
  Eigen::MatrixXd forward = shapes.linksForward * up + shapes.linksBackward * down;
  Eigen::MatrixXd backward = shapes.linksBackward * up + shapes.linksForward * down;
  auto links = forward.rows();
  auto intervals = Eigen::Index(quantiles.size());
  LinkPeaks peaks{Eigen::MatrixXd(links, intervals), Eigen::MatrixXd(links, intervals)};
  for (Eigen::Index i = 0; i < intervals; ++i) {
    const PeakQuantile& quantile = quantiles[size_t(i)];
    double tau = quantile.intervalSeconds();
    auto peakOf = [&](const Eigen::MatrixXd& k, Eigen::Index l) {
      Cumulants c{k(l, 0) * tau, k(l, 1 + 2 * i), k(l, 2 + 2 * i)};
      return quantile.bytes(c) * 8 / tau;
    };
    for (Eigen::Index l = 0; l < links; ++l) {
      peaks.forwardBps(l, i) = peakOf(forward, l);
      peaks.backwardBps(l, i) = peakOf(backward, l);
    }
  }
  return peaks;
}

}  // namespace tsunagu::analytic
