#include "sim/sizing/link_options.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace tsunagu::sizing {

std::string LinkOption::label() const {
  return lines == 1 ? tier : fmt::format("{} x {}", lines, tier);
}

std::vector<LinkOption> linkOptions(const TechnologyCatalog& catalog,
                                    const std::string& technology) {
  std::vector<LinkOption> options;
  for (const auto& tier : catalog.tiers()) {
    if (tier.technology != technology) continue;
    for (int lines = 1; lines <= kMaxParallelLines; ++lines)
      options.push_back({tier.tier, lines, lines * tier.capacity.bitsPerSecond,
                         lines * tier.monthlyCost.perYear(), lines * tier.setupCost.yen});
  }
  std::stable_sort(options.begin(), options.end(), [](const LinkOption& a, const LinkOption& b) {
    if (a.yearlyYen != b.yearlyYen) return a.yearlyYen < b.yearlyYen;
    if (a.setupYen != b.setupYen) return a.setupYen < b.setupYen;
    return a.capacityBps > b.capacityBps;
  });
  return options;
}

bool linkOptionFits(const LinkOption& option, double busyBps, double utilisationTarget,
                    double peakBps, double peakTarget) {
  return busyBps <= utilisationTarget * option.capacityBps &&
         peakBps <= peakTarget * option.capacityBps;
}

std::optional<LinkOption> cheapestLinkOption(const std::vector<LinkOption>& options, double busyBps,
                                             double utilisationTarget, double peakBps,
                                             double peakTarget) {
  for (const auto& option : options)
    if (linkOptionFits(option, busyBps, utilisationTarget, peakBps, peakTarget)) return option;
  return std::nullopt;
}

}  // namespace tsunagu::sizing
