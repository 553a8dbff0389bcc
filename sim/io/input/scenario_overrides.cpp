// Scenario sections that override the shipped default numbers (models/data/*.csv) and define
// the services, volumes and adoption curves the scenario models.
#include <algorithm>
#include <cmath>

#include "sim/io/input/input_limits.hpp"
#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

namespace {

std::vector<std::string> facilityKindNames() {
  std::vector<std::string> names;
  for (FacilityKind kind : kFacilityKinds) names.push_back(facilityKindName(kind));
  return names;
}

std::string percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g%%", share * 100.0);
  return text;
}

const CustomNode* findNode(const Scenario& scenario, const std::string& id) {
  for (const auto& n : scenario.nodes)
    if (n.id == id) return &n;
  return nullptr;
}

bool isIxName(const Scenario& scenario, const std::string& id) {
  if (std::any_of(scenario.ixCenters.begin(), scenario.ixCenters.end(),
                  [&](const IxCenterSpec& ix) { return ix.id == id; }))
    return true;
  const CustomNode* node = findNode(scenario, id);
  return node && node->kind == NodeKind::Ix;
}

// A service host: a data center (or, in a custom topology, a node), an IX, or the facility's
// regional hub.
std::string readHost(const ConfigNode& node, const std::string& path, const Scenario& scenario) {
  std::string host = readString(node, path);
  if (host == kHostRegionalHub || host == "ix" || isIxName(scenario, host)) return host;
  std::vector<std::string> candidates = {std::string(kHostRegionalHub), "ix"};
  if (scenario.topology == TopologyKind::Custom) {
    if (const CustomNode* n = findNode(scenario, host)) {
      if (n->kind == NodeKind::DataCenter || n->kind == NodeKind::Ix) return host;
      fail(node, path,
           "the host '" + host + "' must be a datacenter or ix node, not " + nodeKindName(n->kind));
    }
    for (const auto& n : scenario.nodes) candidates.push_back(n.id);
  } else {
    if (scenario.data.datacenter(host)) return host;
    for (const auto& dc : scenario.data.datacenters) candidates.push_back(dc.id);
  }
  fail(node, path, "unknown host '" + host + "'" + didYouMean(host, candidates));
}

// A service level: a response-time percentile (percentile and response, together), the claims
// deadline (the day of the month by whose 24:00 every submission is processed), and for streams
// the bit rate and one-way latency they need.
void readServiceLevel(const ConfigNode& node, const std::string& path, ServiceSpec& service) {
  MapReader target(node, path, {"percentile", "response", "deadline", "rate", "latency"});
  if (target.find("percentile") || target.find("response")) {
    const ConfigNode& percentile = target.require("percentile");
    service.targetPercentile = readShare(percentile, path + ".percentile");
    if (service.targetPercentile <= 0 || service.targetPercentile >= 1)
      fail(percentile, path + ".percentile", "expected a percentile such as 95%");
    const ConfigNode& response = target.require("response");
    service.targetResponse = readDuration(response, path + ".response");
    requireWithin(response, path + ".response", service.targetResponse.seconds, 1e-3, 86400,
                  "a response time from 1ms to 1d");
  }
  if (auto* v = target.find("deadline"))
    service.deadlineDay = int(readInteger(*v, path + ".deadline", 1, 28));
  for (const char* key : {"rate", "latency"})
    if (auto* v = target.find(key); v && service.pattern != ServicePattern::Stream)
      fail(*v, path + "." + key, "only a stream service has a rate or latency level");
  if (auto* v = target.find("rate")) {
    service.minRate = readBitRate(*v, path + ".rate");
    requireWithin(*v, path + ".rate", service.minRate.bitsPerSecond, 1, 1e12,
                  "a rate from 1bps to 1Tbps");
  }
  if (auto* v = target.find("latency")) {
    service.maxLatency = readDuration(*v, path + ".latency");
    requireWithin(*v, path + ".latency", service.maxLatency.seconds, 1e-6, 60,
                  "a latency from 1us to 1min");
  }
}

