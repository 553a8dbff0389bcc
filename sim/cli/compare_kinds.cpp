#include "sim/cli/compare_kinds.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "sim/io/input/input_error.hpp"
#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::cli {

namespace {

std::string scenarioOf(const io::Hdf5Reader& in) {
  return in.attributeString("manifest", "scenario_name").value_or("?");
}

void requireGroup(const io::Hdf5Reader& in, const std::string& file, const std::string& group,
                  const std::string& why) {
  if (!in.exists(group)) throw io::InputError({file, 0, 0}, "", why);
}

// A figure of every file from per-file maps column -> value (absent: n/a).
Figure figureOf(std::string name, std::string unit, int decimals,
                const std::vector<std::string>& labels, const std::vector<std::string>& columns,
                const std::vector<std::map<std::string, double>>& values) {
  Figure figure{std::move(name), std::move(unit), decimals, labels, {}};
  for (const auto& byColumn : values) {
    std::vector<double> row;
    for (const auto& column : columns) {
      auto it = byColumn.find(column);
      row.push_back(it == byColumn.end() ? std::nan("") : it->second);
    }
    figure.values.push_back(row);
  }
  return figure;
}

// Per file, per column: the figures of one table read into maps (name -> column -> value).
using Columns = std::map<std::string, std::map<std::string, double>>;

Columns sizingColumns(const io::Hdf5Reader& in) {
  Columns c;
  auto years = in.readVector<std::int32_t>("sizing/years/fiscal_year");
  auto column = [&](const char* dataset) { return in.readVector<double>(dataset); };
  auto links = column("sizing/years/links_yearly_cost"),
       servers = column("sizing/years/servers_yearly_cost"),
       setup = column("sizing/years/setup_cost"), total = column("sizing/years/total_cost");
  auto agrees = in.readVector<std::int32_t>("sizing/years/des_agrees");
  auto rounds = in.readVector<std::int32_t>("sizing/years/des_rounds");
  for (size_t i = 0; i < years.size(); ++i) {
    std::string y = std::to_string(years[i]);
    c["total"][y] = total[i] / 1e6;
    c["links"][y] = links[i] / 1e6;
    c["servers cost"][y] = servers[i] / 1e6;
    c["setup"][y] = setup[i] / 1e6;
    if (rounds[i] > 0) c["agrees"][y] = agrees[i];
    c["servers"][y] = 0;
    c["bought"][y] = 0;
    c["not met"][y] = 0;
  }
  if (in.exists("sizing/pools/fiscal_year")) {
    auto year = in.readVector<std::int32_t>("sizing/pools/fiscal_year");
    auto count = in.readVector<std::int32_t>("sizing/pools/servers");
    auto met = in.readVector<std::int32_t>("sizing/pools/met");
    for (size_t i = 0; i < year.size(); ++i) {
      c["servers"][std::to_string(year[i])] += count[i];
      c["not met"][std::to_string(year[i])] += met[i] == 0;
    }
  }
  if (in.exists("sizing/links/fiscal_year")) {
    auto year = in.readVector<std::int32_t>("sizing/links/fiscal_year");
    auto bought = in.readVector<std::int32_t>("sizing/links/new_purchase");
    auto met = in.readVector<std::int32_t>("sizing/links/met");
    for (size_t i = 0; i < year.size(); ++i) {
      c["bought"][std::to_string(year[i])] += bought[i];
      c["not met"][std::to_string(year[i])] += met[i] == 0;
    }
  }
  return c;
}

}  // namespace

std::string resultsKind(const std::string& file) {
  auto in = io::Hdf5Reader::open(file);
  if (in.attributeString("/", "format").value_or("") != "tsunagu-results")
    throw io::InputError({file, 0, 0}, "", "not a tsunagu results file (no 'format' attribute)");
  return in.attributeString("/", "kind").value_or("?");
}

