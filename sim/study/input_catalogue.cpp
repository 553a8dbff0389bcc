#include "sim/study/input_catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <type_traits>

namespace tsunagu::study {

namespace {

struct FieldSpec {
  FieldSpec(std::string table, std::string row, std::string field, std::string units,
            Stage stage = Stage::Plan, Scale scale = Scale::Real, std::string composition = "",
            double minimum = 0)
      : table(std::move(table)),
        row(std::move(row)),
        field(std::move(field)),
        units(std::move(units)),
        stage(stage),
        scale(scale),
        composition(std::move(composition)),
        minimum(minimum) {}
  std::string table, row, field, units;
  Stage stage;
  Scale scale;
  std::string composition;
  double minimum;
};

// Collects the fields. Each is reached in two steps: `locate` finds its record in a scenario
// (a tier, a service, a prefecture; called with a const or a mutable scenario) and `pick`
// chooses the number in that record. Whole-number fields are rounded when set.
class Catalogue {
 public:
  template <typename Locate, typename Pick>
  void add(FieldSpec spec, Locate locate, Pick pick) {
    CatalogueField f;
    f.table = std::move(spec.table);
    f.row = std::move(spec.row);
    f.field = std::move(spec.field);
    f.units = std::move(spec.units);
    f.stage = spec.stage;
    f.scale = spec.scale;
    f.composition = std::move(spec.composition);
    f.minimum = spec.minimum;
    f.get = [locate, pick](const Scenario& s) { return double(pick(locate(s))); };
    f.set = [locate, pick](Scenario& s, double value) {
      auto& number = pick(locate(s));
      using Number = std::remove_reference_t<decltype(number)>;
      if constexpr (std::is_integral_v<Number>)
        number = Number(std::lround(value));
      else
        number = Number(value);
    };
    fields.push_back(std::move(f));
  }
  std::vector<CatalogueField> fields;
};

[[noreturn]] void missing(const std::string& what) {
  throw std::logic_error("sensitivity: the scenario has no " + what);
}

std::string moneyUnits(const Money& money) {
  switch (money.period) {
    case MoneyPeriod::Month:
      return "JPY/month";
    case MoneyPeriod::Year:
      return "JPY/year";
    case MoneyPeriod::Once:
      break;
  }
  return "JPY";
}

std::string volumeUnits(VolumePeriod period) {
  return std::string("1/") + volumePeriodName(period);
}

// The record a field lives in, found again in whichever scenario copy is being varied.
template <typename S>
auto& tierIn(S& scenario, const std::string& technology, const std::string& tier) {
  auto& tiers = scenario.data.technologies.tiers();
  auto it = std::find_if(tiers.begin(), tiers.end(), [&](const TechnologyTier& t) {
    return t.technology == technology && t.tier == tier;
  });
  if (it == tiers.end()) missing("tier " + technology + "/" + tier);
  return *it;
}

template <typename S>
auto& serviceIn(S& scenario, const std::string& id) {
  auto* service = scenario.data.services.find(id);
  if (!service) missing("service " + id);
  return *service;
}

template <typename S>
auto& volumeIn(S& scenario, const std::string& service, const std::string& origin) {
  auto& volumes = scenario.data.volumes;
  auto it = std::find_if(volumes.begin(), volumes.end(), [&](const ServiceVolume& v) {
    return v.service == service && v.origin == origin;
  });
  if (it == volumes.end()) missing("volume " + service + "/" + origin);
  return *it;
}

template <typename S>
auto& profileIn(S& scenario, const std::string& name) {
  auto& profiles = scenario.data.profiles.hourProfiles;
  auto it = profiles.find(name);
  if (it == profiles.end()) missing("hour profile " + name);
  return it->second;
}

template <typename S>
auto& mixIn(S& scenario, int kind) {  // kind: a FacilityKind, or kFacilityKindCount for members
  return kind == kFacilityKindCount ? scenario.data.regionalNetworks.memberLineMix
                                    : scenario.data.lineMix[size_t(kind)];
}

void addTechnologies(const Scenario& scenario, Catalogue& c) {
  for (const auto& t : scenario.data.technologies.tiers()) {
    auto locate = [ tech = t.technology, tier = t.tier ](auto& s) -> auto& {
      return tierIn(s, tech, tier);
    };
    std::string row = t.technology + "/" + t.tier;
    c.add(
        {"technologies", row, "latency", "s"}, locate,
        [](auto& t) -> auto& { return t.latency.seconds; });
    c.add(
        {"technologies", row, "setup_cost", "JPY", Stage::Costs}, locate,
        [](auto& t) -> auto& { return t.setupCost.yen; });
    c.add(
        {"technologies", row, "monthly_cost", moneyUnits(t.monthlyCost), Stage::Costs}, locate,
        [](auto& t) -> auto& { return t.monthlyCost.yen; });
  }
}

void addServices(const Scenario& scenario, Catalogue& c) {
  for (const auto& id : scenario.services) {
    const ServiceSpec& service = serviceIn(scenario, id);
    auto locate = [id](auto& s) -> auto& {
      return serviceIn(s, id);
    };
    c.add(
        {"services", id, "request_size", "B"}, locate,
        [](auto& v) -> auto& { return v.requestSize.bytes; });
    c.add(
        {"services", id, "response_size", "B"}, locate,
        [](auto& v) -> auto& { return v.responseSize.bytes; });
    c.add(
        {"services", id, "service_time", "s", Stage::Pools}, locate,
        [](auto& v) -> auto& { return v.serviceTime.seconds; });
    c.add(
        {"services", id, "service_time_cv", "1", Stage::Pools}, locate,
        [](auto& v) -> auto& { return v.serviceTimeCv; });
    if (service.targetPercentile > 0)
      c.add(
          {"services", id, "target_response", "s", Stage::Pools}, locate,
          [](auto& v) -> auto& { return v.targetResponse.seconds; });
  }
}

void addVolumes(const Scenario& scenario, Catalogue& c) {
  for (const auto& v : scenario.data.volumes) {
    auto locate = [ service = v.service, origin = v.origin ](auto& s) -> auto& {
      return volumeIn(s, service, origin);
    };
    std::string row = v.service + "/" + v.origin;
    c.add(
        {"volumes", row, "volume", volumeUnits(v.period)}, locate,
        [](auto& v) -> auto& { return v.volume; });
    if (v.requestSize)
      c.add(
          {"volumes", row, "request_size", "B"}, locate,
          [](auto& v) -> auto& { return v.requestSize->bytes; });
  }
}

void addProfiles(const Scenario& scenario, Catalogue& c) {
  for (const auto& [name, profile] : scenario.data.profiles.hourProfiles) {
    auto locate = [name](auto& s) -> auto& {
      return profileIn(s, name);
    };
    for (size_t h = 0; h < profile.size(); ++h) {
      char field[4];
      std::snprintf(field, sizeof field, "h%02zu", h);
      c.add(
          {"hour_profiles", name, field, "1", Stage::Plan, Scale::Share, "hour_profiles:" + name},
          locate, [h](auto& p) -> auto& { return p[h]; });
    }
  }
  auto profiles = [](auto& s) -> auto& {
    return s.data.profiles;
  };
  for (int d = 0; d < kDayTypeCount; ++d)
    c.add(
        {"weekday_weights", dayTypeName(DayType(d)), "weight", "1"},
        profiles, [d](auto& p) -> auto& { return p.dayWeights[size_t(d)]; });
  c.add(
      {"weekday_weights", "after-holiday", "weight", "1"}, profiles,
      [](auto& p) -> auto& { return p.afterHolidayMultiplier; });
  for (size_t m = 0; m < 12; ++m)
    c.add(
        {"month_multipliers", std::to_string(m + 1), "multiplier", "1"},
        profiles, [m](auto& p) -> auto& { return p.monthMultipliers[m]; });
  const auto& window = scenario.data.profiles.claimsWindow;
  for (size_t d = 0; d < window.size(); ++d)
    if (window[d] > 0)  // other days carry no claims: nothing there to vary
      c.add(
          {"claims_window", std::to_string(d + 1), "weight", "1"},
          profiles, [d](auto& p) -> auto& { return p.claimsWindow[d]; });
}

void addCostItems(Catalogue& c, const CostItems& items) {
  auto costs = [](auto& s) -> auto& {
    return s.data.costs;
  };
  auto item = [&](const char* name, const Money& money, auto pick) {
    c.add({"cost_items", name, "value", moneyUnits(money), Stage::Costs}, costs, pick);
  };
  item(
      "regional_network_running", items.regionalNetworkRunning,
      [](auto& k) -> auto& { return k.regionalNetworkRunning.yen; });
  item(
      "ix_rack", items.ixRack, [](auto& k) -> auto& { return k.ixRack.yen; });
  c.add(
      {"cost_items", "ix_racks_per_center", "value", "racks", Stage::Costs, Scale::Count}, costs,
      [](auto& k) -> auto& { return k.ixRacksPerCenter; });
  item(
      "ix_center_setup", items.ixCenterSetup, [](auto& k) -> auto& { return k.ixCenterSetup.yen; });
  item(
      "server_running", items.serverRunning, [](auto& k) -> auto& { return k.serverRunning.yen; });
  item(
      "server_setup", items.serverSetup, [](auto& k) -> auto& { return k.serverSetup.yen; });
}

// The tables only the national model reads.
void addNationalTables(const Scenario& scenario, Catalogue& c) {
  const char* columns[] = {"hospitals", "clinics", "dental_clinics", "pharmacies"};
  for (const auto& p : scenario.data.prefectures) {
    auto locate = [code = p.code](auto& s) -> auto& {
      if (code < 1 || size_t(code) > s.data.prefectures.size()) missing("prefecture");
      return s.data.prefectures[size_t(code - 1)];
    };
    for (FacilityKind kind : kFacilityKinds)
      c.add(
          {"prefectures", std::to_string(p.code), columns[int(kind)], "facilities", Stage::Plan,
           Scale::Count},
          locate, [kind](auto& p) -> auto& { return p.facilities[size_t(kind)]; });
  }
  for (size_t b = 0; b < scenario.data.bedClasses.size(); ++b) {
    auto locate = [b](auto& s) -> auto& {
      return s.data.bedClasses.at(b);
    };
    const std::string& name = scenario.data.bedClasses[b].name;
    c.add(
        {"hospital_bed_classes", name, "share", "1", Stage::Plan, Scale::Share,
         "hospital_bed_classes:share"},
        locate, [](auto& k) -> auto& { return k.share; });
    c.add(
        {"hospital_bed_classes", name, "demand_weight", "1"}, locate,
        [](auto& k) -> auto& { return k.demandWeight; });
  }
  for (int kind = 0; kind <= kFacilityKindCount; ++kind) {
    std::string row =
        kind == kFacilityKindCount ? "rhin-member" : facilityKindName(FacilityKind(kind));
    auto locate = [kind](auto& s) -> auto& {
      return mixIn(s, kind);
    };
    for (const auto& [technology, share] : mixIn(scenario, kind))
      c.add(
          {"line_mix", row, technology, "1", Stage::Plan, Scale::Share, "line_mix:" + row},
          locate, [technology](auto& mix) -> auto& { return mix.at(technology); });
  }
  auto networks = [](auto& s) -> auto& {
    return s.data.regionalNetworks;
  };
  for (size_t p = 1; p <= scenario.data.prefectures.size(); ++p)
    c.add(
        {"regional_networks", std::to_string(p), "networks", "networks", Stage::Plan, Scale::Count},
        networks, [p](auto& n) -> auto& { return n.networksPerPrefecture.at(p); });
  for (FacilityKind kind : kFacilityKinds)
    c.add(
        {"regional_network_participation", facilityKindName(kind), "share", "1", Stage::Plan,
         Scale::Share},
        networks, [kind](auto& n) -> auto& { return n.participation[size_t(kind)]; });
  auto network = [](auto& s) -> auto& {
    return s.network;
  };
  // A fibre route is never shorter than the great circle: the route factor stays >= 1.
  c.add(
      {kSettingsTable, "network", "route_factor", "1", Stage::Plan, Scale::Real, "", 1.0}, network,
      [](auto& n) -> auto& { return n.routeFactor; });
  c.add(
      {kSettingsTable, "network", "fibre_delay_per_km", "s/km"}, network,
      [](auto& n) -> auto& { return n.fibreDelayPerKm.seconds; });
}

}  // namespace

const char* stageName(Stage stage) {
  switch (stage) {
    case Stage::Costs:
      return "costs";
    case Stage::Pools:
      return "pools";
    case Stage::Plan:
      break;
  }
  return "plan";
}

std::vector<CatalogueField> catalogueOf(const Scenario& scenario) {
  Catalogue c;
  if (scenario.topology == TopologyKind::National) addNationalTables(scenario, c);
  addTechnologies(scenario, c);
  addServices(scenario, c);
  addVolumes(scenario, c);
  addProfiles(scenario, c);
  addCostItems(c, scenario.data.costs);
  return std::move(c.fields);
}

FieldVocabulary vocabularyOf(const std::string& table) {
  if (table == "technologies")
    return FieldVocabulary({"capacity", "latency", "availability", "setup_cost", "monthly_cost"})
        .alias("setup", {"setup_cost"})
        .alias("costs", {"setup_cost", "monthly_cost"});
  if (table == "services")
    return FieldVocabulary({"request_size", "response_size", "size_cv", "service_time",
                            "service_time_cv", "target_percentile", "target_response"})
        .alias("sizes", {"request_size", "response_size"})
        .alias("session length", {"service_time"})
        .alias("target", {"target_percentile", "target_response"});
  if (table == "volumes")
    return FieldVocabulary({"volume", "request_size"}).alias("size", {"request_size"});
  if (table == "hospital_bed_classes")
    return FieldVocabulary({"min_beds", "max_beds", "share", "demand_weight"})
        .alias("weight", {"demand_weight"});
  if (table == "claims_window") return FieldVocabulary({"weight"}).alias("weights", {"weight"});
  if (table == "weekday_weights") return FieldVocabulary({"weight"});
  if (table == "month_multipliers") return FieldVocabulary({"multiplier"});
  if (table == "regional_networks") return FieldVocabulary({"networks"});
  if (table == "regional_network_participation") return FieldVocabulary({"share"});
  if (table == "cost_items") return FieldVocabulary({"value"});
  if (table == "prefectures")
    return FieldVocabulary({"hospitals", "clinics", "dental_clinics", "pharmacies", "lat", "lon"})
        .alias("capital", {"lat", "lon"});
  // hour_profiles (h00..h23) and line_mix (a column per technology): their texts speak for the
  // whole row.
  return FieldVocabulary({});
}

}  // namespace tsunagu::study
