#include "models/scenario/scenario.hpp"

#include <array>

namespace tsunagu {

const char* nodeKindName(NodeKind kind) {
  static constexpr std::array<const char*, 6> names = {"facility", "pop",        "core",
                                                       "ix",       "datacenter", "rhin-hub"};
  return names[static_cast<int>(kind)];
}

namespace {
std::optional<Date> firstEventDate(const std::vector<RolloutEvent>& events, RolloutEventType type,
                                   const std::string& subject) {
  for (const auto& e : events) {
    if (e.type != type) continue;
    const std::string& about = type == RolloutEventType::IxOpen ? e.ix : e.service;
    if (subject.empty() || about == subject) return e.date;
  }
  return std::nullopt;
}
}  // namespace

std::optional<Date> Scenario::serviceLiveDate(const std::string& service) const {
  return firstEventDate(events, RolloutEventType::ServiceLive, service);
}

bool Scenario::serviceLive(const std::string& service, Date date) const {
  auto live = serviceLiveDate(service);
  return live && *live <= date;
}

std::optional<Date> Scenario::ixOpenDate(const std::string& ix) const {
  return firstEventDate(events, RolloutEventType::IxOpen, ix);
}

std::optional<Date> Scenario::lineConsolidationDate() const {
  return firstEventDate(events, RolloutEventType::LineConsolidation, "");
}

double Scenario::adoptionShare(const std::string& service, FacilityKind kind, Date date) const {
  if (!serviceLive(service, date)) return 0.0;
  auto it = adoption.find(service);
  if (it == adoption.end()) return 1.0;  // no curve: everyone uses it once it is live
  return it->second.forKind(kind).at(date);
}

}  // namespace tsunagu
