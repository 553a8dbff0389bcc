#include "sim/io/results/results_file.hpp"

#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/build_info.hpp"
#include "sim/io/results/des_results.hpp"
#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {

namespace {

std::string sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string localTimeNow() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[64];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S%z", &local);
  std::string iso = text;  // ISO 8601 wants the offset as +09:00
  if (iso.size() >= 5) iso.insert(iso.size() - 2, ":");
  return iso;
}

template <typename T>
void writeTable(Hdf5Writer& out, const std::string& path, const analytic::Table<T>& table,
                const std::string& units) {
  out.writeMatrix(path, table.values.data(), table.rows, table.cols);
  out.setUnits(path, units);
}

}  // namespace

void writeManifest(Hdf5Writer& out, const std::string& scenarioName, const Manifest& m,
                   const std::string& kind) {
  out.setAttribute("/", "format", std::string("tsunagu-results"));
  out.setAttribute("/", "format_version", std::int64_t(kResultsFormatVersion));
  out.setAttribute("/", "kind", kind);
  out.createGroup("manifest");
  out.writeStrings("manifest/scenario_files", m.scenarioFiles);
  out.writeStrings("manifest/scenario_texts", m.scenarioTexts);
  out.setAttribute("manifest", "scenario_name", scenarioName);
  out.setAttribute("manifest", "scenario_sha256", m.scenarioSha256);
  out.setAttribute("manifest", "data_directory", m.dataDirectory);
  out.setAttribute("manifest", "data_sha256", m.dataSha256);
  out.setAttribute("manifest", "seed", std::int64_t(m.seed));
  out.setAttribute("manifest", "population_seed", std::int64_t(m.populationSeed));
  out.setAttribute("manifest", "tsunagu_version", std::string(build_info::kVersion));
  out.setAttribute("manifest", "git_commit", std::string(build_info::kGitCommit));
  out.setAttribute("manifest", "host", m.host);
  out.setAttribute("manifest", "start_time", m.startTime);
  out.setAttribute("manifest", "wall_time_seconds", m.wallSeconds);
  out.setAttribute("manifest", "command", m.command);
  if (m.inputs.empty()) return;
  std::vector<std::string> roles, paths, sums;
  for (const auto& input : m.inputs) {
    roles.push_back(input.role);
    paths.push_back(input.path);
    sums.push_back(input.sha256);
  }
  out.writeStrings("manifest/input_roles", roles);
  out.writeStrings("manifest/input_files", paths);
  out.writeStrings("manifest/input_sha256", sums);
}

