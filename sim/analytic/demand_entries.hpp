#pragma once

#include <map>
#include <optional>
#include <vector>

#include "models/demand/demand_model.hpp"

namespace tsunagu::analytic {

// One row of the volume table as the planner uses it: which service, from which origin, with
// which hourly shape and message sizes.
struct DemandEntry {
  size_t volumeIndex = 0;  // into scenario.data.volumes
  const ServiceVolume* volume = nullptr;
  const ServiceSpec* service = nullptr;
  const HourProfile* hours = nullptr;
  double requestBytes = 0;
  double responseBytes = 0;
  std::optional<FacilityKind> kind;  // facility origins; empty for a data-center origin
  bool viaRegionalHub = false;
};

std::vector<DemandEntry> demandEntries(const Scenario& scenario);

// Transactions per day of each entry (zero before its service goes live), with the volume of
// a reference day cached per month or fiscal year.
class DailyVolumes {
 public:
  DailyVolumes(const Nation& nation, const std::vector<DemandEntry>& entries);
  void on(Date date, std::vector<double>& perEntry);

 private:
  double referenceDay(size_t entry, Date date);

  const Nation& nation_;
  const std::vector<DemandEntry>& entries_;
  DemandModel model_;
  std::map<std::pair<size_t, int>, double> referenceCache_;  // (entry, period key)
};

}  // namespace tsunagu::analytic
