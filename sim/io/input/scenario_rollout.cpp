// The rollout calendar section: dated events that change services, lines and IX centers.
#include <algorithm>

#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

namespace {

struct EventKeys {
  RolloutEventType type;
  std::vector<std::string> required;
  std::vector<std::string> optional;
};

const std::vector<EventKeys> kEventKeys = {
    {RolloutEventType::ServiceLive, {"service"}, {}},
    {RolloutEventType::ServiceMandatory, {"service"}, {}},
    {RolloutEventType::IxOpen, {"ix"}, {}},
    {RolloutEventType::Migrate, {"from", "to"}, {"kinds", "share"}},
    {RolloutEventType::TechnologyEnd, {"technology", "to"}, {}},
    {RolloutEventType::LineConsolidation, {}, {}},
};

std::vector<std::string> eventTypeNames() {
  std::vector<std::string> names;
  for (const auto& keys : kEventKeys) names.push_back(rolloutEventTypeName(keys.type));
  return names;
}

void checkKeysForType(const MapReader& spec, const EventKeys& keys, const std::string& path) {
  for (const auto& key : keys.required) spec.require(key);
  for (size_t i = 0; i < spec.node().entries.size(); ++i) {
    const std::string& key = spec.node().entries[i].first;
    if (key == "date" || key == "event" || key == "description") continue;
    bool used = std::count(keys.required.begin(), keys.required.end(), key) +
                std::count(keys.optional.begin(), keys.optional.end(), key);
    if (!used)
      throw InputError(spec.node().keyLocations[i], path + "." + key,
                       std::string("not used by ") + rolloutEventTypeName(keys.type) + " events");
  }
}

std::string readIxRef(const ConfigNode& node, const std::string& path, const Scenario& scenario) {
  std::string id = readString(node, path);
  std::vector<std::string> ids;
  for (const auto& ix : scenario.ixCenters) ids.push_back(ix.id);
  for (const auto& n : scenario.nodes)
    if (n.kind == NodeKind::Ix) ids.push_back(n.id);
  if (std::find(ids.begin(), ids.end(), id) == ids.end())
    fail(node, path,
         "no IX center named '" + id + "' (define it under ix_centers)" + didYouMean(id, ids));
  return id;
}

void readEventSubject(const MapReader& spec, const std::string& path, RolloutEvent& event,
                      const Scenario& scenario) {
  switch (event.type) {
    case RolloutEventType::ServiceLive:
    case RolloutEventType::ServiceMandatory:
      event.service = readServiceRef(spec.require("service"), path + ".service", scenario);
      break;
    case RolloutEventType::IxOpen:
      event.ix = readIxRef(spec.require("ix"), path + ".ix", scenario);
      break;
    case RolloutEventType::Migrate:
      event.from = readTechnologyRef(spec.require("from"), path + ".from", scenario, true);
      event.to = readTechnologyRef(spec.require("to"), path + ".to", scenario, false);
      if (auto* share = spec.find("share")) event.share = readShare(*share, path + ".share");
      if (auto* kinds = spec.find("kinds")) {
        expectKind(*kinds, path + ".kinds", ConfigNode::Kind::List, "a list of facility kinds");
        for (size_t i = 0; i < kinds->items.size(); ++i)
          event.kinds.push_back(
              readFacilityKind(kinds->items[i], path + ".kinds[" + std::to_string(i) + "]"));
      }
      break;
    case RolloutEventType::TechnologyEnd:
      event.from =
          readTechnologyRef(spec.require("technology"), path + ".technology", scenario, false);
      event.to = readTechnologyRef(spec.require("to"), path + ".to", scenario, false);
      break;
    case RolloutEventType::LineConsolidation:
      break;
  }
}

bool nationalOnly(RolloutEventType type) {
  return type == RolloutEventType::Migrate || type == RolloutEventType::TechnologyEnd ||
         type == RolloutEventType::LineConsolidation;
}

}  // namespace

void readRollout(const ConfigNode& node, Scenario& scenario) {
  MapReader rollout(node, "rollout");
  for (const auto& [id, value] : node.entries) {
    std::string path = rollout.childPath(id);
    MapReader spec(value, path,
                   {"date", "event", "description", "service", "ix", "from", "to", "technology",
                    "kinds", "share"});
    RolloutEvent event;
    event.id = id;
    event.date = readDate(spec.require("date"), path + ".date");
    std::string typeName =
        readChoice(spec.require("event"), path + ".event", eventTypeNames(), "event");
    event.type = *parseRolloutEventType(typeName);
    if (scenario.topology == TopologyKind::Custom && nationalOnly(event.type))
      fail(spec.require("event"), path + ".event",
           typeName +
               " events apply to the national topology; in a custom topology give links "
               "'since' and 'until' dates instead");
    checkKeysForType(spec,
                     *std::find_if(kEventKeys.begin(), kEventKeys.end(),
                                   [&](const EventKeys& k) { return k.type == event.type; }),
                     path);
    if (auto* d = spec.find("description"))
      event.description = readString(*d, path + ".description");
    readEventSubject(spec, path, event, scenario);
    scenario.events.push_back(event);
  }
  std::stable_sort(scenario.events.begin(), scenario.events.end(),
                   [](const RolloutEvent& a, const RolloutEvent& b) { return a.date < b.date; });
  auto consolidation = scenario.lineConsolidationDate();
  if (consolidation) {
    bool ixBefore = std::any_of(scenario.events.begin(), scenario.events.end(), [&](const auto& e) {
      return e.type == RolloutEventType::IxOpen && e.date <= *consolidation;
    });
    if (!ixBefore) {
      auto it = std::find_if(scenario.events.begin(), scenario.events.end(), [](const auto& e) {
        return e.type == RolloutEventType::LineConsolidation;
      });
      fail(*node.find(it->id)->find("event"), "rollout." + it->id + ".event",
           "line consolidation needs an IX center that opens on or before " +
               consolidation->toString());
    }
  }
}

}  // namespace tsunagu::io::sections
