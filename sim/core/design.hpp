#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/nation/nation.hpp"

namespace tsunagu::core {

// What a link is built with: a tier of its technology, times parallel lines.
struct LinkCapacity {
  std::string tier;
  int lines = 1;
  double capacityBps = 0;  // of all lines together
};

// The capacity decisions of a run, kept apart from the scenario that describes the nation:
// capacity per link (by name, "a -- b") and servers per pool (service and host). A design
// starts from the scenario (its configured servers per service; links as the graph has them)
// and `size` returns one per fiscal year. Every engine takes one; none changes the scenario.
class Design {
 public:
  // Every pool of the service, whatever its host.
  static constexpr const char* kEveryHost = "*";

  static Design fromScenario(const Scenario& scenario);

  void setLink(const std::string& link, LinkCapacity capacity) { links_[link] = capacity; }
  // `host` is a node name, "rhin-hub" (every regional hub of the service) or kEveryHost.
  void setServers(const std::string& service, const std::string& host, int servers) {
    servers_[{service, host}] = servers;
  }

  // The capacity of a link: the design's, or the graph's when the design leaves it.
  double capacityBps(const Nation& nation, Edge link) const;
  // The servers of the pool of `service` at `host` (a node; `regionalHub` when it is one);
  // empty when the design leaves the count to the rule (core::serversNeeded).
  std::optional<int> servers(const std::string& service, const std::string& host,
                             bool regionalHub) const;

  const std::map<std::string, LinkCapacity>& links() const { return links_; }
  const std::map<std::pair<std::string, std::string>, int>& pools() const { return servers_; }
  bool empty() const { return links_.empty() && servers_.empty(); }

  // What does not fit the nation: links it does not have, services it does not model, hosts
  // it does not know, counts and capacities that are not positive. Empty when valid.
  std::vector<std::string> problems(const Nation& nation) const;

 private:
  std::map<std::string, LinkCapacity> links_;
  std::map<std::pair<std::string, std::string>, int> servers_;  // (service, host)
};

}  // namespace tsunagu::core
