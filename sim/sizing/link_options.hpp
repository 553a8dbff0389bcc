#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/network/technology.hpp"

namespace tsunagu::sizing {

// One way to build a link: `lines` parallel lines of one tier of its technology (bundled, so
// their capacity adds up).
struct LinkOption {
  std::string tier;
  int lines = 1;
  double capacityBps = 0;
  double yearlyYen = 0;  // running cost
  double setupYen = 0;   // to install all its lines
  std::string label() const;
};

inline constexpr int kMaxParallelLines = 8;

// Every option of a technology (each tier, 1 to kMaxParallelLines lines), cheapest to run
// first (ties: cheaper to set up, then more capacity).
std::vector<LinkOption> linkOptions(const TechnologyCatalog& catalog,
                                    const std::string& technology);

// Whether an option keeps the busy hour's mean within `utilisationTarget` and the busiest
// interval (the peak rule's) within `peakTarget` of its capacity.
bool linkOptionFits(const LinkOption& option, double busyBps, double utilisationTarget,
                    double peakBps = 0, double peakTarget = 1);
// The cheapest option that fits, if any.
std::optional<LinkOption> cheapestLinkOption(const std::vector<LinkOption>& options, double busyBps,
                                             double utilisationTarget, double peakBps = 0,
                                             double peakTarget = 1);

}  // namespace tsunagu::sizing
