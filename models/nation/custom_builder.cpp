#include <cmath>

#include "models/nation/nation_builder.hpp"

namespace tsunagu {

std::unique_ptr<Nation> buildCustomTopology(const Scenario& scenario) {
  auto nation = std::make_unique<Nation>(scenario);
  for (size_t i = 0; i < scenario.nodes.size(); ++i) {
    const CustomNode& node = scenario.nodes[i];
    if (node.kind != NodeKind::Facility) {
      nation->addInfrastructure(node.id, node.kind, node.prefecture);
      continue;
    }
    VertexInfo info;
    info.kind = NodeKind::Facility;
    info.facilityKind = node.facilityKind;
    info.prefecture = node.prefecture;
    info.weight = node.weight;
    info.customIndex = int(i);
    // Evenly spaced ranks: a node of n facilities adopts in n equal steps of its curve.
    std::vector<float> ranks;
    for (int k = 0; k < node.count; ++k) ranks.push_back(float((k + 0.5) / node.count));
    nation->addFacilities(info, ranks);
  }
  for (const CustomNode& node : scenario.nodes) {
    if (node.regionalHub.empty()) continue;
    // The scenario's loader has checked that both nodes exist.
    nation->setRegionalHub(nation->find(node.id).value(), nation->find(node.regionalHub).value());
  }
  for (const CustomLink& link : scenario.links) {
    const auto& catalog = scenario.data.technologies;
    const TechnologyTier* tier = link.tier.empty() ? catalog.defaultTier(link.technology)
                                                   : catalog.find(link.technology, link.tier);
    EdgeInfo info;
    info.role = LinkRole::Custom;
    info.technology = link.technology;
    info.tier = tier->tier;
    info.capacity = link.capacity.value_or(tier->capacity);
    info.latency = link.latency.value_or(tier->latency);
    info.availability = tier->availability;
    info.since = link.since.value_or(scenario.horizon.start);
    info.until = link.until.value_or(kForever);
    nation->addLink(nation->find(link.from).value(), nation->find(link.to).value(), info);
  }
  return nation;
}

}  // namespace tsunagu
