// The `uncertainty` section: scenario values written as distributions, for `tsunagu
// uncertainty`. Each entry names the key it samples and a distribution of that key's values.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

namespace {

// A normal is checked within this many standard deviations of its mean: farther out, Latin
// hypercube sampling reaches it only with more than 10^14 samples.
constexpr double kNormalReach = 8.0;

// The values a key may take.
struct KeyRule {
  double lowest, highest;
  bool lowestIncluded;
  const char* range;  // for messages
};

KeyRule ruleOf(UncertainTarget target) {
  if (target == UncertainTarget::VolumeGrowth)
    return {-1.0, 1.0, false, "a growth must be above -100%/year and at most 100%/year"};
  return {-10 * 365.25, 10 * 365.25, true, "a time shift must be within 10 years either way"};
}

double readValue(const ConfigNode& node, const std::string& path, UncertainTarget target) {
  return target == UncertainTarget::VolumeGrowth ? readGrowthRate(node, path)
                                                 : readTimeShift(node, path);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == separator)
      parts.emplace_back();
    else
      parts.back() += c;
  }
  return parts;
}

// "volumes.<service>.growth", "volumes.<service>.<origin>.growth" or "adoption.<service>.shift".
UncertainInput readKey(const ConfigNode& node, const std::string& path, const Scenario& scenario) {
  UncertainInput input;
  input.key = readString(node, path);
  std::vector<std::string> parts = split(input.key, '.');
  bool growth = parts.front() == "volumes" && (parts.size() == 3 || parts.size() == 4) &&
                parts.back() == "growth";
  bool shift = parts.front() == "adoption" && parts.size() == 3 && parts.back() == "shift";
  if (!growth && !shift)
    fail(node, path,
         "expected volumes.<service>.growth, volumes.<service>.<origin>.growth or "
         "adoption.<service>.shift, got '" +
             input.key + "'");
  input.target = growth ? UncertainTarget::VolumeGrowth : UncertainTarget::AdoptionShift;
  input.service = parts[1];
  checkServiceRef(input.service, node.where, path, scenario);
  if (parts.size() == 4) input.origin = parts[2];
  if (shift) {
    if (!scenario.adoption.count(input.service))
      fail(node, path,
           "'" + input.service +
               "' has no adoption curve to shift (every facility uses it from its "
               "service-live date)");
    return input;
  }
  std::vector<std::string> origins;
  for (const auto& volume : scenario.data.volumes)
    if (volume.service == input.service) origins.push_back(volume.origin);
  if (origins.empty()) fail(node, path, "'" + input.service + "' has no volume to grow");
  if (!input.origin.empty() &&
      std::find(origins.begin(), origins.end(), input.origin) == origins.end())
    fail(node, path,
         "'" + input.service + "' has no volume from '" + input.origin + "'" +
             didYouMean(input.origin, origins));
  return input;
}

// The smallest and largest values the distribution can take (a normal: within kNormalReach).
std::pair<double, double> reach(const Distribution& d) {
  if (d.kind != Distribution::Kind::Normal) return {d.min, d.max};
  return {std::max(d.min, d.mean - kNormalReach * d.sd),
          std::min(d.max, d.mean + kNormalReach * d.sd)};
}

void readNormal(const MapReader& spec, const std::string& path, UncertainTarget target,
                Distribution& d) {
  d.mean = readValue(spec.require("mean"), path + ".mean", target);
  const ConfigNode& sd = spec.require("sd");
  d.sd = readValue(sd, path + ".sd", target);
  if (d.sd < 0) fail(sd, path + ".sd", "the standard deviation must not be negative");
  if (auto* v = spec.find("min")) d.min = readValue(*v, path + ".min", target);
  if (auto* v = spec.find("max")) d.max = readValue(*v, path + ".max", target);
  if (d.min >= d.max) fail(*spec.find("max"), path + ".max", "max must be above min");
  if (d.mean < d.min || d.mean > d.max) {
    // A truncation that leaves less than about 10^-15 of the normal cannot be sampled.
    double z = std::max(d.min - d.mean, d.mean - d.max) / std::max(d.sd, 1e-300);
    if (d.sd == 0 || z > kNormalReach)
      fail(spec.require("mean"), path + ".mean",
           "the mean lies so far outside min … max that nothing of the normal is left");
  }
}

