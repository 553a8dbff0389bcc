#pragma once

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include <array>
#include <vector>

#include "sim/analytic/burst_model.hpp"
#include "sim/analytic/state_loads.hpp"

namespace tsunagu::analytic {

// Per entry of a rollout state, what one transaction a second adds to the cumulants of the
// bytes in each peak interval, requests (up) and responses (down) apart: columns are the mean
// bytes per second, then kappa_2 and kappa_3 for each of kPeakIntervalSeconds.
struct PeakShapes {
  Eigen::MatrixXd up, down;  // entries x (1 + 2 x intervals)
  // The state's link matrices, sparse: a path crosses a few of hundreds of links, and the
  // peaks take five columns where the mean load takes one.
  Eigen::SparseMatrix<double> linksForward, linksBackward;
};

// How each entry's messages move (docs/model-reference.md, "Bursts"): transactions, batches
// and bulk transfers at their sender's line rate, capped by the slowest tracked link of the
// path at `capacityBps` (a data center sends at that link's rate); streams at their session's
// bit rate (bytes per session / session length) each way.
PeakShapes peakShapes(const StateLoads& state, const core::Workload& workload,
                      const std::vector<double>& capacityBps);

// The busiest interval of the hour at the quantiles' percentile, per tracked link and
// direction (bits per second): columns follow kPeakIntervalSeconds.
struct LinkPeaks {
  Eigen::MatrixXd forwardBps, backwardBps;  // links x intervals
};
LinkPeaks linkPeaks(const PeakShapes& shapes, const Eigen::VectorXd& transactionsPerHour,
                    const std::array<PeakQuantile, 2>& quantiles);

}  // namespace tsunagu::analytic
