#include "models/nation/facility_plan.hpp"

#include <algorithm>
#include <cmath>

#include "models/core/random.hpp"

namespace tsunagu {

namespace {

// Picks a technology from `mix` (ignoring "none") with a uniform draw.
std::string pick(const LineMix& mix, double draw) {  // the mix holds at least one technology
  double total = 0;
  for (const auto& [tech, share] : mix)
    if (tech != kNoLine) total += share;
  double cumulative = 0;
  std::string last;
  for (const auto& [tech, share] : mix) {
    if (tech == kNoLine) continue;
    cumulative += share / total;
    last = tech;
    if (draw < cumulative) return tech;
  }
  return last;
}

bool appliesTo(const RolloutEvent& event, FacilityKind kind) {
  return event.kinds.empty() ||
         std::find(event.kinds.begin(), event.kinds.end(), kind) != event.kinds.end();
}

}  // namespace

FacilityPlanner::FacilityPlanner(const Scenario& scenario)
    : scenario_(scenario), servicesByKind_(kFacilityKindCount) {
  for (const auto& event : scenario.events)
    if (event.type == RolloutEventType::Migrate || event.type == RolloutEventType::TechnologyEnd)
      lineEvents_.push_back(&event);
  for (const auto& volume : scenario.data.volumes) {
    auto kind = parseFacilityKind(volume.origin);
    const ServiceSpec* service = scenario.data.services.find(volume.service);
    if (!kind || !service || service->host == kHostRegionalHub) continue;
    auto& list = servicesByKind_[static_cast<int>(*kind)];
    if (std::find(list.begin(), list.end(), volume.service) == list.end())
      list.push_back(volume.service);
  }
}

std::string FacilityPlanner::initialLine(std::uint64_t key, FacilityKind kind, double rank) const {
  const LineMix& mix = scenario_.data.lineMix[static_cast<int>(kind)];
  double none = mix.count(kNoLine) ? mix.at(kNoLine) : 0.0;
  if (rank >= 1.0 - none) return kNoLine;
  return pick(mix, uniform01(scenario_.populationSeed, RandomPurpose::LineTechnology, key));
}

// The first day the facility uses a central service, which brings it a line if it had none.
Date FacilityPlanner::firstUse(FacilityKind kind, double rank) const {
  Date first = kForever;
  for (const auto& service : servicesByKind_[static_cast<int>(kind)]) {
    auto live = scenario_.serviceLiveDate(service);
    if (!live) continue;
    auto it = scenario_.adoption.find(service);
    std::optional<Date> reach =
        it == scenario_.adoption.end()
            ? std::optional<Date>(*live)
            : it->second.forKind(kind).firstDateReaching(std::nextafter(rank, 2.0));
    if (reach) first = std::min(first, std::max(*live, *reach));
  }
  return first;
}

FacilityPlan FacilityPlanner::plan(std::uint64_t key, FacilityKind kind, int prefecture) const {
  FacilityPlan plan;
  double rank = uniform01(scenario_.populationSeed, RandomPurpose::Readiness, key);
  plan.rank = float(rank);
  std::string current = initialLine(key, kind, rank);
  Date since = scenario_.horizon.start;
  auto change = [&](Date when, const std::string& next) {
    if (next == current) return;
    if (current != kNoLine && when > since) plan.lines.push_back({current, since, when});
    current = next;
    since = std::max(when, scenario_.horizon.start);
  };
  Date joins = firstUse(kind, rank);
  bool joinHandled = false;
  for (size_t i = 0; i < lineEvents_.size(); ++i) {
    const RolloutEvent& event = *lineEvents_[i];
    if (!joinHandled && joins <= event.date) {
      if (current == kNoLine) change(joins, scenario_.network.newLine);
      joinHandled = true;
    }
    if (current != event.from || !appliesTo(event, kind)) continue;
    bool moves =
        event.type == RolloutEventType::TechnologyEnd ||
        uniform01(scenario_.populationSeed, RandomPurpose::Migration, key, i + 1) < event.share;
    if (moves) change(event.date, event.to);
  }
  if (!joinHandled && joins != kForever && current == kNoLine)
    change(joins, scenario_.network.newLine);
  if (current != kNoLine) plan.lines.push_back({current, since, kForever});
  addMembership(key, kind, prefecture, plan);
  return plan;
}

void FacilityPlanner::addMembership(std::uint64_t key, FacilityKind kind, int prefecture,
                                    FacilityPlan& plan) const {
  const auto& networks = scenario_.data.regionalNetworks;
  int count = networks.networksPerPrefecture[prefecture];
  double share = networks.participation[static_cast<int>(kind)];
  if (count <= 0 || uniform01(scenario_.populationSeed, RandomPurpose::Membership, key) >= share)
    return;
  plan.hubOrdinal = std::min(
      count - 1, int(uniform01(scenario_.populationSeed, RandomPurpose::HubChoice, key) * count));
  plan.memberLine.technology = pick(
      networks.memberLineMix, uniform01(scenario_.populationSeed, RandomPurpose::MemberLine, key));
  plan.memberLine.since = scenario_.horizon.start;
  plan.memberLine.until = kForever;
  // After consolidation a member reaches its hub through its ordinary line and the IX.
  if (auto consolidation = scenario_.lineConsolidationDate()) {
    bool hasLine = std::any_of(plan.lines.begin(), plan.lines.end(), [&](const LineSegment& s) {
      return s.since <= *consolidation && *consolidation < s.until;
    });
    if (hasLine) plan.memberLine.until = *consolidation;
  }
}

}  // namespace tsunagu
