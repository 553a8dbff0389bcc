#include "sim/io/input/reference_data_loader.hpp"

#include <cmath>
#include <string_view>

#include "sim/io/input/csv_table.hpp"
#include "sim/io/input/units.hpp"

namespace tsunagu::io {

namespace {

using Row = CsvTable::Row;

template <typename T>
T cell(const CsvTable& table, const Row& row, const std::string& column,
       Parsed<T> (*parser)(std::string_view)) {
  auto parsed = parser(table.field(row, column));
  if (const auto* error = std::get_if<std::string>(&parsed)) table.fail(row, column, *error);
  return std::get<T>(parsed);
}

double number(const CsvTable& t, const Row& r, const std::string& c) {
  return cell<double>(t, r, c, parseNumber);
}

int integer(const CsvTable& t, const Row& r, const std::string& c) {
  double value = number(t, r, c);
  if (value != std::floor(value) || value < 0 || value > 2e9)
    t.fail(r, c, "expected a non-negative whole number, got '" + t.field(r, c) + "'");
  return int(value);
}

double share(const CsvTable& t, const Row& r, const std::string& c) {
  return cell<double>(t, r, c, parseShare);
}

FacilityKind facilityKind(const CsvTable& t, const Row& r, const std::string& c) {
  auto kind = parseFacilityKind(t.field(r, c));
  if (!kind) t.fail(r, c, "expected hospital, clinic, dental-clinic or pharmacy");
  return *kind;
}

std::string path(const std::string& dir, const char* name) {
  return dir + "/" + name;
}

void loadPrefectures(const std::string& dir, ReferenceData& data) {
  auto table =
      CsvTable::load(path(dir, "prefectures.csv"),
                     {"code", "name", "name_ja", "region", "carrier_area", "capital", "lat", "lon",
                      "hospitals", "clinics", "dental_clinics", "pharmacies"});
  for (const auto& row : table.rows()) {
    Prefecture p;
    p.code = integer(table, row, "code");
    if (p.code != int(data.prefectures.size()) + 1)
      table.fail(row, "code", "prefectures must be listed in JIS order 1..47");
    p.name = table.field(row, "name");
    p.nameJa = table.field(row, "name_ja");
    p.region = table.field(row, "region");
    p.carrierArea = table.field(row, "carrier_area");
    if (p.carrierArea != "east" && p.carrierArea != "west")
      table.fail(row, "carrier_area", "expected east or west");
    p.capital = table.field(row, "capital");
    p.latitude = number(table, row, "lat");
    p.longitude = number(table, row, "lon");
    p.facilities = {integer(table, row, "hospitals"), integer(table, row, "clinics"),
                    integer(table, row, "dental_clinics"), integer(table, row, "pharmacies")};
    data.prefectures.push_back(p);
  }
  if (data.prefectures.size() != 47)
    throw InputError({table.file(), 0, 0}, "", "expected 47 prefectures");
}

void loadBedClasses(const std::string& dir, ReferenceData& data) {
  auto table = CsvTable::load(path(dir, "hospital_bed_classes.csv"),
                              {"class", "min_beds", "max_beds", "share", "demand_weight"});
  double total = 0;
  for (const auto& row : table.rows()) {
    BedClass c{table.field(row, "class"), integer(table, row, "min_beds"),
               integer(table, row, "max_beds"), share(table, row, "share"),
               number(table, row, "demand_weight")};
    total += c.share;
    data.bedClasses.push_back(c);
  }
  if (std::fabs(total - 1.0) > 1e-6)
    throw InputError({table.file(), 0, 0}, "share", "bed-class shares must sum to 1");
}

void loadHolidays(const std::string& dir, ReferenceData& data) {
  auto table = CsvTable::load(path(dir, "holidays.csv"), {"date", "name", "kind"});
  for (const auto& row : table.rows()) {
    auto date = Date::parse(table.field(row, "date"));
    if (!date) table.fail(row, "date", "expected a date as YYYY-MM-DD");
    data.holidays.add(*date, {table.field(row, "name"), table.field(row, "kind")});
  }
}

void loadTechnologies(const std::string& dir, ReferenceData& data) {
  auto table = CsvTable::load(
      path(dir, "technologies.csv"),
      {"technology", "tier", "capacity", "latency", "availability", "setup_cost", "monthly_cost"});
  for (const auto& row : table.rows()) {
    TechnologyTier tier;
    tier.technology = table.field(row, "technology");
    tier.tier = table.field(row, "tier");
    tier.capacity = cell<BitRate>(table, row, "capacity", parseBitRate);
    tier.latency = cell<Duration>(table, row, "latency", parseDuration);
    tier.availability = share(table, row, "availability");
    auto once = [](std::string_view s) { return parseMoney(s, true); };
    auto recurring = [](std::string_view s) { return parseMoney(s, false); };
    tier.setupCost = cell<Money>(table, row, "setup_cost", once);
    tier.monthlyCost = cell<Money>(table, row, "monthly_cost", recurring);
    if (tier.capacity.bitsPerSecond <= 0) table.fail(row, "capacity", "capacity must be positive");
    data.technologies.add(tier);
  }
}

void loadLineMix(const std::string& dir, ReferenceData& data) {
  auto table = CsvTable::load(path(dir, "line_mix.csv"), {"kind", kNoLine});
  for (const auto& row : table.rows()) {
    LineMix mix;
    double total = 0;
    for (const auto& column : table.header()) {
      // `range` is for sensitivity studies (sim/io/input/source_notes.cpp), not a technology.
      if (column == "kind" || column == "source" || column == "range") continue;
      if (column != kNoLine && !data.technologies.hasTechnology(column))
        table.fail(row, column, "unknown technology column '" + column + "'");
      double s = share(table, row, column);
      total += s;
      if (s > 0) mix[column] = s;
    }
    if (std::fabs(total - 1.0) > 1e-6) table.fail(row, "kind", "line shares must sum to 1");
    const std::string& kind = table.field(row, "kind");
    if (kind == "rhin-member")
      data.regionalNetworks.memberLineMix = mix;
    else
      data.lineMix[static_cast<int>(facilityKind(table, row, "kind"))] = mix;
  }
}

void loadProfiles(const std::string& dir, ReferenceData& data) {
  auto hours = CsvTable::load(path(dir, "hour_profiles.csv"), {"profile"});
  for (const auto& row : hours.rows()) {
    HourProfile profile{};
    double total = 0;
    for (int h = 0; h < 24; ++h) {
      char column[4];
      std::snprintf(column, sizeof column, "h%02d", h);
      profile[h] = number(hours, row, column);
      total += profile[h];
    }
    if (std::fabs(total - 1.0) > 1e-6) hours.fail(row, "profile", "hourly shares must sum to 1");
    for (double& share : profile) share /= total;  // rounding in the table must not leak volume
    data.profiles.hourProfiles[hours.field(row, "profile")] = profile;
  }
  auto days = CsvTable::load(path(dir, "weekday_weights.csv"), {"day", "weight"});
  for (const auto& row : days.rows()) {
    const std::string& day = days.field(row, "day");
    double weight = number(days, row, "weight");
    if (day == "after-holiday") {
      data.profiles.afterHolidayMultiplier = weight;
      continue;
    }
    int index = -1;
    for (int i = 0; i < kDayTypeCount; ++i)
      if (day == dayTypeName(static_cast<DayType>(i))) index = i;
    if (index < 0) days.fail(row, "day", "expected monday..sunday, holiday or after-holiday");
    data.profiles.dayWeights[index] = weight;
  }
  auto months = CsvTable::load(path(dir, "month_multipliers.csv"), {"month", "multiplier"});
  for (const auto& row : months.rows()) {
    int month = integer(months, row, "month");
    if (month < 1 || month > 12) months.fail(row, "month", "expected a month 1..12");
    data.profiles.monthMultipliers[month - 1] = number(months, row, "multiplier");
  }
  auto window = CsvTable::load(path(dir, "claims_window.csv"), {"day", "weight"});
  for (const auto& row : window.rows()) {
    int day = integer(window, row, "day");
    if (day < 1 || day > 31) window.fail(row, "day", "expected a day of the month 1..31");
    data.profiles.claimsWindow[day - 1] = number(window, row, "weight");
  }
}

void loadDataCenters(const std::string& dir, ReferenceData& data) {
  auto table = CsvTable::load(path(dir, "datacenters.csv"), {"id", "name", "prefecture"});
  for (const auto& row : table.rows())
    data.datacenters.push_back(
        {table.field(row, "id"), table.field(row, "name"), integer(table, row, "prefecture")});
}

void loadServices(const std::string& dir, ReferenceData& data) {
  auto table =
      CsvTable::load(path(dir, "services.csv"),
                     {"service", "name", "name_ja", "pattern", "request_size", "response_size",
                      "size_cv", "service_time", "host", "day_profile", "seasonal"});
  for (const auto& row : table.rows()) {
    ServiceSpec s;
    s.id = table.field(row, "service");
    s.name = table.field(row, "name");
    s.nameJa = table.field(row, "name_ja");
    auto pattern = parseServicePattern(table.field(row, "pattern"));
    if (!pattern) table.fail(row, "pattern", "expected transaction, batch, bulk or stream");
    s.pattern = *pattern;
    s.requestSize = cell<ByteSize>(table, row, "request_size", parseByteSize);
    s.responseSize = cell<ByteSize>(table, row, "response_size", parseByteSize);
    s.sizeCv = number(table, row, "size_cv");
    s.serviceTime = cell<Duration>(table, row, "service_time", parseDuration);
    s.serviceTimeCv = number(table, row, "service_time_cv");
    if (!table.field(row, "target_percentile").empty()) {
      s.targetPercentile = share(table, row, "target_percentile");
      s.targetResponse = cell<Duration>(table, row, "target_response", parseDuration);
    }
    s.host = table.field(row, "host");
    auto profile = parseDayProfile(table.field(row, "day_profile"));
    if (!profile) table.fail(row, "day_profile", "expected weekday, claims-window or uniform");
    s.dayProfile = *profile;
    s.seasonal = table.field(row, "seasonal") == "yes";
    data.services.add(s);
  }
}

void loadVolumes(const std::string& dir, ReferenceData& data) {
  auto table = CsvTable::load(path(dir, "volumes.csv"),
                              {"service", "origin", "volume", "hour_profile", "request_size"});
  for (const auto& row : table.rows()) {
    ServiceVolume v;
    v.service = table.field(row, "service");
    if (!data.services.find(v.service)) table.fail(row, "service", "unknown service");
    v.origin = table.field(row, "origin");
    if (!parseFacilityKind(v.origin) && !data.datacenter(v.origin))
      table.fail(row, "origin", "expected a facility kind or a data center id");
    Rate rate = cell<Rate>(table, row, "volume", parseRate);
    v.volume = rate.volume;
    v.period = rate.period;
    v.hourProfile = table.field(row, "hour_profile");
    if (!data.profiles.hourProfiles.count(v.hourProfile))
      table.fail(row, "hour_profile", "unknown hour profile");
    if (!table.field(row, "request_size").empty())
      v.requestSize = cell<ByteSize>(table, row, "request_size", parseByteSize);
    data.volumes.push_back(v);
  }
}

void loadRegionalNetworks(const std::string& dir, ReferenceData& data) {
  auto counts = CsvTable::load(path(dir, "regional_networks.csv"), {"prefecture", "networks"});
  for (const auto& row : counts.rows()) {
    int code = integer(counts, row, "prefecture");
    if (code < 1 || code > 47) counts.fail(row, "prefecture", "expected a prefecture code 1..47");
    data.regionalNetworks.networksPerPrefecture[code] = integer(counts, row, "networks");
  }
  auto shares = CsvTable::load(path(dir, "regional_network_participation.csv"), {"kind", "share"});
  for (const auto& row : shares.rows())
    data.regionalNetworks.participation[static_cast<int>(facilityKind(shares, row, "kind"))] =
        share(shares, row, "share");
}

void loadCostItems(const std::string& dir, ReferenceData& data) {
  auto table = CsvTable::load(path(dir, "cost_items.csv"), {"item", "value"});
  auto once = [](std::string_view s) { return parseMoney(s, true); };
  auto recurring = [](std::string_view s) { return parseMoney(s, false); };
  CostItems& costs = data.costs;
  for (const auto& row : table.rows()) {
    const std::string& item = table.field(row, "item");
    if (item == "regional_network_running")
      costs.regionalNetworkRunning = cell<Money>(table, row, "value", recurring);
    else if (item == "ix_rack")
      costs.ixRack = cell<Money>(table, row, "value", recurring);
    else if (item == "ix_racks_per_center")
      costs.ixRacksPerCenter = integer(table, row, "value");
    else if (item == "ix_center_setup")
      costs.ixCenterSetup = cell<Money>(table, row, "value", once);
    else if (item == "server_running")
      costs.serverRunning = cell<Money>(table, row, "value", recurring);
    else if (item == "server_setup")
      costs.serverSetup = cell<Money>(table, row, "value", once);
    else
      table.fail(row, "item", "unknown cost item '" + item + "'");
  }
}

}  // namespace

ReferenceData loadReferenceData(const std::string& directory) {
  ReferenceData data;
  loadPrefectures(directory, data);
  loadBedClasses(directory, data);
  loadHolidays(directory, data);
  loadTechnologies(directory, data);
  loadLineMix(directory, data);
  loadProfiles(directory, data);
  loadDataCenters(directory, data);
  loadServices(directory, data);
  loadVolumes(directory, data);
  loadRegionalNetworks(directory, data);
  loadCostItems(directory, data);
  return data;
}

}  // namespace tsunagu::io
