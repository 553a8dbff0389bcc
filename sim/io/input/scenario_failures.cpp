// The failures section: what breaks, when, for how long.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

namespace {

// The infrastructure nodes a scenario has, by name.
std::vector<std::string> nodeNames(const Scenario& scenario) {
  std::vector<std::string> names;
  if (scenario.topology == TopologyKind::Custom) {
    for (const auto& n : scenario.nodes)
      if (n.kind != NodeKind::Facility) names.push_back(n.id);
    return names;
  }
  names = {"core-east", "core-west"};
  for (const auto& p : scenario.data.prefectures) {
    names.push_back("pop-" + std::to_string(p.code));
    for (int k = 1; k <= scenario.data.regionalNetworks.networksPerPrefecture[p.code]; ++k)
      names.push_back("rhin-" + std::to_string(p.code) + "-" + std::to_string(k));
  }
  for (const auto& dc : scenario.data.datacenters) names.push_back(dc.id);
  for (const auto& ix : scenario.ixCenters) names.push_back(ix.id);
  return names;
}

std::string readNode(const std::string& name, const ConfigNode& where, const std::string& path,
                     const std::vector<std::string>& names) {
  if (std::find(names.begin(), names.end(), name) == names.end())
    fail(where, path, "no node named '" + name + "'" + didYouMean(name, names));
  return name;
}

// "YYYY-MM-DD HH:MM" in Japan time.
void readStart(const ConfigNode& node, const std::string& path, FailureSpec& failure) {
  std::string text = readString(node, path);
  auto date = Date::parse(text.substr(0, 10));
  int hour = -1, minute = -1;
  auto digits = [&](size_t at) {
    return std::isdigit(static_cast<unsigned char>(text[at])) &&
           std::isdigit(static_cast<unsigned char>(text[at + 1]));
  };
  if (text.size() == 16 && text[10] == ' ' && text[13] == ':' && digits(11) && digits(14)) {
    hour = std::atoi(text.substr(11, 2).c_str());
    minute = std::atoi(text.substr(14, 2).c_str());
  }
  if (!date || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    fail(node, path, "expected a date and time as YYYY-MM-DD HH:MM, got '" + text + "'");
  failure.date = *date;
  failure.startSeconds = hour * 3600.0 + minute * 60.0;
}

}  // namespace

void readFailures(const ConfigNode& node, Scenario& scenario) {
  MapReader failures(node, "failures");
  auto names = nodeNames(scenario);
  for (const auto& [id, value] : node.entries) {
    std::string path = failures.childPath(id);
    MapReader spec(value, path, {"element", "at", "duration", "servers"});
    FailureSpec failure;
    failure.id = id;
    const ConfigNode& element = spec.require("element");
    failure.element = readString(element, path + ".element");
    if (auto at = failure.element.find('@'); at != std::string::npos) {
      failure.target = FailureSpec::Target::Pool;
      checkServiceRef(failure.element.substr(0, at), element.where, path + ".element", scenario);
      readNode(failure.element.substr(at + 1), element, path + ".element", names);
      const ConfigNode& servers = spec.require("servers");
      failure.serversLost = readShare(servers, path + ".servers");
    } else if (auto dash = failure.element.find(" -- "); dash != std::string::npos) {
      failure.target = FailureSpec::Target::Link;
      failure.from = readNode(failure.element.substr(0, dash), element, path + ".element", names);
      failure.to = readNode(failure.element.substr(dash + 4), element, path + ".element", names);
    } else {
      readNode(failure.element, element, path + ".element", names);
    }
    if (failure.target != FailureSpec::Target::Pool && spec.find("servers"))
      fail(*spec.find("servers"), path + ".servers", "only a pool (service@host) loses servers");
    readStart(spec.require("at"), path + ".at", failure);
    if (!scenario.horizon.contains(failure.date))
      fail(spec.require("at"), path + ".at",
           "the date " + failure.date.toString() + " is outside the horizon " +
               scenario.horizon.start.toString() + ".." + scenario.horizon.end.toString());
    failure.duration = readDuration(spec.require("duration"), path + ".duration");
    if (failure.duration.seconds <= 0)
      fail(spec.require("duration"), path + ".duration", "the duration must be positive");
    requireWithin(spec.require("duration"), path + ".duration", failure.duration.seconds, 1,
                  366 * 86400.0, "a duration from 1s to 366d");
    scenario.failures.push_back(failure);
  }
}

}  // namespace tsunagu::io::sections
