#include "sim/io/input/scenario_loader.hpp"

#include <algorithm>
#include <filesystem>

#include "sim/build_info.hpp"
#include "sim/io/input/input_limits.hpp"
#include "sim/io/input/memory_estimate.hpp"
#include "sim/io/input/reference_data_loader.hpp"
#include "sim/io/input/scenario_sections.hpp"

namespace tsunagu::io {

namespace fs = std::filesystem;

namespace {

// The earliest and latest dates the shipped holiday table supports.
const Date kFirstSupportedDate = firstCalendarDate();
const Date kLastSupportedDate = lastCalendarDate();

std::string directoryOf(const std::string& file) {
  fs::path parent = fs::path(file).parent_path();
  return parent.empty() ? "." : parent.string();
}

bool hasScenarioExtension(const fs::path& path) {
  return path.extension() == ".yaml" || path.extension() == ".yml";
}

// Checks what an `extends:` value names before anything is read: a scenario file (by its
// extension, also after symbolic links are resolved), so that a typo or a hostile scenario
// cannot make the reader take /dev/zero or /etc/passwd as a base.
void checkBaseName(const ConfigNode& via, const fs::path& named) {
  if (!hasScenarioExtension(named))
    fail(via, "extends",
         "the base scenario must be a .yaml (or .yml) file, got '" +
             clipForMessage(named.string()) + "'");
  std::error_code error;
  fs::path target = fs::canonical(named, error);
  if (error)
    fail(via, "extends",
         "the base scenario '" + clipForMessage(named.string()) + "' does not exist");
  if (!hasScenarioExtension(target))
    fail(via, "extends",
         "the base scenario '" + clipForMessage(named.string()) + "' leads to '" +
             clipForMessage(target.string()) + "', which is not a .yaml (or .yml) file");
}

// Loads a scenario file and, recursively, the bases it extends; `via` is the `extends:` value
// that led here, where a cycle, a chain too long or an unreadable base is reported.
ConfigNode loadDocument(const std::string& path, std::vector<std::string>& chain,
                        const ConfigNode* via = nullptr) {
  std::error_code error;
  std::string canonical = fs::weakly_canonical(path, error).string();
  if (error) canonical = path;
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& file : chain) cycle += fs::path(file).filename().string() + " -> ";
    throw InputError(via ? via->where : SourceLocation{path, 0, 0}, "extends",
                     "a cycle of extends: " + cycle + fs::path(path).filename().string());
  }
  if (via && int(chain.size()) >= limits::kExtendsDepth)
    fail(*via, "extends",
         "a chain of extends may have at most " + std::to_string(limits::kExtendsDepth) +
             " files; this one goes further");
  chain.push_back(canonical);
  ConfigNode doc = loadYamlFile(path, via ? &via->where : nullptr);
  if (doc.isNull())
    throw InputError({path, 1, 1}, "",
                     "the scenario file is empty; expected a map with at least the key 'name'");
  expectKind(doc, "", ConfigNode::Kind::Map, "a map of scenario settings (name, topology, ...)");
  auto extendsIt = std::find_if(doc.entries.begin(), doc.entries.end(),
                                [](const auto& e) { return e.first == "extends"; });
  if (extendsIt == doc.entries.end()) return doc;
  std::string basePath = readString(extendsIt->second, "extends");
  fs::path resolved = fs::path(directoryOf(path)) / basePath;
  checkBaseName(extendsIt->second, resolved);
  ConfigNode base = loadDocument(resolved.string(), chain, &extendsIt->second);
  size_t index = extendsIt - doc.entries.begin();
  doc.entries.erase(extendsIt);
  doc.keyLocations.erase(doc.keyLocations.begin() + index);
  return mergeConfig(std::move(base), doc);
}

// The name is also the default results file (results/NAME.h5): it must stay a file name, so
// `name: ../../x` cannot send the results outside results/.
void checkName(const ConfigNode& node, const std::string& name) {
  if (name.empty()) fail(node, "name", "the name must not be empty");
  constexpr size_t kMaxNameBytes = 100;
  bool safe = name.size() <= kMaxNameBytes && name.front() != '.' && name.front() != '-';
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || c == ':' || u < 0x20 || u == 0x7f) safe = false;
  }
  if (!safe)
    fail(node, "name",
         "the name is also the results file's name: at most 100 bytes, no '/', '\\', ':' or "
         "control characters, and not starting with '.' or '-'");
}

void readHorizon(const ConfigNode& node, Scenario& scenario) {
  MapReader horizon(node, "horizon", {"start", "end"});
  if (auto* start = horizon.find("start"))
    scenario.horizon.start = readDate(*start, "horizon.start");
  if (auto* end = horizon.find("end")) scenario.horizon.end = readDate(*end, "horizon.end");
  const auto& h = scenario.horizon;
  if (h.start < kFirstSupportedDate || h.start > kLastSupportedDate)
    fail(*horizon.find("start"), "horizon.start",
         "the horizon must lie within " + kFirstSupportedDate.toString() + ".." +
             kLastSupportedDate.toString() + " (the holiday table), got " + h.start.toString());
  if (h.end > kLastSupportedDate)
    fail(*horizon.find("end"), "horizon.end",
         "the horizon must end by " + kLastSupportedDate.toString() + " (the holiday table), got " +
             h.end.toString());
  if (h.end <= h.start) {
    const ConfigNode* end = horizon.find("end");
    fail(end ? *end : *horizon.find("start"), "horizon.end",
         "the horizon must end after it starts");
  }
}