void applyServiceFields(const MapReader& spec, const std::string& path, ServiceSpec& service,
                        const Scenario& scenario) {
  if (auto* v = spec.find("name")) service.name = readString(*v, path + ".name");
  if (auto* v = spec.find("pattern"))
    service.pattern = *parseServicePattern(readChoice(
        *v, path + ".pattern", {"transaction", "batch", "bulk", "stream"}, "service pattern"));
  if (auto* v = spec.find("request_size")) {
    service.requestSize = readByteSize(*v, path + ".request_size");
    requireWithin(*v, path + ".request_size", service.requestSize.bytes, 1, 1e15,
                  "a size from 1B to 1PB");
  }
  if (auto* v = spec.find("response_size")) {
    service.responseSize = readByteSize(*v, path + ".response_size");
    requireWithin(*v, path + ".response_size", service.responseSize.bytes, 1, 1e15,
                  "a size from 1B to 1PB");
  }
  if (auto* v = spec.find("size_cv")) {
    service.sizeCv = readNumber(*v, path + ".size_cv");
    if (service.sizeCv < 0 || service.sizeCv > 10) fail(*v, path + ".size_cv", "expected 0 to 10");
  }
  if (auto* v = spec.find("service_time")) {
    service.serviceTime = readDuration(*v, path + ".service_time");
    // Zero would make every pool need no server at all.
    requireWithin(*v, path + ".service_time", service.serviceTime.seconds, 1e-6, 86400,
                  "a service time from 1us to 1d");
  }
  if (auto* v = spec.find("service_time_cv")) {
    service.serviceTimeCv = readNumber(*v, path + ".service_time_cv");
    if (service.serviceTimeCv < 0 || service.serviceTimeCv > 10)
      fail(*v, path + ".service_time_cv", "expected 0 to 10");
  }
  if (auto* v = spec.find("target")) readServiceLevel(*v, path + ".target", service);
  if (auto* v = spec.find("host")) service.host = readHost(*v, path + ".host", scenario);
  if (auto* v = spec.find("day_profile"))
    service.dayProfile = *parseDayProfile(readChoice(
        *v, path + ".day_profile", {"weekday", "claims-window", "uniform"}, "day profile"));
  if (auto* v = spec.find("seasonal")) service.seasonal = readBool(*v, path + ".seasonal");
  if (auto* v = spec.find("direction"))
    service.direction = readChoice(*v, path + ".direction", {"upload", "download"},
                                   "direction") == "download"
                            ? FlowDirection::Download
                            : FlowDirection::Upload;
}

std::string readOrigin(const std::string& origin, const SourceLocation& where,
                       const std::string& path, const Scenario& scenario) {
  if (parseFacilityKind(origin)) return origin;
  std::vector<std::string> candidates = facilityKindNames();
  if (scenario.topology == TopologyKind::Custom) {
    const CustomNode* node = findNode(scenario, origin);
    if (node && node->kind == NodeKind::DataCenter) return origin;
    for (const auto& n : scenario.nodes)
      if (n.kind == NodeKind::DataCenter) candidates.push_back(n.id);
  } else {
    if (scenario.data.datacenter(origin)) return origin;
    for (const auto& dc : scenario.data.datacenters) candidates.push_back(dc.id);
  }
  throw InputError(where, path,
                   "unknown origin '" + origin + "'; expected a facility kind or a data center" +
                       didYouMean(origin, candidates));
}

AdoptionCurve readCurve(const ConfigNode& node, const std::string& path) {
  MapReader points(node, path);
  std::vector<AdoptionPoint> curve;
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [dateText, share] = node.entries[i];
    auto date = Date::parse(dateText);
    if (!date)
      throw InputError(
          node.keyLocations[i], path,
          "expected dates (YYYY-MM-DD) as keys, got '" + clipForMessage(dateText) + "'");
    if (*date < firstCalendarDate() || *date > lastCalendarDate())
      throw InputError(node.keyLocations[i], path + "." + dateText,
                       "expected a date from " + firstCalendarDate().toString() + " to " +
                           lastCalendarDate().toString() + " (the calendar's range)");
    curve.push_back({*date, readShare(share, path + "." + dateText)});
  }
  if (curve.empty()) fail(node, path, "an adoption curve needs at least one dated share");
  return AdoptionCurve(curve);
}

}  // namespace

FacilityKind readFacilityKind(const ConfigNode& node, const std::string& path) {
  return *parseFacilityKind(readChoice(node, path, facilityKindNames(), "facility kind"));
}

