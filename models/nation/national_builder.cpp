#include <cmath>
#include <map>

#include "models/nation/facility_plan.hpp"
#include "models/nation/nation_builder.hpp"

namespace tsunagu {

namespace {

constexpr int kTokyo = 13;
constexpr int kOsaka = 27;

// Splits `total` over `shares` by the largest-remainder method, so the parts sum to `total`.
std::vector<int> apportion(int total, const std::vector<double>& shares) {
  std::vector<int> parts(shares.size());
  std::vector<std::pair<double, size_t>> remainders;
  int assigned = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    double exact = total * shares[i];
    parts[i] = int(std::floor(exact));
    assigned += parts[i];
    remainders.push_back({-(exact - parts[i]), i});
  }
  std::sort(remainders.begin(), remainders.end());
  for (int i = 0; i < total - assigned; ++i) ++parts[remainders[i % remainders.size()].second];
  return parts;
}

// A stable identity for each facility, independent of aggregation, for its random streams.
std::uint64_t facilityKey(int prefecture, FacilityKind kind, int bedClass, int ordinal) {
  return (std::uint64_t(prefecture) << 40) | (std::uint64_t(kind) << 36) |
         (std::uint64_t(bedClass + 1) << 32) | std::uint64_t(ordinal);
}

class NationalBuilder {
 public:
  explicit NationalBuilder(const Scenario& scenario)
      : scenario_(scenario), nation_(std::make_unique<Nation>(scenario)), planner_(scenario) {}

  std::unique_ptr<Nation> build() {
    addCarrierNetwork();
    addDataCenters();
    addRegionalHubs();
    addIxCenters();
    for (const auto& prefecture : scenario_.data.prefectures) addFacilities(prefecture);
    return std::move(nation_);
  }

 private:
  const Prefecture& prefecture(int code) const { return *scenario_.data.prefecture(code); }

  EdgeInfo tierLink(const TierRef& ref, LinkRole role, int fromPrefecture, int toPrefecture) const {
    const TechnologyTier* tier = scenario_.data.technologies.find(ref.technology, ref.tier);
    if (!tier)
      throw std::invalid_argument("network settings name technology '" + ref.technology +
                                  "' tier '" + ref.tier + "', which the data tables lack");
    EdgeInfo info = accessLink(*tier, role);
    info.tier = tier->tier;
    double km = distanceKm(prefecture(fromPrefecture), prefecture(toPrefecture));
    info.latency.seconds +=
        km * scenario_.network.routeFactor * scenario_.network.fibreDelayPerKm.seconds;
    return info;
  }

  EdgeInfo accessLink(const TechnologyTier& tier, LinkRole role) const {
    EdgeInfo info;
    info.role = role;
    info.technology = tier.technology;
    info.capacity = tier.capacity;
    info.latency = tier.latency;
    info.availability = tier.availability;
    info.since = scenario_.horizon.start;
    return info;
  }

  Vertex core(int prefectureCode) const {
    return prefecture(prefectureCode).carrierArea == "east" ? coreEast_ : coreWest_;
  }

  void addCarrierNetwork() {
    coreEast_ = nation_->addInfrastructure("core-east", NodeKind::Core, kTokyo);
    coreWest_ = nation_->addInfrastructure("core-west", NodeKind::Core, kOsaka);
    const TierRef& backbone = scenario_.network.backbone;
    nation_->addLink(coreEast_, coreWest_, tierLink(backbone, LinkRole::Backbone, kTokyo, kOsaka));
    for (const auto& p : scenario_.data.prefectures) {
      Vertex pop =
          nation_->addInfrastructure("pop-" + std::to_string(p.code), NodeKind::Pop, p.code);
      pops_[p.code] = pop;
      int home = p.carrierArea == "east" ? kTokyo : kOsaka;
      nation_->addLink(pop, core(p.code), tierLink(backbone, LinkRole::Backbone, p.code, home));
      if (scenario_.network.dualHomedPops) {
        int other = home == kTokyo ? kOsaka : kTokyo;
        nation_->addLink(pop, home == kTokyo ? coreWest_ : coreEast_,
                         tierLink(backbone, LinkRole::Backbone, p.code, other));
      }
    }
  }

  void addDataCenters() {
    for (const auto& dc : scenario_.data.datacenters) {
      Vertex v = nation_->addInfrastructure(dc.id, NodeKind::DataCenter, dc.prefecture);
      int corePrefecture = prefecture(dc.prefecture).carrierArea == "east" ? kTokyo : kOsaka;
      nation_->addLink(v, core(dc.prefecture),
                       tierLink(scenario_.network.datacenter, LinkRole::DataCenter, dc.prefecture,
                                corePrefecture));
    }
  }

  void addRegionalHubs() {
    for (const auto& p : scenario_.data.prefectures) {
      int count = scenario_.data.regionalNetworks.networksPerPrefecture[p.code];
      for (int k = 0; k < count; ++k)
        hubs_[{p.code, k}] = nation_->addInfrastructure(
            "rhin-" + std::to_string(p.code) + "-" + std::to_string(k + 1), NodeKind::RegionalHub,
            p.code);
    }
  }

