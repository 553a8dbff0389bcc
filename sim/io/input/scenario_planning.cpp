// The planning and costs sections: how the analytic planner works through the horizon, and
// overrides of the unit costs in cost_items.csv.
#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io::sections {

namespace {

// planning.peak: the busiest minute (or five minutes) at a percentile, against a target.
void readPeakRule(const ConfigNode& node, PeakRule& rule) {
  MapReader peak(node, "planning.peak", {"interval", "percentile", "target"});
  if (auto* v = peak.find("interval"))
    rule.intervalSeconds =
        readChoice(*v, "planning.peak.interval", {"1min", "5min"}, "interval") == "1min" ? 60 : 300;
  if (auto* v = peak.find("percentile")) {
    rule.percentile = readShare(*v, "planning.peak.percentile");
    if (rule.percentile <= 0 || rule.percentile >= 1)
      fail(*v, "planning.peak.percentile", "a percentile between 0% and 100%, both excluded");
  }
  if (auto* v = peak.find("target")) {
    rule.target = readShare(*v, "planning.peak.target");
    if (rule.target <= 0) fail(*v, "planning.peak.target", "the target must be above 0%");
  }
}

}  // namespace

void readPlanning(const ConfigNode& node, Scenario& scenario) {
  MapReader planning(
      node, "planning",
      {"utilisation_target", "peak", "state_resolution", "discount_rate", "servers"});
  PlanningSettings& settings = scenario.planning;
  if (auto* v = planning.find("utilisation_target")) {
    settings.utilisationTarget = readShare(*v, "planning.utilisation_target");
    // Below 1% a plan is a typo: 1e-12 asks for two billion servers.
    requireWithin(*v, "planning.utilisation_target", settings.utilisationTarget, 0.01, 1,
                  "a utilisation target from 1% to 100%");
  }
  if (auto* v = planning.find("peak")) readPeakRule(*v, settings.peak);
  if (auto* v = planning.find("state_resolution"))
    settings.monthsPerState =
        readChoice(*v, "planning.state_resolution", {"month", "quarter"}, "resolution") == "month"
            ? 1
            : 3;
  if (auto* v = planning.find("discount_rate"))
    settings.discountRate = readShare(*v, "planning.discount_rate");
  if (auto* servers = planning.find("servers")) {
    MapReader byService(*servers, "planning.servers");
    for (size_t i = 0; i < servers->entries.size(); ++i) {
      const auto& [service, count] = servers->entries[i];
      std::string path = byService.childPath(service);
      checkServiceRef(service, servers->keyLocations[i], path, scenario);
      settings.servers[service] = int(readInteger(count, path, 1, 1'000'000));
    }
  }
}

void readCosts(const ConfigNode& node, Scenario& scenario) {
  MapReader costs(node, "costs",
                  {"regional_network_running", "ix_rack", "ix_racks_per_center", "ix_center_setup",
                   "server_running", "server_setup"});
  CostItems& items = scenario.data.costs;
  if (auto* v = costs.find("regional_network_running"))
    items.regionalNetworkRunning = readMoney(*v, "costs.regional_network_running", false);
  if (auto* v = costs.find("ix_rack")) items.ixRack = readMoney(*v, "costs.ix_rack", false);
  if (auto* v = costs.find("ix_racks_per_center"))
    items.ixRacksPerCenter = int(readInteger(*v, "costs.ix_racks_per_center", 0, 10'000));
  if (auto* v = costs.find("ix_center_setup"))
    items.ixCenterSetup = readMoney(*v, "costs.ix_center_setup", true);
  if (auto* v = costs.find("server_running"))
    items.serverRunning = readMoney(*v, "costs.server_running", false);
  if (auto* v = costs.find("server_setup"))
    items.serverSetup = readMoney(*v, "costs.server_setup", true);
}

}  // namespace tsunagu::io::sections