void checkServiceRef(const std::string& id, const SourceLocation& where, const std::string& path,
                     const Scenario& scenario) {
  if (std::find(scenario.services.begin(), scenario.services.end(), id) != scenario.services.end())
    return;
  throw InputError(where, path,
                   "unknown service '" + id + "'" + didYouMean(id, scenario.services) +
                       (scenario.topology == TopologyKind::Custom
                            ? " (a custom topology models only the services it lists)"
                            : ""));
}

std::string readServiceRef(const ConfigNode& node, const std::string& path,
                           const Scenario& scenario) {
  std::string id = readString(node, path);
  checkServiceRef(id, node.where, path, scenario);
  return id;
}

std::string readTechnologyRef(const ConfigNode& node, const std::string& path,
                              const Scenario& scenario, bool allowNone) {
  std::vector<std::string> names = scenario.data.technologies.technologies();
  if (allowNone) names.push_back(kNoLine);
  return readChoice(node, path, names, "technology");
}

void readFacilityCounts(const ConfigNode& node, Scenario& scenario) {
  MapReader byPrefecture(node, "facility_counts");
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [key, value] = node.entries[i];
    std::string path = byPrefecture.childPath(key);
    Prefecture* prefecture = nullptr;
    auto code = parseNumber(key);
    for (auto& p : scenario.data.prefectures)
      if (p.name == key || (ok(code) && std::get<double>(code) == p.code)) prefecture = &p;
    if (!prefecture) {
      std::vector<std::string> names;
      for (const auto& p : scenario.data.prefectures) names.push_back(p.name);
      throw InputError(
          node.keyLocations[i], path,
          "unknown prefecture; expected a code 1..47 or a name" + didYouMean(key, names));
    }
    MapReader counts(value, path, {"hospital", "clinic", "dental-clinic", "pharmacy"});
    for (FacilityKind kind : kFacilityKinds)
      if (auto* c = counts.find(facilityKindName(kind)))
        prefecture->facilities[static_cast<int>(kind)] =
            int(readInteger(*c, path + "." + facilityKindName(kind), 0, 1'000'000));
  }
}

void readTechnologies(const ConfigNode& node, Scenario& scenario) {
  MapReader technologies(node, "technologies");
  for (const auto& [technology, tiers] : node.entries) {
    MapReader tierMap(tiers, technologies.childPath(technology));
    for (const auto& [tierName, fields] : tiers.entries) {
      std::string path = tierMap.childPath(tierName);
      MapReader spec(fields, path,
                     {"capacity", "latency", "availability", "setup_cost", "monthly_cost"});
      TechnologyTier* tier = nullptr;
      for (auto& t : scenario.data.technologies.tiers())
        if (t.technology == technology && t.tier == tierName) tier = &t;
      if (!tier) {
        spec.require("capacity");
        spec.require("latency");
        scenario.data.technologies.add({technology, tierName, {}, {}, 1.0, {}, {}});
        tier = &scenario.data.technologies.tiers().back();
      }
      if (auto* v = spec.find("capacity")) {
        tier->capacity = readBitRate(*v, path + ".capacity");
        if (tier->capacity.bitsPerSecond <= 0)
          fail(*v, path + ".capacity", "the capacity must be positive");
      }
      if (auto* v = spec.find("latency")) {
        tier->latency = readDuration(*v, path + ".latency");
        requireWithin(*v, path + ".latency", tier->latency.seconds, 0, 10,
                      "a latency from 0 to 10s");
      }
      if (auto* v = spec.find("availability")) {
        tier->availability = readShare(*v, path + ".availability");
        requireWithin(*v, path + ".availability", tier->availability, 0.01, 1,
                      "an availability from 1% to 100%");
      }
      if (auto* v = spec.find("setup_cost"))
        tier->setupCost = readMoney(*v, path + ".setup_cost", true);
      if (auto* v = spec.find("monthly_cost"))
        tier->monthlyCost = readMoney(*v, path + ".monthly_cost", false);
    }
  }
}

