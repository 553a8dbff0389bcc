// The profiles section: overrides of the hourly, weekday, monthly and claims-window shapes.
#include <cmath>

#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

namespace {

double readWeight(const ConfigNode& node, const std::string& path) {
  double weight = readNumber(node, path);
  if (weight < 0 || weight > 100) fail(node, path, "expected a weight from 0 to 100");
  return weight;
}

void readDayWeights(const ConfigNode& node, DemandProfiles& profiles) {
  MapReader days(node, "profiles.day_weights",
                 {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                  "holiday", "after-holiday"});
  for (int i = 0; i < kDayTypeCount; ++i) {
    const char* name = dayTypeName(static_cast<DayType>(i));
    if (auto* w = days.find(name)) profiles.dayWeights[i] = readWeight(*w, days.childPath(name));
  }
  if (auto* w = days.find("after-holiday"))
    profiles.afterHolidayMultiplier = readWeight(*w, days.childPath("after-holiday"));
}

void readIndexedWeights(const ConfigNode& node, const std::string& path, int first, int last,
                        double* weights) {
  MapReader map(node, path);
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [key, value] = node.entries[i];
    auto index = parseNumber(key);
    double n = ok(index) ? std::get<double>(index) : -1;
    if (n != std::floor(n) || n < first || n > last)
      throw InputError(
          node.keyLocations[i], path + "." + key,
          "expected a key from " + std::to_string(first) + " to " + std::to_string(last));
    weights[int(n) - first] = readWeight(value, path + "." + key);
  }
}

void readHourProfiles(const ConfigNode& node, DemandProfiles& profiles) {
  MapReader map(node, "profiles.hour_profiles");
  for (const auto& [name, shares] : node.entries) {
    std::string path = map.childPath(name);
    expectKind(shares, path, ConfigNode::Kind::List, "a list of 24 hourly shares");
    if (shares.items.size() != 24)
      fail(shares, path, "expected 24 hourly shares, got " + std::to_string(shares.items.size()));
    HourProfile profile{};
    double total = 0;
    for (int h = 0; h < 24; ++h) {
      profile[h] = readShare(shares.items[h], path + "[" + std::to_string(h) + "]");
      total += profile[h];
    }
    if (std::fabs(total - 1.0) > 1e-6)
      fail(shares, path, "the hourly shares sum to " + std::to_string(total) + ", expected 1");
    for (double& share : profile) share /= total;
    profiles.hourProfiles[name] = profile;
  }
}

}  // namespace

void readProfiles(const ConfigNode& node, Scenario& scenario) {
  MapReader sections(node, "profiles",
                     {"day_weights", "month_multipliers", "hour_profiles", "claims_window"});
  auto& profiles = scenario.data.profiles;
  if (auto* v = sections.find("day_weights")) readDayWeights(*v, profiles);
  if (auto* v = sections.find("month_multipliers"))
    readIndexedWeights(*v, "profiles.month_multipliers", 1, 12, profiles.monthMultipliers.data());
  if (auto* v = sections.find("claims_window"))
    readIndexedWeights(*v, "profiles.claims_window", 1, 31, profiles.claimsWindow.data());
  if (auto* v = sections.find("hour_profiles")) readHourProfiles(*v, profiles);
}

}  // namespace tsunagu::io::sections
