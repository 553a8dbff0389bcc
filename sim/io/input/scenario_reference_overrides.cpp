// Scenario sections that override the remaining shipped tables: hospital bed classes, data
// centers and regional networks.
#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

void readBedClasses(const ConfigNode& node, Scenario& scenario) {
  MapReader classes(node, "bed_classes");
  std::vector<std::string> names;
  for (const auto& c : scenario.data.bedClasses) names.push_back(c.name);
  double total = 0;
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const std::string& name = node.entries[i].first;  // captured below: no structured binding
    const ConfigNode& fields = node.entries[i].second;
    std::string path = classes.childPath(name);
    auto it = std::find_if(scenario.data.bedClasses.begin(), scenario.data.bedClasses.end(),
                           [&](const BedClass& c) { return c.name == name; });
    if (it == scenario.data.bedClasses.end())
      throw InputError(node.keyLocations[i], path, "unknown bed class" + didYouMean(name, names));
    MapReader spec(fields, path, {"share", "demand_weight"});
    if (auto* v = spec.find("share")) it->share = readShare(*v, path + ".share");
    if (auto* v = spec.find("demand_weight")) {
      it->demandWeight = readNumber(*v, path + ".demand_weight");
      requireWithin(*v, path + ".demand_weight", it->demandWeight, 1e-6, 1e6,
                    "a positive weight from 0.000001 to 1000000");
    }
  }
  for (const auto& c : scenario.data.bedClasses) total += c.share;
  if (std::fabs(total - 1.0) > 1e-6)
    fail(node, "bed_classes",
         "the bed-class shares sum to " + std::to_string(total * 100) + "%, expected 100%");
}

void readDataCenters(const ConfigNode& node, Scenario& scenario) {
  MapReader centers(node, "datacenters");
  for (const auto& [id, fields] : node.entries) {
    std::string path = centers.childPath(id);
    MapReader spec(fields, path, {"name", "prefecture"});
    DataCenter* dc = nullptr;
    for (auto& existing : scenario.data.datacenters)
      if (existing.id == id) dc = &existing;
    if (!dc) {
      spec.require("prefecture");
      scenario.data.datacenters.push_back({id, id, 13});
      dc = &scenario.data.datacenters.back();
    }
    if (auto* v = spec.find("name")) dc->name = readString(*v, path + ".name");
    if (auto* v = spec.find("prefecture"))
      dc->prefecture = int(readInteger(*v, path + ".prefecture", 1, 47));
  }
}

void readRegionalNetworks(const ConfigNode& node, Scenario& scenario) {
  MapReader sections(node, "regional_networks", {"networks", "participation"});
  auto& networks = scenario.data.regionalNetworks;
  if (auto* counts = sections.find("networks")) {
    MapReader byPrefecture(*counts, "regional_networks.networks");
    for (size_t i = 0; i < counts->entries.size(); ++i) {
      const auto& [key, value] = counts->entries[i];
      std::string path = byPrefecture.childPath(key);
      auto code = parseNumber(key);
      double n = ok(code) ? std::get<double>(code) : 0;
      if (n != std::floor(n) || n < 1 || n > 47)
        throw InputError(counts->keyLocations[i], path,
                         "expected a prefecture code 1..47 as the key");
      networks.networksPerPrefecture[int(n)] = int(readInteger(value, path, 0, 10000));
    }
  }
  if (auto* shares = sections.find("participation")) {
    MapReader kinds(*shares, "regional_networks.participation",
                    {"hospital", "clinic", "dental-clinic", "pharmacy"});
    for (FacilityKind kind : kFacilityKinds)
      if (auto* v = kinds.find(facilityKindName(kind)))
        networks.participation[static_cast<int>(kind)] =
            readShare(*v, kinds.childPath(facilityKindName(kind)));
  }
}

}  // namespace tsunagu::io::sections