void readLineMix(const ConfigNode& node, Scenario& scenario) {
  MapReader kinds(node, "line_mix");
  std::vector<std::string> allowed = facilityKindNames();
  allowed.push_back("rhin-member");
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [kind, shares] = node.entries[i];
    std::string path = kinds.childPath(kind);
    if (std::find(allowed.begin(), allowed.end(), kind) == allowed.end())
      throw InputError(node.keyLocations[i], path,
                       "unknown facility kind" + didYouMean(kind, allowed));
    MapReader mixMap(shares, path);
    LineMix mix;
    double total = 0;
    for (size_t j = 0; j < shares.entries.size(); ++j) {
      const auto& [technology, share] = shares.entries[j];
      ConfigNode name{ConfigNode::Kind::Scalar, technology, {}, {}, {}, shares.keyLocations[j]};
      readTechnologyRef(name, path + "." + technology, scenario, true);
      mix[technology] = readShare(share, path + "." + technology);
      total += mix[technology];
    }
    if (std::fabs(total - 1.0) > 1e-6)
      fail(shares, path, "the shares sum to " + percent(total) + ", expected 100%");
    if (kind == "rhin-member" && mix.count(kNoLine))
      fail(*shares.find(kNoLine), path + "." + kNoLine,
           "a regional-network member always has a line to its hub; give technologies only");
    if (kind == "rhin-member")
      scenario.data.regionalNetworks.memberLineMix = mix;
    else
      scenario.data.lineMix[static_cast<int>(*parseFacilityKind(kind))] = mix;
  }
}

void readServices(const ConfigNode& node, Scenario& scenario) {
  static const std::initializer_list<const char*> kFields = {
      "name",    "pattern",      "request_size",    "response_size",
      "size_cv", "service_time", "service_time_cv", "target",
      "host",    "day_profile",  "seasonal",        "transport",
      "direction"};
  bool custom = scenario.topology == TopologyKind::Custom;
  if (!custom) scenario.services = scenario.data.services.ids();
  if (node.isNull()) {
    if (custom) fail(node, "services", "a custom topology must list the services it models");
    return;
  }
  MapReader services(node, "services");
  if (custom && node.entries.empty())
    fail(node, "services", "a custom topology must list the services it models");
  std::vector<std::string> known = scenario.data.services.ids();
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [id, fields] = node.entries[i];
    std::string path = services.childPath(id);
    ConfigNode empty{ConfigNode::Kind::Map, "", {}, {}, {}, node.keyLocations[i]};
    MapReader spec(fields.isNull() ? empty : fields, path, kFields);
    ServiceSpec* service = scenario.data.services.find(id);
    if (!service) {
      std::string hint = didYouMean(id, known);
      if (!hint.empty()) throw InputError(node.keyLocations[i], path, "unknown service" + hint);
      for (const char* required :
           {"pattern", "request_size", "response_size", "service_time", "host"})
        if (!spec.find(required))
          throw InputError(node.keyLocations[i], path + "." + required,
                           "required for a new service (one not in services.csv)");
      ServiceSpec fresh;
      fresh.id = id;
      fresh.name = id;
      scenario.data.services.add(fresh);
      service = scenario.data.services.find(id);
    }
    applyServiceFields(spec, path, *service, scenario);
    if (auto* v = spec.find("transport")) {
      TransportSettings own = scenario.network.transport.defaults;
      readTransport(*v, path + ".transport", own);
      scenario.network.transport.perService[id] = own;
    }
    if (std::find(scenario.services.begin(), scenario.services.end(), id) ==
        scenario.services.end())
      scenario.services.push_back(id);
    if (custom && !spec.find("host") && service->host != kHostRegionalHub &&
        service->host != "ix" && !findNode(scenario, service->host))
      throw InputError(node.keyLocations[i], path + ".host",
                       "the default host '" + service->host +
                           "' is not a node of this custom topology; give a host");
  }
}

// A service's `growth` applies to each of its volume rows, shipped ones included, except the
// origins that write their own.
void applyServiceGrowth(const MapReader& originMap, const std::string& serviceId,
                        const std::vector<std::string>& ownGrowth, Scenario& scenario) {
  const ConfigNode* growth = originMap.find("growth");
  if (!growth) return;
  double value = readGrowthRate(*growth, originMap.childPath("growth"));
  bool any = false;
  for (auto& volume : scenario.data.volumes) {
    if (volume.service != serviceId) continue;
    any = true;
    if (std::find(ownGrowth.begin(), ownGrowth.end(), volume.origin) == ownGrowth.end())
      volume.growthPerYear = value;
  }
  if (!any)
    fail(*growth, originMap.childPath("growth"),
         "'" + serviceId + "' has no volume to grow; write the volumes of its origins");
}