namespace {

void writeTime(Hdf5Writer& out, const analytic::PlanResult& plan) {
  out.createGroup("time");
  out.setAttribute("time", "start_date", plan.start.toString());
  out.setAttribute("time", "hours", std::int64_t(plan.hours));
  out.setAttribute("time", "time_zone", std::string("Asia/Tokyo"));
  out.setAttribute("time", "rollout_states", std::int64_t(plan.states));
  out.setAttribute("time", "utilisation_target", plan.utilisationTarget);
  out.setAttribute("time", "peak_interval_seconds", plan.peakRule.intervalSeconds);
  out.setAttribute("time", "peak_percentile", plan.peakRule.percentile);
  out.setAttribute("time", "peak_target", plan.peakRule.target);
  std::vector<std::int32_t> years(plan.fiscalYears.begin(), plan.fiscalYears.end());
  out.writeVector("time/fiscal_years", years);
}

void writeLinks(Hdf5Writer& out, const analytic::LinkResults& links) {
  out.writeStrings("links/name", links.names);
  out.writeStrings("links/role", links.roles);
  out.writeStrings("links/technology", links.technologies);
  out.writeVector("links/capacity", links.capacityBps);
  out.setUnits("links/capacity", "bit/s");
  writeTable(out, "links/forward", links.forwardBps, "bit/s");
  writeTable(out, "links/backward", links.backwardBps, "bit/s");
  // The busiest minute and five minutes of each hour (at time/peak_percentile).
  for (size_t i = 0; i < links.forwardPeakBps.size(); ++i) {
    std::string interval = i == 0 ? "1min" : "5min";
    writeTable(out, "links/forward_peak_" + interval, links.forwardPeakBps[i], "bit/s");
    writeTable(out, "links/backward_peak_" + interval, links.backwardPeakBps[i], "bit/s");
  }
  writeTable(out, "links/busy_peak", links.busyPeakBps, "bit/s");
  writeTable(out, "links/busy", links.busyBps, "bit/s");
  writeTable(out, "links/mean", links.meanBps, "bit/s");
  writeTable(out, "links/busy_hour", links.busyHour, "h");
  writeTable(out, "links/busy_by_service", links.busyByServiceBps, "bit/s");
  writeTable(out, "links/peak_utilisation", links.peakUtilisation, "1");
  std::vector<std::string> tiers;
  for (const auto& row : links.tierNeeded) tiers.insert(tiers.end(), row.begin(), row.end());
  out.writeStrings("links/tier_needed", tiers);
  out.setAttribute("links/tier_needed", "shape", std::string("links x fiscal_years, row-major"));
  out.writeStrings("links/first_breach", links.firstBreach);
}

void writePools(Hdf5Writer& out, const analytic::PoolResults& pools) {
  out.writeStrings("pools/name", pools.names);
  out.writeStrings("pools/service", pools.services);
  out.writeStrings("pools/host", pools.hosts);
  writeTable(out, "pools/arrivals", pools.arrivalsPerSecond, "1/s");
  writeTable(out, "pools/busy_arrivals", pools.busyArrivals, "1/s");
  writeTable(out, "pools/servers", pools.servers, "1");
  writeTable(out, "pools/servers_needed", pools.serversNeeded, "1");
  writeTable(out, "pools/utilisation", pools.utilisation, "1");
  writeTable(out, "pools/wait_probability", pools.waitProbability, "1");
  writeTable(out, "pools/mean_response", pools.meanResponse, "s");
  writeTable(out, "pools/p95_response", pools.p95Response, "s");
  writeTable(out, "pools/p99_response", pools.p99Response, "s");
  out.writeStrings("pools/first_breach", pools.firstBreach);
}

void writeAccess(Hdf5Writer& out, const analytic::PlanResult& plan) {
  std::vector<std::int32_t> years, facilities, prefectures, worstYears;
  std::vector<std::string> kinds, technologies, names, worstKinds, worstTechnologies;
  std::vector<double> p50, p95, max, utilisation;
  for (const auto& row : plan.accessClasses) {
    years.push_back(row.fiscalYear);
    kinds.push_back(row.kind);
    technologies.push_back(row.technology);
    facilities.push_back(row.facilities);
    p50.push_back(row.p50);
    p95.push_back(row.p95);
    max.push_back(row.max);
  }
  out.writeVector("access/classes/fiscal_year", years);
  out.writeStrings("access/classes/kind", kinds);
  out.writeStrings("access/classes/technology", technologies);
  out.writeVector("access/classes/facilities", facilities);
  for (auto [name, values] : {std::pair{"p50", &p50}, {"p95", &p95}, {"max", &max}}) {
    out.writeVector(std::string("access/classes/") + name, *values);
    out.setUnits(std::string("access/classes/") + name, "1");
  }
  for (const auto& row : plan.worstFacilities) {
    worstYears.push_back(row.fiscalYear);
    names.push_back(row.facility);
    worstKinds.push_back(row.kind);
    worstTechnologies.push_back(row.technology);
    prefectures.push_back(row.prefecture);
    utilisation.push_back(row.utilisation);
  }
  out.writeVector("access/worst/fiscal_year", worstYears);
  out.writeStrings("access/worst/facility", names);
  out.writeStrings("access/worst/kind", worstKinds);
  out.writeStrings("access/worst/technology", worstTechnologies);
  out.writeVector("access/worst/prefecture", prefectures);
  out.writeVector("access/worst/utilisation", utilisation);
  out.setUnits("access/worst/utilisation", "1");
}

void writeServices(Hdf5Writer& out, const analytic::ServiceResults& s) {
  out.writeStrings("services/name", s.names);
  writeTable(out, "services/transactions", s.transactions, "1");
  writeTable(out, "services/bytes", s.bytes, "B");
  writeTable(out, "services/users", s.users, "1");
  writeTable(out, "services/routed_users", s.routedUsers, "1");
  writeTable(out, "services/users_by_kind", s.usersByKind, "1");
  out.setAttribute(
      "services/users_by_kind", "shape",
      std::string(
          "(services x kinds) x fiscal_years; kinds: hospital, clinic, dental-clinic, pharmacy"));
  out.writeStrings("services/kinds", {"hospital", "clinic", "dental-clinic", "pharmacy"});
  writeTable(out, "services/network_latency", s.networkLatencyMs, "ms");
  writeTable(out, "services/response_p95", s.responseP95Seconds, "s");
}

void writeCosts(Hdf5Writer& out, const analytic::CostResults& c) {
  out.writeStrings("costs/component", c.components);
  writeTable(out, "costs/initial", c.initialYen, "JPY");
  writeTable(out, "costs/running", c.runningYen, "JPY");
  struct Series {
    const char* name;
    const std::vector<double>* values;
    const char* units;
  };
  for (const Series& series :
       {Series{"total", &c.totalYen, "JPY"}, Series{"transactions", &c.transactions, "1"},
        Series{"yen_per_transaction", &c.yenPerTransaction, "JPY"},
        Series{"consolidation_saving", &c.consolidationSavingYen, "JPY"}}) {
    out.writeVector(std::string("costs/") + series.name, *series.values);
    out.setUnits(std::string("costs/") + series.name, series.units);
  }
  out.setAttribute("costs", "net_present_value", c.netPresentValueYen);
  out.setAttribute("costs", "net_present_value_units", std::string("JPY"));
  out.setAttribute("costs", "discount_rate", c.discountRate);
}

}  // namespace

