#include "sim/des/isolated/isolated_window.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <stdexcept>

#include "models/nation/nation_builder.hpp"
#include "sim/core/child_process.hpp"

namespace tsunagu::des {

const WindowSummary::Service* WindowSummary::service(const std::string& name) const {
  for (const auto& s : services)
    if (s.name == name) return &s;
  return nullptr;
}

WindowSummary summarise(const Scenario& scenario, const WindowResult& result) {
  WindowSummary summary;
  for (const auto& outcome : result.services) {
    WindowSummary::Service s;
    s.name = outcome.service;
    s.generated = outcome.generated;
    s.completed = outcome.completed;
    s.failed = outcome.failedTotal();
    s.timeouts = outcome.timeouts;
    s.inFlight = outcome.inFlight;
    s.missedDeadline = outcome.missedDeadline;
    if (outcome.completed > 0) {
      s.mean = outcome.latency.mean();
      s.p50 = outcome.latency.quantile(0.5);
      s.p95 = outcome.latency.quantile(0.95);
      s.p99 = outcome.latency.quantile(0.99);
      const ServiceSpec* spec = scenario.data.services.find(outcome.service);
      if (spec && spec->targetPercentile > 0)
        s.atTarget = outcome.latency.quantile(spec->targetPercentile);
    }
    summary.services.push_back(s);
  }
  // Link utilisation is sampled every step; service levels speak of hours.
  size_t perHour = std::max<size_t>(1, size_t(std::lround(3600.0 / result.stepSeconds)));
  for (size_t l = 0; l < result.linkNames.size(); ++l) {
    const auto& series = result.linkUtilisation[l];
    double busiest = 0;
    for (size_t first = 0; first < series.size(); first += perHour) {
      size_t last = std::min(series.size(), first + perHour);
      double sum = 0;
      for (size_t k = first; k < last; ++k) sum += series[k];
      busiest = std::max(busiest, sum / double(last - first));
    }
    summary.links.push_back({result.linkNames[l], busiest});
  }
  for (const auto& pool : result.pools) {
    WindowSummary::Pool p{pool.name, pool.servers, 0, 0};
    for (float q : pool.queueLength) p.maxQueue = std::max(p.maxQueue, double(q));
    double busy = 0;
    for (float b : pool.busyServers) busy += b;
    if (!pool.busyServers.empty() && pool.servers > 0)
      p.utilisation = busy / double(pool.busyServers.size()) / pool.servers;
    summary.pools.push_back(p);
  }
  summary.measuredSeconds = result.measuredSeconds();
  summary.transientSeconds = result.transientEndSeconds;
  summary.totalQueue = result.totalQueue;
  summary.totalQueueStart = result.totalQueueStart - result.fromSeconds;
  summary.stepSeconds = result.stepSeconds;
  summary.events = result.events;
  summary.wallSeconds = result.wallSeconds;
  summary.conserved = result.conserved;
  return summary;
}

namespace {

// Names never contain tabs or newlines (they are node and service ids).
std::string encode(const WindowSummary& summary) {
  std::ostringstream out;
  out.precision(17);
  out << "window\t" << summary.events << '\t' << summary.wallSeconds << '\t' << summary.conserved
      << '\t' << summary.measuredSeconds << '\t' << summary.transientSeconds << '\n';
  for (const auto& s : summary.services)
    out << "service\t" << s.name << '\t' << s.generated << '\t' << s.completed << '\t' << s.failed
        << '\t' << s.timeouts << '\t' << s.inFlight << '\t' << s.missedDeadline << '\t' << s.mean
        << '\t' << s.p50 << '\t' << s.p95 << '\t' << s.p99 << '\t' << s.atTarget << '\n';
  for (const auto& l : summary.links)
    out << "link\t" << l.name << '\t' << l.busiestHourUtilisation << '\n';
  out << "queue\t" << summary.totalQueueStart << '\t' << summary.stepSeconds;
  for (float q : summary.totalQueue) out << '\t' << q;
  out << '\n';
  for (const auto& p : summary.pools)
    out << "pool\t" << p.name << '\t' << p.servers << '\t' << p.maxQueue << '\t' << p.utilisation
        << '\n';
  out << "end\n";
  return out.str();
}

WindowSummary decode(const std::string& text) {
  WindowSummary summary;
  std::istringstream in(text);
  std::string line;
  bool complete = false;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string kind;
    std::getline(fields, kind, '\t');
    if (kind == "window") {
      fields >> summary.events >> summary.wallSeconds >> summary.conserved >>
          summary.measuredSeconds >> summary.transientSeconds;
    } else if (kind == "service") {
      WindowSummary::Service s;
      std::getline(fields, s.name, '\t');
      fields >> s.generated >> s.completed >> s.failed >> s.timeouts >> s.inFlight >>
          s.missedDeadline >> s.mean >> s.p50 >> s.p95 >> s.p99 >> s.atTarget;
      summary.services.push_back(s);
    } else if (kind == "link") {
      WindowSummary::Link l;
      std::getline(fields, l.name, '\t');
      fields >> l.busiestHourUtilisation;
      summary.links.push_back(l);
    } else if (kind == "queue") {
      fields >> summary.totalQueueStart >> summary.stepSeconds;
      for (float q; fields >> q;) summary.totalQueue.push_back(q);
    } else if (kind == "pool") {
      WindowSummary::Pool p;
      std::getline(fields, p.name, '\t');
      fields >> p.servers >> p.maxQueue >> p.utilisation;
      summary.pools.push_back(p);
    } else if (kind == "end") {
      complete = true;
    }
  }
  if (!complete) throw std::runtime_error("a simulation process ended without its results");
  return summary;
}

struct Child {
  pid_t pid = -1;
  int fd = -1;
};

Child start(const IsolatedRun& run) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("cannot create a pipe for a simulation process");
  pid_t pid = core::runInChild([&run, &fds] {
    close(fds[0]);
    auto nation = buildNation(run.scenario);
    core::Workload workload(*nation);
    std::string text =
        encode(summarise(run.scenario, simulateWindow(workload, run.design, run.options)));
    for (size_t sent = 0; sent < text.size();) {
      ssize_t n = write(fds[1], text.data() + sent, text.size() - sent);
      if (n <= 0) return 3;
      sent += size_t(n);
    }
    close(fds[1]);
    return 0;
  });
  close(fds[1]);
  return {pid, fds[0]};
}

