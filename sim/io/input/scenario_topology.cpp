// Scenario sections that shape the network: topology (national or custom), network wiring,
// IX centers and the rollout calendar.
#include <algorithm>

#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

namespace {

const std::vector<std::string> kNodeKinds = {"hospital", "clinic",     "dental-clinic",
                                             "pharmacy", "pop",        "core",
                                             "ix",       "datacenter", "rhin-hub"};

void setNodeKind(CustomNode& node, const std::string& kind) {
  if (auto facility = parseFacilityKind(kind)) {
    node.kind = NodeKind::Facility;
    node.facilityKind = *facility;
  } else if (kind == "pop") {
    node.kind = NodeKind::Pop;
  } else if (kind == "core") {
    node.kind = NodeKind::Core;
  } else if (kind == "ix") {
    node.kind = NodeKind::Ix;
  } else if (kind == "datacenter") {
    node.kind = NodeKind::DataCenter;
  } else {
    node.kind = NodeKind::RegionalHub;
  }
}

int readPrefecture(const ConfigNode& node, const std::string& path) {
  return int(readInteger(node, path, 1, 47));
}

std::vector<std::string> nodeIds(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const auto& n : scenario.nodes) ids.push_back(n.id);
  return ids;
}

std::string readNodeRef(const ConfigNode& node, const std::string& path, const Scenario& scenario) {
  std::string id = readString(node, path);
  auto ids = nodeIds(scenario);
  if (std::find(ids.begin(), ids.end(), id) == ids.end())
    fail(node, path, "no node named '" + id + "' in topology.nodes" + didYouMean(id, ids));
  return id;
}

void readCustomNodes(const ConfigNode& node, Scenario& scenario) {
  MapReader nodes(node, "topology.nodes");
  if (node.entries.empty())
    fail(node, "topology.nodes", "a custom topology needs at least one node");
  for (const auto& [id, value] : node.entries) {
    std::string path = nodes.childPath(id);
    MapReader spec(value, path, {"kind", "prefecture", "count", "weight", "joins", "regional_hub"});
    CustomNode custom;
    custom.id = id;
    setNodeKind(custom, readChoice(spec.require("kind"), path + ".kind", kNodeKinds, "node kind"));
    if (auto* p = spec.find("prefecture"))
      custom.prefecture = readPrefecture(*p, path + ".prefecture");
    if (auto* c = spec.find("count"))
      custom.count = int(readInteger(*c, path + ".count", 1, 1'000'000));
    if (auto* w = spec.find("weight")) {
      custom.weight = readNumber(*w, path + ".weight");
      requireWithin(*w, path + ".weight", custom.weight, 1e-6, 1e6,
                    "a positive weight from 0.000001 to 1000000");
    }
    bool facility = custom.kind == NodeKind::Facility;
    for (const char* key : {"joins", "regional_hub", "count", "weight"})
      if (spec.find(key) && !facility)
        throw InputError(
            spec.keyLocation(key), path + "." + key,
            "only facility nodes (hospital, clinic, dental-clinic, pharmacy) take this key");
    scenario.nodes.push_back(custom);
  }
  // Regional hubs can only be checked once every node is known.
  for (auto& custom : scenario.nodes) {
    const ConfigNode* hub = node.find(custom.id)->find("regional_hub");
    if (!hub) continue;
    std::string path = "topology.nodes." + custom.id + ".regional_hub";
    custom.regionalHub = readNodeRef(*hub, path, scenario);
    auto it = std::find_if(scenario.nodes.begin(), scenario.nodes.end(),
                           [&](const CustomNode& n) { return n.id == custom.regionalHub; });
    if (it->kind != NodeKind::RegionalHub)
      fail(*hub, path, "'" + custom.regionalHub + "' is not a rhin-hub node");
  }
}

void readCustomLinks(const ConfigNode& node, Scenario& scenario) {
  expectKind(node, "topology.links", ConfigNode::Kind::List, "a list of links");
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::string path = "topology.links[" + std::to_string(i) + "]";
    MapReader spec(node.items[i], path,
                   {"from", "to", "technology", "tier", "capacity", "latency", "since", "until"});
    CustomLink link;
    link.from = readNodeRef(spec.require("from"), path + ".from", scenario);
    link.to = readNodeRef(spec.require("to"), path + ".to", scenario);
    if (link.from == link.to)
      fail(spec.require("to"), path + ".to", "a link cannot join a node to itself");
    link.technology =
        readTechnologyRef(spec.require("technology"), path + ".technology", scenario, false);
    if (auto* tier = spec.find("tier")) {
      link.tier = readString(*tier, path + ".tier");
      if (!scenario.data.technologies.find(link.technology, link.tier))
        fail(*tier, path + ".tier",
             "technology '" + link.technology + "' has no tier '" + link.tier + "'");
    }
    if (auto* c = spec.find("capacity")) {
      link.capacity = readBitRate(*c, path + ".capacity");
      if (link.capacity->bitsPerSecond <= 0)
        fail(*c, path + ".capacity", "the capacity must be positive");
    }
    if (auto* l = spec.find("latency")) {
      link.latency = readDuration(*l, path + ".latency");
      requireWithin(*l, path + ".latency", link.latency->seconds, 0, 10, "a latency from 0 to 10s");
    }
    if (auto* s = spec.find("since")) link.since = readCalendarDate(*s, path + ".since");
    if (auto* u = spec.find("until")) link.until = readCalendarDate(*u, path + ".until");
    if (link.since && link.until && *link.until <= *link.since)
      fail(spec.require("until"), path + ".until", "'until' must come after 'since'");
    scenario.links.push_back(link);
  }
}

