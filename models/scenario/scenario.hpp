#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/network/transport.hpp"
#include "models/rollout/adoption.hpp"
#include "models/rollout/rollout_event.hpp"
#include "models/scenario/reference_data.hpp"
#include "models/scenario/uncertainty.hpp"

namespace tsunagu {

struct Horizon {
  Date start = Date::fromYmd(2017, 4, 1);
  Date end = Date::fromYmd(2026, 3, 31);
  bool contains(Date d) const { return start <= d && d <= end; }
};

enum class TopologyKind { National, Custom };

enum class NodeKind { Facility, Pop, Core, Ix, DataCenter, RegionalHub };
const char* nodeKindName(NodeKind kind);

struct TierRef {
  std::string technology;
  std::string tier;
};

// How the national topology is wired: which tiers its inner links use and how distance turns
// into latency. Facility access lines come from the line mix and the rollout instead.
struct NetworkSettings {
  TierRef backbone{"backbone", "10Gbps"};     // PoP <-> carrier core, core <-> core
  TierRef datacenter{"dedicated", "10Gbps"};  // data center <-> core or IX
  TierRef ixPort{"ix-port", "10GbE"};         // IX <-> core, IX <-> regional hub
  TierRef regionalHub{"dedicated", "1Gbps"};  // regional hub uplink
  std::string newLine = "ip-vpn";             // the line a facility without one gets when it joins
  double routeFactor = 1.5;                   // fibre path length / great-circle distance
  Duration fibreDelayPerKm{5e-6};             // light in fibre, about 200,000 km/s
  bool dualHomedPops = false;                 // each PoP also links to the other carrier core
  // An IX center processes every message that crosses it (NAT, authentication) [E]: this many
  // processors, each taking this long per message (0 = no processing stage).
  int ixProcessors = 64;
  Duration ixProcessingTime{0.0002};
  NetworkTransport transport;  // every topology: TCP and link queues in the DES
};

// How the analytic planner works through the horizon.
struct PlanningSettings {
  double utilisationTarget = 0.7;      // busy-hour link utilisation that counts as a breach
  int monthsPerState = 1;              // rollout states: months (1) or quarters (3)
  double discountRate = 0.03;          // for the net present value, per fiscal year
  std::map<std::string, int> servers;  // configured servers per service; others are sized
};

// Something the scenario breaks for a while: a node (an IX center, a PoP, a core, a data
// center, a regional hub), a link between two nodes, or part of a server pool.
struct FailureSpec {
  enum class Target { Node, Link, Pool };
  std::string id;
  Target target = Target::Node;
  std::string element;   // node name; "a -- b" for a link; "service@host" for a pool
  std::string from, to;  // a link's ends
  Date date;
  double startSeconds = 0;  // after 00:00 of `date`, Japan time
  Duration duration;
  double serversLost = 0;  // pools: the share of servers lost
};

struct IxCenterSpec {
  std::string id;
  std::string name;
  int prefecture = 13;
  bool joinsRegionalNetworks = true;
};

// A node of an explicitly written (custom) topology.
struct CustomNode {
  std::string id;
  NodeKind kind = NodeKind::Facility;
  FacilityKind facilityKind = FacilityKind::Clinic;
  int prefecture = 13;
  int count = 1;                      // how many facilities this node stands for
  double weight = 1.0;                // relative demand of each of them within its kind
  std::map<std::string, Date> joins;  // service -> date it starts using it (overrides adoption)
  std::string regionalHub;            // the hub serving "rhin-hub" services for this facility
};

struct CustomLink {
  std::string from;
  std::string to;
  std::string technology;
  std::string tier;  // empty = the technology's default tier
  std::optional<BitRate> capacity;
  std::optional<Duration> latency;
  std::optional<Date> since;
  std::optional<Date> until;
};

struct Scenario {
  std::string name;
  std::string description;
  std::vector<std::string> files;  // the scenario file first, then the bases it extends
  std::string dataDirectory;       // where its data tables came from
  Horizon horizon;
  // Two kinds of randomness, kept apart: the population (which facilities adopt when, their
  // lines, their regional networks) is drawn once from `populationSeed`, so a scenario always
  // describes the same nation and the planner is a function of the scenario; the run (arrivals,
  // sizes, service times of the discrete-event engine) draws from `seed` (`--seed`).
  std::uint64_t seed = 1;
  std::uint64_t populationSeed = 1;
  TopologyKind topology = TopologyKind::National;
  bool aggregate = false;
  ReferenceData data;
  NetworkSettings network;
  PlanningSettings planning;
  std::vector<IxCenterSpec> ixCenters;
  std::map<std::string, ServiceAdoption> adoption;
  std::vector<RolloutEvent> events;  // sorted by date
  std::vector<FailureSpec> failures;
  std::vector<CustomNode> nodes;
  std::vector<CustomLink> links;
  std::vector<std::string> services;  // the services this scenario models
  // The inputs `tsunagu uncertainty` samples; every other command ignores them.
  std::vector<UncertainInput> uncertainty;

  std::optional<Date> serviceLiveDate(const std::string& service) const;
  bool serviceLive(const std::string& service, Date date) const;
  std::optional<Date> ixOpenDate(const std::string& ix) const;
  std::optional<Date> lineConsolidationDate() const;
  double adoptionShare(const std::string& service, FacilityKind kind, Date date) const;
};

}  // namespace tsunagu
