#include "sim/io/results/des_results.hpp"

#include <algorithm>

namespace tsunagu::io {

namespace {

void writeLatency(Hdf5Writer& out, const Scenario& scenario, const des::ServiceOutcome& s) {
  std::string group = "des/latency/" + s.service;
  // Bin 0 holds the values below the histogram's range (no measurable delay).
  std::vector<double> edges = {0.0};
  for (double edge : s.latency.bucketLowerEdges()) edges.push_back(edge);
  double last = edges.back() * (1 + s.latency.relativeError()) / (1 - s.latency.relativeError());
  edges.push_back(last);
  std::vector<double> counts = {double(s.latency.underflow())};
  for (auto c : s.latency.counts()) counts.push_back(double(c));
  // Trim the empty tail so files stay small; the edges keep their meaning.
  size_t used = counts.size();
  while (used > 1 && counts[used - 1] == 0) --used;
  counts.resize(used);
  edges.resize(used + 1);
  out.writeVector(group + "/edges", edges);
  out.setUnits(group + "/edges", "s");
  out.writeVector(group + "/counts", counts);
  out.setUnits(group + "/counts", "1");
  const ServiceSpec* spec = scenario.data.services.find(s.service);
  if (spec && spec->targetPercentile > 0) {
    out.setAttribute(group, "target_response", spec->targetResponse.seconds);
    out.setAttribute(group, "target_percentile", spec->targetPercentile);
  }
  // A stream's level is a rate and a network latency, not a response time: the figures say
  // which, instead of "no target".
  if (spec && spec->minRate.bitsPerSecond > 0)
    out.setAttribute(group, "target_rate", spec->minRate.bitsPerSecond);
  if (spec && spec->maxLatency.seconds > 0)
    out.setAttribute(group, "target_latency", spec->maxLatency.seconds);
  out.setAttribute(group, "overflow", 0.0);
}

void writeServiceTable(Hdf5Writer& out, const des::WindowResult& window) {
  std::vector<std::string> names;
  std::vector<std::int64_t> generated, completed, timeouts, retries, inFlight, missed, outage;
  std::vector<std::vector<std::int64_t>> failed(des::kFailureReasons);
  std::vector<double> p50, p95, p99, p999, throughput;
  double seconds = window.measuredSeconds();
  for (const auto& s : window.services) {
    names.push_back(s.service);
    generated.push_back(std::int64_t(s.generated));
    completed.push_back(std::int64_t(s.completed));
    timeouts.push_back(std::int64_t(s.timeouts));
    retries.push_back(std::int64_t(s.retries));
    inFlight.push_back(std::int64_t(s.inFlight));
    missed.push_back(std::int64_t(s.missedDeadline));
    outage.push_back(std::int64_t(s.arrivedInOutage));
    for (int r = 0; r < des::kFailureReasons; ++r)
      failed[size_t(r)].push_back(std::int64_t(s.failed[size_t(r)]));
    p50.push_back(s.latency.quantile(0.5));
    p95.push_back(s.latency.quantile(0.95));
    p99.push_back(s.latency.quantile(0.99));
    p999.push_back(s.latency.quantile(0.999));
    throughput.push_back(double(s.completed) / seconds);
  }
  out.writeStrings("des/services/name", names);
  out.writeVector("des/services/generated", generated);
  out.writeVector("des/services/completed", completed);
  out.writeVector("des/services/timeouts", timeouts);
  out.writeVector("des/services/retries", retries);
  out.writeVector("des/services/in_flight", inFlight);
  out.writeVector("des/services/missed_deadline", missed);
  out.writeVector("des/services/arrived_in_outage", outage);
  for (int r = 0; r < des::kFailureReasons; ++r)
    out.writeVector(
        std::string("des/services/failed_") + des::failureReasonName(des::FailureReason(r)),
        failed[size_t(r)]);
  for (auto [name, values] :
       {std::pair{"p50", &p50}, {"p95", &p95}, {"p99", &p99}, {"p99_9", &p999}}) {
    out.writeVector(std::string("des/services/") + name, *values);
    out.setUnits(std::string("des/services/") + name, "s");
  }
  out.writeVector("des/services/throughput", throughput);
  out.setUnits("des/services/throughput", "1/s");
}

template <typename Row>
std::vector<float> flatten(const std::vector<Row>& rows, size_t& cols) {
  cols = 0;
  for (const auto& row : rows) cols = std::max(cols, row.size());
  std::vector<float> values(rows.size() * cols, 0.0f);
  for (size_t r = 0; r < rows.size(); ++r)
    std::copy(rows[r].begin(), rows[r].end(), values.begin() + long(r * cols));
  return values;
}

void writeSeries(Hdf5Writer& out, const des::WindowResult& window) {
  std::vector<std::string> queueNames;
  std::vector<std::vector<float>> queues, busy;
  std::vector<float> backlog;
  for (const auto& pool : window.pools) {
    queueNames.push_back(pool.name);
    queues.push_back(pool.queueLength);
    busy.push_back(pool.busyServers);
    if (pool.name.rfind("claims@", 0) != 0) continue;
    backlog.resize(std::max(backlog.size(), pool.queueLength.size()), 0.0f);
    for (size_t i = 0; i < pool.queueLength.size(); ++i)
      backlog[i] += pool.queueLength[i] + pool.busyServers[i];
  }
  size_t cols = 0;
  out.writeStrings("des/queues/name", queueNames);
  auto length = flatten(queues, cols);
  out.writeMatrix("des/queues/length", length.data(), queues.size(), cols);
  out.setUnits("des/queues/length", "1");
  auto serving = flatten(busy, cols);
  out.writeMatrix("des/queues/busy_servers", serving.data(), busy.size(), cols);
  out.setUnits("des/queues/busy_servers", "1");
  std::vector<std::int64_t> servers;
  for (const auto& pool : window.pools) servers.push_back(pool.servers);
  out.writeVector("des/queues/servers", servers);
  out.writeVector("des/claims_backlog", backlog);
  out.setUnits("des/claims_backlog", "1");
  out.writeStrings("des/links/name", window.linkNames);
  auto utilisation = flatten(window.linkUtilisation, cols);
  out.writeMatrix("des/links/utilisation", utilisation.data(), window.linkUtilisation.size(), cols);
  out.setUnits("des/links/utilisation", "1");
}

}  // namespace

void writeDesResults(Hdf5Writer& out, const Scenario& scenario, const des::WindowResult& window) {
  out.createGroup("des");
  out.setAttribute("des", "start", window.first.toString() + " 00:00:00");
  out.setAttribute("des", "from_seconds", window.fromSeconds);
  out.setAttribute("des", "until_seconds", window.untilSeconds);
  out.setAttribute("des", "step_seconds", window.stepSeconds);
  out.setAttribute("des", "days", std::int64_t(window.days));
  out.setAttribute("des", "events", std::int64_t(window.events));
  out.setAttribute("des", "wall_time_seconds", window.wallSeconds);
  out.setAttribute("des", "conserved", std::int64_t(window.conserved ? 1 : 0));
  out.setAttribute("des", "transient_end_seconds", window.transientEndSeconds);
  writeServiceTable(out, window);
  for (const auto& s : window.services)
    if (s.latency.count() > 0) writeLatency(out, scenario, s);
  writeSeries(out, window);
}

}  // namespace tsunagu::io