// The data tables a run used, hashed in file-name order so a run can be matched to them.
std::string fileSha256(const std::string& path) {
  return sha256Hex(readText(path));
}

std::string dataTablesSha256(const std::string& directory) {
  std::vector<std::filesystem::path> tables;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.path().extension() == ".csv") tables.push_back(entry.path());
  std::sort(tables.begin(), tables.end());
  std::string all;
  for (const auto& table : tables)
    all += table.filename().string() + "\n" + readText(table.string());
  return sha256Hex(all);
}

Manifest makeManifest(const Scenario& scenario, std::uint64_t seed, const std::string& command) {
  Manifest m;
  m.scenarioFiles = scenario.files;
  m.dataDirectory = scenario.dataDirectory;
  m.dataSha256 = dataTablesSha256(scenario.dataDirectory);
  std::string all;
  for (const auto& file : scenario.files) {
    m.scenarioTexts.push_back(readText(file));
    all += m.scenarioTexts.back();
  }
  m.scenarioSha256 = sha256Hex(all);
  m.seed = seed;
  m.populationSeed = scenario.populationSeed;
  m.command = command;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  m.host = host;
  m.startTime = localTimeNow();
  return m;
}

void writePlanResults(const std::string& path, const analytic::PlanResult& plan,
                      const Manifest& manifest, const Scenario* scenario,
                      const des::WindowResult* window,
                      const std::function<void(Hdf5Writer&)>& extra) {
  Hdf5Writer out = Hdf5Writer::create(path);
  writeManifest(out, plan.scenarioName, manifest, "plan");
  writeTime(out, plan);
  writeLinks(out, plan.links);
  writePools(out, plan.pools);
  writeAccess(out, plan);
  writeServices(out, plan.services);
  writeCosts(out, plan.costs);
  if (window && scenario) writeDesResults(out, *scenario, *window);
  if (extra) extra(out);
  out.commit();
}

void writeSimulationResults(const std::string& path, const Scenario& scenario,
                            const des::WindowResult& window, const Manifest& manifest) {
  Hdf5Writer out = Hdf5Writer::create(path);
  writeManifest(out, scenario.name, manifest, "simulation");
  writeDesResults(out, scenario, window);
  out.commit();
}

}  // namespace tsunagu::io
