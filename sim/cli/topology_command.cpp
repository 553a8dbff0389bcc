#include <fmt/core.h>

#include <chrono>
#include <iostream>

#include "models/nation/nation_builder.hpp"
#include "models/network/topology_summary.hpp"
#include "sim/analytic/service_loads.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"

namespace tsunagu::cli {

namespace {

struct TopologyOptions {
  ScenarioOptions scenario;
  std::string link;
};

constexpr size_t kFailurePointsShown = 12;

std::string facilitiesSection(const Scenario& scenario, const TopologySummary& s) {
  TextTable byKind({"kind", "facilities"});
  int total = 0;
  for (FacilityKind kind : kFacilityKinds) {
    int n = s.facilitiesByKind[static_cast<int>(kind)];
    byKind.addRow({facilityKindName(kind), grouped(n)});
    total += n;
  }
  byKind.addRow({"total", grouped(total)});
  TextTable byPrefecture({"prefecture", "hospital", "clinic", "dental-clinic", "pharmacy"});
  for (const auto& [code, counts] : s.facilitiesByPrefecture) {
    const Prefecture* p = scenario.data.prefecture(code);
    byPrefecture.addRow({fmt::format("{:02} {}", code, p ? p->name : "?"), grouped(counts[0]),
                         grouped(counts[1]), grouped(counts[2]), grouped(counts[3])});
  }
  return "Facilities by kind\n" + byKind.render() + "\nFacilities by prefecture\n" +
         byPrefecture.render();
}

std::string networkSection(const TopologySummary& s) {
  std::string text = "\nInfrastructure:";
  for (const auto& [kind, n] : s.infrastructureByKind)
    text += fmt::format(" {} {},", n, nodeKindName(kind));
  text.back() = '\n';
  TextTable lines({"technology", "active lines"});
  for (const auto& [tech, n] : s.linesByTechnology) lines.addRow({tech, grouped(n)});
  TextTable roles({"link role", "active links"});
  for (const auto& [role, n] : s.linksByRole) roles.addRow({role, grouped(n)});
  return text + "\nLines by technology\n" + lines.render() + "\nLinks by role\n" + roles.render();
}

std::string routesSection(const TopologySummary& s) {
  TextTable table(
      {"service", "live", "users", "routed", "no route", "mean latency (ms)", "mean hops"});
  for (const auto& r : s.services)
    table.addRow({r.service, r.live ? "yes" : "no", grouped(r.users), grouped(r.routed),
                  grouped(r.users - r.routed),
                  r.routed ? fmt::format("{:.2f}", r.meanLatencyMs) : "-",
                  r.routed ? fmt::format("{:.2f}", r.meanHops) : "-"});
  return "\nRoutes per service (users = facilities using the service on the date)\n" +
         table.render();
}

std::string failureTable(const std::vector<FailurePoint>& points) {
  TextTable table({"element", "kind", "facilities cut off", "services lost"});
  for (size_t i = 0; i < points.size() && i < kFailurePointsShown; ++i) {
    const auto& lost = points[i].services;
    std::string services;
    for (size_t k = 0; k < lost.size() && k < 3; ++k) services += (k ? ", " : "") + lost[k];
    if (lost.size() > 3) services += fmt::format(" and {} more", lost.size() - 3);
    table.addRow({points[i].name, points[i].kind, grouped(points[i].facilitiesCutOff), services});
  }
  std::string more = points.size() > kFailurePointsShown
                         ? fmt::format("  ... and {} more\n", points.size() - kFailurePointsShown)
                         : "";
  return table.render() + more;
}

std::string failuresSection(const TopologySummary& s) {
  const SinglePointsOfFailure& f = s.failures;
  std::string text = fmt::format(
      "\nConnectivity: {} connected component(s) with links; the largest has {} vertices\n"
      "\nSingle points of failure (facilities never relay traffic; the infrastructure graph has "
      "{} articulation points and {} bridges)\n"
      "  infrastructure nodes whose loss cuts facilities off: {}\n",
      s.components, grouped(s.largestComponentVertices), f.articulationPoints, f.bridges,
      f.nodes.size());
  if (!f.nodes.empty()) text += failureTable(f.nodes);
  text +=
      fmt::format("  infrastructure links whose loss cuts facilities off: {}\n", f.links.size());
  if (!f.links.empty()) text += failureTable(f.links);
  text += fmt::format(
      "  facilities with a single line (that line is a bridge): {}\n"
      "  facilities without any line on the date: {}\n",
      grouped(f.singleHomedFacilities), grouped(f.facilitiesWithoutLine));
  return text;
}

// --link: the link's busiest hour of the day split by service, or bad input naming --link.
std::string linkSection(const Nation& nation, const std::string& link, Date date) {
  core::Workload workload(nation);
  auto split = analytic::linkDayByService(workload, link, date);
  if (!split)
    throw io::InputError({"command line", 0, 0}, "--link",
                         "no infrastructure link named '" + link +
                             "'; a link is named 'A -- B', as in the section Network above");
  std::string a = link.substr(0, link.find(" -- ")), b = link.substr(link.find(" -- ") + 4);
  double total = split->forward ? split->forwardBps : split->backwardBps;
  TextTable table({"service", "load", "share"});
  for (size_t s = 0; s < split->services.size(); ++s)
    if (split->bps[s] > 0)
      table.addRow({split->services[s], bitRateText(split->bps[s]),
                    fmt::format("{:.1f}%", 100 * split->bps[s] / total)});
  table.addRow({"total", bitRateText(total), "100.0%"});
  return fmt::format(
             "\nLink '{}' on {}: its busiest hour {:02}:00-{:02}:59, {} to {} (the busier "
             "direction; the other way {}), by service:\n",
             link, date.toString(), split->hour, split->hour, split->forward ? a : b,
             split->forward ? b : a,
             bitRateText(split->forward ? split->backwardBps : split->forwardBps)) +
         table.render();
}

int topology(const TopologyOptions& topologyOptions) {
  const ScenarioOptions& options = topologyOptions.scenario;
  Scenario scenario = options.loadScenario();
  Date date = options.resolveDate(scenario);
  auto start = std::chrono::steady_clock::now();
  auto nation = buildNation(scenario);
  double buildSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  TopologySummary summary = summarizeTopology(*nation, date);
  double totalSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string report = fmt::format(
      "tsunagu topology: scenario '{}' on {} ({})\n"
      "Graph over the horizon: {} vertices, {} edges ({})\n"
      "Built in {:.2f} s, analysed in {:.2f} s; peak memory {}\n\n",
      scenario.name, date.toString(), weekdayName(date.weekday()),
      grouped(double(summary.vertices)), grouped(double(summary.edges)),
      scenario.topology == TopologyKind::Custom ? "custom topology"
      : scenario.aggregate                      ? "aggregated facilities"
                                                : "every facility explicit",
      buildSeconds, totalSeconds - buildSeconds, bytesText(peakMemoryBytes()));
  report += facilitiesSection(scenario, summary) + networkSection(summary) +
            routesSection(summary) + failuresSection(summary);
  if (!topologyOptions.link.empty()) report += linkSection(*nation, topologyOptions.link, date);
  std::cout << report;
  return kExitOk;
}

}  // namespace

void addTopologyCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<TopologyOptions>();
  auto* command = app.add_subcommand(
      "topology",
      "The network at a date: counts, lines, routes per service, connectivity and "
      "single points of failure");
  options->scenario.addTo(*command, false);
  command->add_option("--link", options->link,
                      "Also show this link ('A -- B') at its busiest hour of the date, split by "
                      "service");
  command->callback([&action, options] { action = [options] { return topology(*options); }; });
}

}  // namespace tsunagu::cli