void readBounded(const MapReader& spec, const std::string& path, UncertainTarget target,
                 Distribution& d) {
  d.min = readValue(spec.require("min"), path + ".min", target);
  const ConfigNode& maxNode = spec.require("max");
  d.max = readValue(maxNode, path + ".max", target);
  if (d.max < d.min) fail(maxNode, path + ".max", "max must not be below min");
  if (d.kind != Distribution::Kind::Triangular) return;
  const ConfigNode& mode = spec.require("mode");
  d.mode = readValue(mode, path + ".mode", target);
  if (d.mode < d.min || d.mode > d.max)
    fail(mode, path + ".mode", "the mode must lie in min … max");
}

Distribution readDistribution(const MapReader& spec, const std::string& path,
                              UncertainTarget target) {
  const ConfigNode& kindNode = spec.require("distribution");
  std::string kind = readChoice(kindNode, path + ".distribution",
                                {"normal", "triangular", "uniform"}, "distribution");
  Distribution d;
  d.kind = kind == "normal"       ? Distribution::Kind::Normal
           : kind == "triangular" ? Distribution::Kind::Triangular
                                  : Distribution::Kind::Uniform;
  std::vector<std::string> used = {"key", "distribution", "min", "max"};
  if (d.kind == Distribution::Kind::Normal) used.insert(used.end(), {"mean", "sd"});
  if (d.kind == Distribution::Kind::Triangular) used.push_back("mode");
  for (size_t i = 0; i < spec.node().entries.size(); ++i) {
    const std::string& key = spec.node().entries[i].first;
    if (std::find(used.begin(), used.end(), key) == used.end())
      throw InputError(spec.node().keyLocations[i], spec.childPath(key),
                       "not used by a " + kind + " distribution");
  }
  if (d.kind == Distribution::Kind::Normal)
    readNormal(spec, path, target, d);
  else
    readBounded(spec, path, target, d);
  // Each written value was checked against the key's range; a normal reaches beyond them.
  KeyRule rule = ruleOf(target);
  auto [low, high] = reach(d);
  bool tooLow = rule.lowestIncluded ? low < rule.lowest : low <= rule.lowest;
  if (tooLow || high > rule.highest)
    fail(spec.node(), path,
         std::string(rule.range) +
             ", and this normal reaches beyond within 8 standard "
             "deviations of its mean; narrow it or bound it with min and max");
  return d;
}

// The volume rows (or the service's curves) an input changes, to find two entries sampling
// the same value.
std::vector<std::string> targetsOf(const UncertainInput& input, const Scenario& scenario) {
  if (input.target == UncertainTarget::AdoptionShift) return {"adoption." + input.service};
  std::vector<std::string> rows;
  for (const auto& volume : scenario.data.volumes)
    if (volume.service == input.service && (input.origin.empty() || volume.origin == input.origin))
      rows.push_back("volumes." + volume.service + "." + volume.origin + ".growth");
  return rows;
}

}  // namespace

void readUncertainty(const ConfigNode& node, Scenario& scenario) {
  MapReader entries(node, "uncertainty");
  std::map<std::string, std::string> sampledBy;  // target -> the entry sampling it
  for (const auto& [id, value] : node.entries) {
    std::string path = entries.childPath(id);
    MapReader spec(value, path, {"key", "distribution", "mean", "sd", "min", "max", "mode"});
    const ConfigNode& keyNode = spec.require("key");
    UncertainInput input = readKey(keyNode, path + ".key", scenario);
    input.id = id;
    for (const auto& target : targetsOf(input, scenario)) {
      auto [it, fresh] = sampledBy.emplace(target, id);
      if (!fresh)
        fail(keyNode, path + ".key",
             target + " is already sampled by '" + it->second +
                 "'; each value may be sampled by one entry only");
    }
    input.distribution = readDistribution(spec, path, input.target);
    scenario.uncertainty.push_back(input);
  }
}

}  // namespace tsunagu::io::sections
