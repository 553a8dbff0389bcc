#include "sim/io/input/memory_estimate.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "sim/io/input/input_error.hpp"

namespace tsunagu::io {

namespace {

// [E] Measured with /usr/bin/time on `topology`: plan-2017 (242,530 facilities) takes 127 MB,
// 300,000 more clinics add about 130 MB (450 B each; the planner keeps more), and 4,000 more
// regional networks add 260 MB (65 KB each). Rounded up for the planner and the engines.
constexpr double kBaseBytes = 64e6;
constexpr double kBytesPerFacility = 1'000;
constexpr double kBytesPerRegionalNetwork = 100'000;
// [E] The engine streams arrivals, so a simulated day costs little per transaction: the
// plan-2017 peak day (23 million) runs in the demo; 200 million a day reach the budget.
constexpr double kBytesPerDailyTransaction = 20;

double budget = 4.0 * (1ull << 30);

double perDay(const ServiceVolume& volume) {
  switch (volume.period) {
    case VolumePeriod::Day:
      return volume.volume;
    case VolumePeriod::Month:
      return volume.volume / 28;  // the shortest month: the busiest day
    case VolumePeriod::Year:
      return volume.volume / 365;
  }
  return volume.volume;
}

std::string size(double bytes) {
  return bytes >= 1e9 ? fmt::format("{:.1f} GB", bytes / 1e9)
                      : fmt::format("{:.0f} MB", bytes / 1e6);
}

}  // namespace

MemoryEstimate estimateMemory(const Scenario& scenario) {
  MemoryEstimate estimate;
  const ReferenceData& data = scenario.data;
  std::array<double, kFacilityKindCount> byKind{};
  if (scenario.topology == TopologyKind::Custom) {
    for (const auto& node : scenario.nodes)
      if (node.kind == NodeKind::Facility)
        byKind[static_cast<int>(node.facilityKind)] += node.count;
  } else {
    for (int k = 0; k < kFacilityKindCount; ++k)
      byKind[k] = data.totalFacilities(static_cast<FacilityKind>(k));
    for (int code = 1; code <= 47; ++code)
      estimate.regionalNetworks += data.regionalNetworks.networksPerPrefecture[code];
  }
  for (double n : byKind) estimate.facilities += n;
  // A volume is what all origins of its kind generate together.
  for (const auto& volume : data.volumes) estimate.dailyTransactions += perDay(volume);
  estimate.bytes = kBaseBytes + kBytesPerFacility * estimate.facilities +
                   kBytesPerRegionalNetwork * estimate.regionalNetworks +
                   kBytesPerDailyTransaction * estimate.dailyTransactions;
  return estimate;
}

void setMemoryBudget(double bytes) {
  budget = bytes;
}

double memoryBudget() {
  return budget;
}

void checkMemoryBudget(const Scenario& scenario, const ConfigNode& doc) {
  MemoryEstimate e = estimateMemory(scenario);
  if (e.bytes <= budget) return;
  // Reported at the section that weighs most: where the user would cut.
  double facilities = kBytesPerFacility * e.facilities;
  double networks = kBytesPerRegionalNetwork * e.regionalNetworks;
  double transactions = kBytesPerDailyTransaction * e.dailyTransactions;
  const char* key = scenario.topology == TopologyKind::Custom ? "topology" : "facility_counts";
  if (networks > facilities && networks > transactions) key = "regional_networks";
  if (transactions >= facilities && transactions >= networks) key = "volumes";
  const ConfigNode* node = doc.find(key);
  SourceLocation where = node ? node->where : doc.where;
  throw InputError(where, node ? key : "",
                   fmt::format("the scenario needs about {} of memory ({:.0f} facilities, {:.0f} "
                               "regional networks, {:.3g} transactions a simulated day), more "
                               "than the {} allowed; make it smaller, or allow more with "
                               "--max-memory",
                               size(e.bytes), e.facilities, e.regionalNetworks, e.dailyTransactions,
                               size(budget)));
}

}  // namespace tsunagu::io
