#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "models/calendar/holiday_calendar.hpp"
#include "models/demand/profiles.hpp"
#include "models/facilities/facility.hpp"
#include "models/network/technology.hpp"
#include "models/services/service.hpp"

namespace tsunagu {

struct DataCenter {
  std::string id;
  std::string name;
  int prefecture = 13;
};

// Technology shares: technology name -> share (0..1); "none" means no line at all.
using LineMix = std::map<std::string, double>;
inline constexpr const char* kNoLine = "none";

struct RegionalNetworkData {
  std::array<int, 48> networksPerPrefecture{};  // indexed by prefecture code
  std::array<double, kFacilityKindCount> participation{};
  LineMix memberLineMix;  // how members reach their network's hub
};

// Unit costs the planner adds to the line and port costs of the technology table.
struct CostItems {
  Money regionalNetworkRunning{13'400'000, MoneyPeriod::Year};  // per regional network
  Money ixRack{250'000, MoneyPeriod::Month};
  int ixRacksPerCenter = 4;
  Money ixCenterSetup{50'000'000, MoneyPeriod::Once};
  Money serverRunning{1'200'000, MoneyPeriod::Year};
  Money serverSetup{2'000'000, MoneyPeriod::Once};
};

// Every default number the model uses, as loaded from models/data/ and then overridden by the
// scenario. Plain data: the loaders live in sim/io.
struct ReferenceData {
  std::vector<Prefecture> prefectures;  // in JIS order
  std::vector<BedClass> bedClasses;
  HolidayCalendar holidays;
  TechnologyCatalog technologies;
  std::array<LineMix, kFacilityKindCount> lineMix;  // access lines at the start of the horizon
  ServiceCatalog services;
  std::vector<ServiceVolume> volumes;
  DemandProfiles profiles;
  std::vector<DataCenter> datacenters;
  RegionalNetworkData regionalNetworks;
  CostItems costs;

  const Prefecture* prefecture(int code) const;
  const DataCenter* datacenter(const std::string& id) const;
  int totalFacilities(FacilityKind kind) const;
};

}  // namespace tsunagu
