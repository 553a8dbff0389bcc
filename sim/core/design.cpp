#include "sim/core/design.hpp"

#include <algorithm>
#include <cmath>

namespace tsunagu::core {

Design Design::fromScenario(const Scenario& scenario) {
  Design design;
  for (const auto& [service, servers] : scenario.planning.servers)
    design.setServers(service, kEveryHost, servers);
  return design;
}

double Design::capacityBps(const Nation& nation, Edge link) const {
  if (!links_.empty())
    if (auto it = links_.find(nation.linkName(link)); it != links_.end())
      return it->second.capacityBps;
  return nation.graph()[link].capacity.bitsPerSecond;
}

std::optional<int> Design::servers(const std::string& service, const std::string& host,
                                   bool regionalHub) const {
  for (const std::string& key :
       {host, std::string(regionalHub ? kHostRegionalHub : ""), std::string(kEveryHost)})
    if (auto it = servers_.find({service, key}); !key.empty() && it != servers_.end())
      return it->second;
  return std::nullopt;
}

std::vector<std::string> Design::problems(const Nation& nation) const {
  std::vector<std::string> found;
  std::map<std::string, Edge> edges;
  const NationGraph& g = nation.graph();
  for (Edge e : boost::make_iterator_range(boost::edges(g))) edges.emplace(nation.linkName(e), e);
  for (const auto& [name, capacity] : links_) {
    if (!edges.count(name)) found.push_back("link '" + name + "': no such link in the network");
    if (!(capacity.capacityBps > 0) || !std::isfinite(capacity.capacityBps) || capacity.lines < 1)
      found.push_back("link '" + name + "': capacity and lines must be positive");
  }
  const auto& services = nation.scenario().services;
  for (const auto& [key, servers] : servers_) {
    const auto& [service, host] = key;
    std::string pool = service + "@" + host;
    if (std::find(services.begin(), services.end(), service) == services.end())
      found.push_back("pool '" + pool + "': the scenario does not model service '" + service + "'");
    if (host != kEveryHost && host != kHostRegionalHub && !nation.find(host))
      found.push_back("pool '" + pool + "': no node named '" + host + "'");
    if (servers < 1) found.push_back("pool '" + pool + "': servers must be at least 1");
  }
  return found;
}

}  // namespace tsunagu::core