std::string dataDirectory(const MapReader& top) {
  const ConfigNode* data = top.find("data");
  if (!data) return build_info::kDataDir;
  std::string dir = readString(*data, "data");
  fs::path resolved =
      fs::path(dir).is_absolute() ? fs::path(dir) : fs::path(directoryOf(data->where.file)) / dir;
  if (!fs::is_directory(resolved))
    fail(*data, "data",
         "the data directory '" + clipForMessage(resolved.string()) + "' does not exist");
  return resolved.string();
}

void checkEventDates(const Scenario& scenario, const ConfigNode& rollout) {
  for (const auto& event : scenario.events) {
    if (scenario.horizon.contains(event.date)) continue;
    const ConfigNode* node = rollout.find(event.id);
    fail(*node->find("date"), "rollout." + event.id + ".date",
         "the date " + event.date.toString() + " is outside the horizon " +
             scenario.horizon.start.toString() + ".." + scenario.horizon.end.toString());
  }
}

using Section = void (*)(const ConfigNode&, Scenario&);

void readIfPresent(const MapReader& top, const char* key, Section section, Scenario& scenario) {
  if (const ConfigNode* node = top.find(key); node && !node->isNull()) section(*node, scenario);
}

}  // namespace

Scenario loadScenario(const std::string& path) {
  std::vector<std::string> chain;
  ConfigNode doc = loadDocument(path, chain);
  MapReader top(doc, "",
                {"name",
                 "description",
                 "seed",
                 "population_seed",
                 "data",
                 "horizon",
                 "topology",
                 "network",
                 "ix_centers",
                 "facility_counts",
                 "bed_classes",
                 "datacenters",
                 "regional_networks",
                 "technologies",
                 "line_mix",
                 "profiles",
                 "services",
                 "volumes",
                 "adoption",
                 "rollout",
                 "planning",
                 "costs",
                 "failures",
                 "uncertainty"});
  Scenario scenario;
  scenario.files = chain;
  scenario.name = readString(top.require("name"), "name");
  checkName(top.require("name"), scenario.name);
  if (auto* d = top.find("description")) scenario.description = readString(*d, "description");
  if (auto* seed = top.find("seed"))
    scenario.seed = std::uint64_t(readInteger(*seed, "seed", 0, 9'000'000'000'000'000'000LL));
  if (auto* seed = top.find("population_seed"))
    scenario.populationSeed =
        std::uint64_t(readInteger(*seed, "population_seed", 0, 9'000'000'000'000'000'000LL));
  scenario.dataDirectory = dataDirectory(top);
  scenario.data = loadReferenceData(scenario.dataDirectory);
  readIfPresent(top, "horizon", readHorizon, scenario);
  readIfPresent(top, "facility_counts", sections::readFacilityCounts, scenario);
  readIfPresent(top, "bed_classes", sections::readBedClasses, scenario);
  readIfPresent(top, "datacenters", sections::readDataCenters, scenario);
  readIfPresent(top, "regional_networks", sections::readRegionalNetworks, scenario);
  readIfPresent(top, "technologies", sections::readTechnologies, scenario);
  readIfPresent(top, "line_mix", sections::readLineMix, scenario);
  readIfPresent(top, "profiles", sections::readProfiles, scenario);
  const ConfigNode& topology = top.require("topology");
  sections::readTopology(topology, scenario);
  readIfPresent(top, "network", sections::readNetwork, scenario);
  readIfPresent(top, "ix_centers", sections::readIxCenters, scenario);
  // A section left out is read as an empty one placed at the top of the scenario, so that
  // what it lacks is still reported with a location.
  ConfigNode absent;
  absent.where = doc.where;
  const ConfigNode* services = top.find("services");
  sections::readServices(services ? *services : absent, scenario);
  sections::readCustomJoins(topology, scenario);
  const ConfigNode* volumes = top.find("volumes");
  if (volumes || scenario.topology == TopologyKind::Custom) {
    ConfigNode none = absent;
    none.kind = ConfigNode::Kind::Map;
    sections::readVolumes(volumes ? *volumes : none, scenario);
  }
  readIfPresent(top, "adoption", sections::readAdoption, scenario);
  readIfPresent(top, "uncertainty", sections::readUncertainty, scenario);
  readIfPresent(top, "planning", sections::readPlanning, scenario);
  readIfPresent(top, "costs", sections::readCosts, scenario);
  readIfPresent(top, "failures", sections::readFailures, scenario);
  if (auto* rollout = top.find("rollout"); rollout && !rollout->isNull()) {
    sections::readRollout(*rollout, scenario);
    checkEventDates(scenario, *rollout);
  }
  checkMemoryBudget(scenario, doc);
  return scenario;
}

}  // namespace tsunagu::io
