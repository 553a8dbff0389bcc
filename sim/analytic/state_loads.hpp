#pragma once

#include <Eigen/Dense>

#include <vector>

#include "sim/core/route_set.hpp"

namespace tsunagu::analytic {

// What one rollout state (a stretch of the horizon with one network and one adoption level)
// turns demand into, as matrices for the planner: the share of each demand entry that crosses
// each tracked link and reaches each pool. The routing matrix (links x (attachment, host)
// paths, Eigen sparse) times the path shares (paths x entries) gives the link matrices.
struct StateLoads {
  Date start, end;  // [start, end)
  core::RouteSet routes;
  // Tracked links x entries: the share of each entry whose requests cross the link forward
  // (from the link's source to its target) or backward; responses take the other direction.
  Eigen::MatrixXd linksForward, linksBackward;
  Eigen::MatrixXd pools;                   // pools x entries
  Eigen::MatrixXd patternUp, patternDown;  // access patterns x entries: bytes per transaction
};

StateLoads buildStateLoads(const core::NetworkIndex& index, const core::Workload& workload,
                           Date start, Date end, const Exclusions* excluded = nullptr);

// The load of every tracked link in an hour, each direction (bits per second), from the
// transactions of each entry in that hour: the one link-load computation of the planner and
// the failure screen.
struct LinkLoads {
  Eigen::VectorXd forwardBps, backwardBps;
};
LinkLoads linkLoads(const StateLoads& state, const core::Workload& workload,
                    const Eigen::VectorXd& transactionsPerHour);

}  // namespace tsunagu::analytic