// In a national topology the volumes override the shipped table. A custom topology uses only
// the volumes it writes, taking hour profile and request size from the table as defaults.
void readVolumes(const ConfigNode& node, Scenario& scenario) {
  MapReader services(node, "volumes");
  std::vector<ServiceVolume> templates = scenario.data.volumes;
  if (scenario.topology == TopologyKind::Custom) scenario.data.volumes.clear();
  for (size_t i = 0; i < node.entries.size(); ++i) {
    // References, not a structured binding: the lambdas below capture the id (clang 14).
    const std::string& serviceId = node.entries[i].first;
    const ConfigNode& origins = node.entries[i].second;
    std::string servicePath = services.childPath(serviceId);
    checkServiceRef(serviceId, node.keyLocations[i], servicePath, scenario);
    MapReader originMap(origins, servicePath);
    std::vector<std::string> ownGrowth;  // origins that write their own growth
    for (size_t j = 0; j < origins.entries.size(); ++j) {
      const auto& [originName, value] = origins.entries[j];
      if (originName == "growth") continue;  // the service's, applied below
      std::string path = originMap.childPath(originName);
      std::string origin = readOrigin(originName, origins.keyLocations[j], path, scenario);
      auto existing = std::find_if(
          scenario.data.volumes.begin(), scenario.data.volumes.end(),
          [&](const ServiceVolume& v) { return v.service == serviceId && v.origin == origin; });
      auto model = std::find_if(templates.begin(), templates.end(), [&](const ServiceVolume& v) {
        return v.service == serviceId && v.origin == origin;
      });
      ServiceVolume volume;
      if (model != templates.end()) volume = *model;
      volume.service = serviceId;
      volume.origin = origin;
      if (volume.hourProfile.empty()) volume.hourProfile = "business";
      const ConfigNode* rateNode = &value;
      if (value.isMap()) {
        MapReader spec(value, path, {"volume", "hour_profile", "request_size", "growth"});
        rateNode = &spec.require("volume");
        if (auto* h = spec.find("hour_profile")) {
          std::vector<std::string> profiles;
          for (const auto& [name, _] : scenario.data.profiles.hourProfiles)
            profiles.push_back(name);
          volume.hourProfile = readChoice(*h, path + ".hour_profile", profiles, "hour profile");
        }
        if (auto* r = spec.find("request_size"))
          volume.requestSize = readByteSize(*r, path + ".request_size");
        if (auto* g = spec.find("growth")) {
          volume.growthPerYear = readGrowthRate(*g, path + ".growth");
          ownGrowth.push_back(origin);
        }
      }
      Rate rate = readRate(*rateNode, value.isMap() ? path + ".volume" : path);
      volume.volume = rate.volume;
      volume.period = rate.period;
      if (existing != scenario.data.volumes.end())
        *existing = volume;
      else
        scenario.data.volumes.push_back(volume);
    }
    applyServiceGrowth(originMap, serviceId, ownGrowth, scenario);
  }
}

void readAdoption(const ConfigNode& node, Scenario& scenario) {
  MapReader services(node, "adoption");
  std::vector<std::string> kindKeys = facilityKindNames();
  kindKeys.push_back("all");
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [serviceId, spec] = node.entries[i];
    std::string path = services.childPath(serviceId);
    checkServiceRef(serviceId, node.keyLocations[i], path, scenario);
    expectKind(spec, path, ConfigNode::Kind::Map,
               "a map of dates to shares, or of kinds to such maps");
    ServiceAdoption adoption;
    bool byKind = !spec.entries.empty() && !Date::parse(spec.entries.front().first);
    if (!byKind) {
      adoption.all = readCurve(spec, path);
    } else {
      for (size_t j = 0; j < spec.entries.size(); ++j) {
        const auto& [kind, curve] = spec.entries[j];
        if (std::find(kindKeys.begin(), kindKeys.end(), kind) == kindKeys.end())
          throw InputError(
              spec.keyLocations[j], path + "." + kind,
              "expected a date, a facility kind or 'all'" + didYouMean(kind, kindKeys));
        AdoptionCurve parsed = readCurve(curve, path + "." + kind);
        if (kind == "all")
          adoption.all = parsed;
        else
          adoption.byKind[static_cast<int>(*parseFacilityKind(kind))] = parsed;
      }
    }
    scenario.adoption[serviceId] = adoption;
  }
}

}  // namespace tsunagu::io::sections