FigureSet sizingFigures(const std::vector<std::string>& files) {
  FigureSet set;
  set.columnName = "fiscal_year";
  set.columnPrefix = "FY";
  set.files = files;
  std::vector<std::string> labels;
  std::vector<Columns> all;
  std::set<int> years;
  for (const auto& file : files) {
    auto in = io::Hdf5Reader::open(file);
    requireGroup(in, file, "sizing/years", "a sizing file without its table sizing/years");
    labels.push_back(scenarioOf(in));
    all.push_back(sizingColumns(in));
    for (const auto& [year, value] : all.back()["total"]) years.insert(std::stoi(year));
  }
  for (int y : years) set.columns.push_back(std::to_string(y));
  auto add = [&](const char* key, std::string name, std::string unit, int decimals) {
    std::vector<std::map<std::string, double>> values;
    for (auto& c : all) values.push_back(c[key]);
    set.figures.push_back(
        figureOf(std::move(name), std::move(unit), decimals, labels, set.columns, values));
  };
  add("total", "total cost of the year", "¥M", 1);
  add("links", "links, running", "¥M", 1);
  add("servers cost", "servers, running", "¥M", 1);
  add("setup", "set-up (bought that year)", "¥M", 1);
  add("servers", "central servers", "", 0);
  add("bought", "links bought or changed", "", 0);
  add("not met", "levels not met", "", 0);
  add("agrees", "DES agrees (1 yes, 0 capacity added; n/a no check)", "", 0);
  return set;
}

FigureSet simulationFigures(const std::vector<std::string>& files) {
  FigureSet set;
  set.columnName = "service";
  set.files = files;
  std::vector<std::string> labels;
  std::vector<Columns> all;
  for (const auto& file : files) {
    auto in = io::Hdf5Reader::open(file);
    requireGroup(in, file, "des/services",
                 "a simulation without the group des (replications?): compare replicated "
                 "windows with `tsunagu compare --paired`");
    labels.push_back(scenarioOf(in));
    Columns c;
    auto names = in.readStrings("des/services/name");
    auto count = [&](const std::string& d) {
      return in.readVector<std::int64_t>("des/services/" + d);
    };
    auto generated = count("generated"), completed = count("completed"),
         timeouts = count("failed_timeout"), noRoute = count("failed_no-route"),
         linkFailure = count("failed_link-failure"), late = count("missed_deadline");
    auto p50 = in.readVector<double>("des/services/p50"),
         p95 = in.readVector<double>("des/services/p95"),
         p99 = in.readVector<double>("des/services/p99");
    for (size_t s = 0; s < names.size(); ++s) {
      if (generated[s] == 0) continue;  // not live in the window: every figure n/a
      const std::string& n = names[s];
      if (std::find(set.columns.begin(), set.columns.end(), n) == set.columns.end())
        set.columns.push_back(n);
      c["generated"][n] = double(generated[s]);
      c["completed"][n] = double(completed[s]);
      c["failed"][n] = double(timeouts[s] + noRoute[s] + linkFailure[s]);
      c["late"][n] = double(late[s]);
      if (completed[s] == 0) continue;
      c["p50"][n] = p50[s] * 1e3;
      c["p95"][n] = p95[s] * 1e3;
      c["p99"][n] = p99[s] * 1e3;
    }
    all.push_back(c);
  }
  auto add = [&](const char* key, std::string name, std::string unit, int decimals) {
    std::vector<std::map<std::string, double>> values;
    for (auto& c : all) values.push_back(c[key]);
    set.figures.push_back(
        figureOf(std::move(name), std::move(unit), decimals, labels, set.columns, values));
  };
  add("generated", "transactions generated", "", 0);
  add("completed", "completed", "", 0);
  add("failed", "failed", "", 0);
  add("late", "late (after the claims deadline)", "", 0);
  add("p50", "latency p50", "ms", 1);
  add("p95", "latency p95", "ms", 1);
  add("p99", "latency p99", "ms", 1);
  return set;
}

std::string compareHeading(const std::string& kind, const std::vector<std::string>& files) {
  std::string text =
      fmt::format("tsunagu compare: {} {}s, differences against the first\n", files.size(), kind);
  for (const auto& file : files) {
    auto in = io::Hdf5Reader::open(file);
    std::string what =
        kind == "simulation"
            ? fmt::format("{} day(s) from {}", in.attributeInt("des", "days").value_or(0),
                          in.attributeString("des", "start").value_or("?").substr(0, 10))
            : in.attributeString("manifest", "command").value_or("");
    text += fmt::format("  {}: {} ({})\n", scenarioOf(in), file, what);
  }
  return text + "\n";
}

}  // namespace tsunagu::cli