  void addIxCenters() {
    for (const auto& ix : scenario_.ixCenters) {
      auto opens = scenario_.ixOpenDate(ix.id);
      if (!opens) continue;  // defined but never opened in this scenario
      Vertex v = nation_->addInfrastructure(ix.id, NodeKind::Ix, ix.prefecture);
      for (auto [corePrefecture, coreVertex] :
           {std::pair{kTokyo, coreEast_}, std::pair{kOsaka, coreWest_}}) {
        EdgeInfo port =
            tierLink(scenario_.network.ixPort, LinkRole::IxPort, ix.prefecture, corePrefecture);
        port.since = *opens;
        nation_->addLink(v, coreVertex, port);
      }
      if (!ix.joinsRegionalNetworks) continue;
      for (const auto& [key, hub] : hubs_) {
        EdgeInfo uplink =
            tierLink(scenario_.network.regionalHub, LinkRole::HubUplink, key.first, ix.prefecture);
        uplink.since = *opens;
        nation_->addLink(hub, v, uplink);
      }
    }
  }

  // Facilities of one prefecture: explicit vertices, or grouped by kind, bed class and network.
  void addFacilities(const Prefecture& p) {
    for (FacilityKind kind : kFacilityKinds) {
      std::vector<int> perClass = {p.count(kind)};
      if (kind == FacilityKind::Hospital) {
        std::vector<double> shares;
        for (const auto& c : scenario_.data.bedClasses) shares.push_back(c.share);
        perClass = apportion(p.count(kind), shares);
      }
      for (size_t c = 0; c < perClass.size(); ++c) {
        int bedClass = kind == FacilityKind::Hospital ? int(c) : -1;
        addFacilityGroup(p.code, kind, bedClass, perClass[c]);
      }
    }
  }

  struct Group {
    std::vector<float> ranks;
    std::map<std::string, std::map<Date, int>> accessDeltas;  // technology -> line count changes
    std::map<std::string, std::map<Date, int>> memberDeltas;
  };

  void addFacilityGroup(int prefectureCode, FacilityKind kind, int bedClass, int count) {
    VertexInfo info;
    info.kind = NodeKind::Facility;
    info.facilityKind = kind;
    info.bedClass = bedClass;
    info.prefecture = prefectureCode;
    info.weight = bedClass >= 0 ? scenario_.data.bedClasses[bedClass].demandWeight : 1.0;
    std::map<int, Group> groups;  // by hub ordinal (-1 = not a member)
    for (int ordinal = 0; ordinal < count; ++ordinal) {
      FacilityPlan plan =
          planner_.plan(facilityKey(prefectureCode, kind, bedClass, ordinal), kind, prefectureCode);
      if (!scenario_.aggregate) {
        addExplicitFacility(info, plan);
        continue;
      }
      Group& group = groups[plan.hubOrdinal];
      group.ranks.push_back(plan.rank);
      for (const auto& line : plan.lines) addSegment(group.accessDeltas[line.technology], line);
      if (plan.hubOrdinal >= 0)
        addSegment(group.memberDeltas[plan.memberLine.technology], plan.memberLine);
    }
    for (auto& [hubOrdinal, group] : groups) addAggregate(info, hubOrdinal, group);
  }

  void addExplicitFacility(const VertexInfo& info, const FacilityPlan& plan) {
    Vertex v = nation_->addFacilities(info, {plan.rank});
    for (const auto& line : plan.lines) addLine(v, pops_[info.prefecture], line, LinkRole::Access);
    if (plan.hubOrdinal < 0) return;
    Vertex hub = hubs_[{info.prefecture, plan.hubOrdinal}];
    nation_->setRegionalHub(v, hub);
    addLine(v, hub, plan.memberLine, LinkRole::RegionalLine);
  }

  Edge addLine(Vertex facility, Vertex to, const LineSegment& line, LinkRole role) {
    const TechnologyTier& tier = *scenario_.data.technologies.defaultTier(line.technology);
    EdgeInfo info = accessLink(tier, role);
    info.tier = tier.tier;
    info.since = line.since;
    info.until = line.until;
    return nation_->addLink(facility, to, info);
  }

  static void addSegment(std::map<Date, int>& deltas, const LineSegment& line) {
    deltas[line.since] += 1;
    if (line.until != kForever) deltas[line.until] -= 1;
  }

  void addAggregate(VertexInfo info, int hubOrdinal, const Group& group) {
    Vertex v = nation_->addFacilities(info, group.ranks);
    Vertex hub{};
    if (hubOrdinal >= 0) {
      hub = hubs_[{info.prefecture, hubOrdinal}];
      nation_->setRegionalHub(v, hub);
    }
    auto addCounted = [&](const auto& deltas, Vertex to, LinkRole role) {
      for (const auto& [technology, changes] : deltas) {
        std::vector<std::pair<Date, int>> steps;
        int running = 0;
        for (const auto& [date, delta] : changes) steps.push_back({date, running += delta});
        Edge e = addLine(v, to, {technology, steps.front().first, kForever}, role);
        nation_->setLineCounts(e, std::move(steps));
      }
    };
    addCounted(group.accessDeltas, pops_[info.prefecture], LinkRole::Access);
    if (hubOrdinal >= 0) addCounted(group.memberDeltas, hub, LinkRole::RegionalLine);
  }

  const Scenario& scenario_;
  std::unique_ptr<Nation> nation_;
  FacilityPlanner planner_;
  Vertex coreEast_{}, coreWest_{};
  std::map<int, Vertex> pops_;
  std::map<std::pair<int, int>, Vertex> hubs_;
};

}  // namespace

std::unique_ptr<Nation> buildNationalTopology(const Scenario& scenario) {
  return NationalBuilder(scenario).build();
}

}  // namespace tsunagu