WindowSummary collect(Child child) {
  std::string text;
  char buffer[65536];
  ssize_t n;
  while ((n = read(child.fd, buffer, sizeof buffer)) > 0) text.append(buffer, size_t(n));
  close(child.fd);
  if (int code = core::waitForChild(child.pid); code != 0)
    throw std::runtime_error("a simulation process failed (exit code " + std::to_string(code) +
                             ")");
  return decode(text);
}

}  // namespace

WindowSummary simulateIsolated(const Scenario& scenario, const core::Design& design,
                               const WindowOptions& options) {
  return simulateIsolated({IsolatedRun{scenario, design, options}}, 1).front();
}

std::vector<WindowSummary> simulateIsolated(const std::vector<IsolatedRun>& runs, int jobs) {
  std::vector<WindowSummary> results(runs.size());
  std::map<size_t, Child> running;
  size_t next = 0;
  // Children are collected in order; the pipe of each is read to its end before waiting, so a
  // child never blocks on a full pipe for long (the others keep running meanwhile).
  for (size_t done = 0; done < runs.size(); ++done) {
    while (next < runs.size() && running.size() < size_t(std::max(1, jobs)))
      running.emplace(next, start(runs[next])), ++next;
    auto it = running.find(done);
    results[done] = collect(it->second);
    running.erase(it);
  }
  return results;
}

}  // namespace tsunagu::des