TierRef readTierRef(const ConfigNode& node, const std::string& path, const Scenario& scenario) {
  MapReader spec(node, path, {"technology", "tier"});
  TierRef ref;
  ref.technology =
      readTechnologyRef(spec.require("technology"), path + ".technology", scenario, false);
  ref.tier = readString(spec.require("tier"), path + ".tier");
  if (!scenario.data.technologies.find(ref.technology, ref.tier))
    fail(spec.require("tier"), path + ".tier",
         "technology '" + ref.technology + "' has no tier '" + ref.tier + "'");
  return ref;
}

}  // namespace

void readTopology(const ConfigNode& node, Scenario& scenario) {
  MapReader topology(node, "topology", {"kind", "aggregate", "nodes", "links"});
  std::string kind = readChoice(topology.require("kind"), "topology.kind", {"national", "custom"},
                                "topology kind");
  scenario.topology = kind == "national" ? TopologyKind::National : TopologyKind::Custom;
  if (scenario.topology == TopologyKind::National) {
    for (const char* key : {"nodes", "links"})
      if (topology.find(key))
        throw InputError(
            topology.keyLocation(key), std::string("topology.") + key,
            "only a custom topology lists nodes and links (topology.kind is national)");
    if (auto* a = topology.find("aggregate"))
      scenario.aggregate = readBool(*a, "topology.aggregate");
    return;
  }
  if (topology.find("aggregate"))
    throw InputError(topology.keyLocation("aggregate"), "topology.aggregate",
                     "only a national topology can be aggregated");
  readCustomNodes(topology.require("nodes"), scenario);
  readCustomLinks(topology.require("links"), scenario);
}

void readCustomJoins(const ConfigNode& topologyNode, Scenario& scenario) {
  const ConfigNode* nodes = topologyNode.find("nodes");
  if (!nodes) return;
  for (auto& custom : scenario.nodes) {
    const ConfigNode* joins = nodes->find(custom.id)->find("joins");
    if (!joins) continue;
    std::string path = "topology.nodes." + custom.id + ".joins";
    MapReader map(*joins, path);
    for (const auto& [service, date] : joins->entries) {
      checkServiceRef(service, map.keyLocation(service), path + "." + service, scenario);
      custom.joins[service] = readCalendarDate(date, path + "." + service);
    }
  }
}

void readNetwork(const ConfigNode& node, Scenario& scenario) {
  MapReader network(
      node, "network",
      {"backbone", "datacenter", "ix_port", "regional_hub", "new_line", "route_factor",
       "fibre_delay_per_km", "dual_homed_pops", "ix_processors", "ix_processing_time", "transport", "queue"});
  auto& n = scenario.network;
  if (auto* v = network.find("backbone"))
    n.backbone = readTierRef(*v, "network.backbone", scenario);
  if (auto* v = network.find("datacenter"))
    n.datacenter = readTierRef(*v, "network.datacenter", scenario);
  if (auto* v = network.find("ix_port")) n.ixPort = readTierRef(*v, "network.ix_port", scenario);
  if (auto* v = network.find("regional_hub"))
    n.regionalHub = readTierRef(*v, "network.regional_hub", scenario);
  if (auto* v = network.find("new_line"))
    n.newLine = readTechnologyRef(*v, "network.new_line", scenario, false);
  if (auto* v = network.find("route_factor")) {
    n.routeFactor = readNumber(*v, "network.route_factor");
    if (n.routeFactor < 1 || n.routeFactor > 10)
      fail(*v, "network.route_factor", "expected a route factor from 1 to 10");
  }
  if (auto* v = network.find("fibre_delay_per_km")) {
    n.fibreDelayPerKm = readDuration(*v, "network.fibre_delay_per_km");
    requireWithin(*v, "network.fibre_delay_per_km", n.fibreDelayPerKm.seconds, 0, 1e-3,
                  "a delay from 0 to 1ms per km");
  }
  if (auto* v = network.find("dual_homed_pops"))
    n.dualHomedPops = readBool(*v, "network.dual_homed_pops");
  if (auto* v = network.find("ix_processors"))
    n.ixProcessors = int(readInteger(*v, "network.ix_processors", 1, 1'000'000));
  if (auto* v = network.find("ix_processing_time")) {
    n.ixProcessingTime = readDuration(*v, "network.ix_processing_time");
    requireWithin(*v, "network.ix_processing_time", n.ixProcessingTime.seconds, 0, 10,
                  "a processing time from 0 to 10s");
  }
  if (auto* v = network.find("transport"))
    readTransport(*v, "network.transport", n.transport.defaults);
  if (auto* v = network.find("queue")) readQueue(*v, scenario);
}

void readIxCenters(const ConfigNode& node, Scenario& scenario) {
  MapReader centers(node, "ix_centers");
  for (const auto& [id, value] : node.entries) {
    std::string path = centers.childPath(id);
    MapReader spec(value, path, {"name", "prefecture", "joins_regional_networks"});
    IxCenterSpec ix;
    ix.id = id;
    ix.name = spec.find("name") ? readString(*spec.find("name"), path + ".name") : id;
    ix.prefecture = readPrefecture(spec.require("prefecture"), path + ".prefecture");
    if (auto* j = spec.find("joins_regional_networks"))
      ix.joinsRegionalNetworks = readBool(*j, path + ".joins_regional_networks");
    scenario.ixCenters.push_back(ix);
  }
}

}  // namespace tsunagu::io::sections
