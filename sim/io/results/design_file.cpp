#include "sim/io/results/design_file.hpp"

#include <fmt/core.h>

#include "sim/io/input/input_error.hpp"
#include "sim/io/results/hdf5_file.hpp"

namespace tsunagu::io {

void writeDesign(Hdf5Writer& out, const std::string& group, const core::Design& design) {
  std::vector<std::string> names, tiers, services, hosts;
  std::vector<std::int32_t> lines, servers;
  std::vector<double> capacity;
  for (const auto& [name, link] : design.links()) {
    names.push_back(name);
    tiers.push_back(link.tier);
    lines.push_back(link.lines);
    capacity.push_back(link.capacityBps);
  }
  for (const auto& [pool, count] : design.pools()) {
    services.push_back(pool.first);
    hosts.push_back(pool.second);
    servers.push_back(count);
  }
  out.createGroup(group + "/links");
  out.writeStrings(group + "/links/names", names);
  out.writeStrings(group + "/links/tiers", tiers);
  out.writeVector(group + "/links/lines", lines);
  out.writeVector(group + "/links/capacity_bps", capacity);
  out.setUnits(group + "/links/capacity_bps", "bit/s");
  out.createGroup(group + "/pools");
  out.writeStrings(group + "/pools/services", services);
  out.writeStrings(group + "/pools/hosts", hosts);
  out.writeVector(group + "/pools/servers", servers);
}

namespace {

core::Design readGroup(const Hdf5Reader& in, const std::string& group) {
  auto bad = [&](const std::string& why) {
    return InputError({in.path(), 0, 0}, "--design", group + ": " + why);
  };
  core::Design design;
  auto names = in.readStrings(group + "/links/names");
  auto tiers = in.readStrings(group + "/links/tiers");
  auto lines = in.readVector<std::int32_t>(group + "/links/lines");
  auto capacity = in.readVector<double>(group + "/links/capacity_bps");
  if (tiers.size() != names.size() || lines.size() != names.size() ||
      capacity.size() != names.size())
    throw bad("the link datasets differ in length");
  for (size_t i = 0; i < names.size(); ++i)
    design.setLink(names[i], {tiers[i], lines[i], capacity[i]});
  auto services = in.readStrings(group + "/pools/services");
  auto hosts = in.readStrings(group + "/pools/hosts");
  auto servers = in.readVector<std::int32_t>(group + "/pools/servers");
  if (hosts.size() != services.size() || servers.size() != services.size())
    throw bad("the pool datasets differ in length");
  for (size_t i = 0; i < services.size(); ++i) design.setServers(services[i], hosts[i], servers[i]);
  return design;
}

}  // namespace

core::Design readDesign(const std::string& path, int fiscalYear) {
  Hdf5Reader in = Hdf5Reader::open(path);
  if (!in.exists("designs"))
    throw InputError({path, 0, 0}, "--design",
                     "the file holds no design (write one with 'tsunagu size')");
  auto years = in.readVector<std::int32_t>("designs/fiscal_years");
  std::string group = fmt::format("designs/FY{}", fiscalYear);
  if (years.size() == 1) group = fmt::format("designs/FY{}", years.front());
  if (!in.exists(group)) {
    std::string known;
    for (int year : years) known += (known.empty() ? "FY" : ", FY") + std::to_string(year);
    throw InputError({path, 0, 0}, "--design",
                     fmt::format("no design for FY{} (the file has {})", fiscalYear, known));
  }
  return readGroup(in, group);
}

}  // namespace tsunagu::io
