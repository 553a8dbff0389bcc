#pragma once

#include <map>
#include <optional>
#include <vector>

#include "models/demand/demand_model.hpp"
#include "sim/core/ids.hpp"

namespace tsunagu::core {

// One row of the volume table as the engines use it: which service, from which origin, with
// which hourly shape and message sizes (the origin's request size where it overrides the
// service's).
struct DemandEntry {
  size_t volumeIndex = 0;  // into scenario.data.volumes
  const ServiceVolume* volume = nullptr;
  const ServiceSpec* service = nullptr;
  ServiceId serviceId;  // position of the service in scenario.services
  const HourProfile* hours = nullptr;
  double requestBytes = 0;
  double responseBytes = 0;
  std::optional<FacilityKind> kind;  // facility origins; empty for a data-center origin
  bool viaRegionalHub = false;
};

// The demand of a run, built once and shared by every engine: the entries, and the expected
// transactions of each entry per day and per hour (national volume x adoption x day weight x
// hourly profile). Days are computed once and kept; not safe to share across threads.
class Workload {
 public:
  explicit Workload(const Nation& nation);

  const Nation& nation() const { return nation_; }
  const std::vector<DemandEntry>& entries() const { return entries_; }
  const DemandEntry& entry(size_t e) const { return entries_[e]; }
  size_t size() const { return entries_.size(); }

  // Transactions per day of each entry on `date` (zero before its service goes live).
  const std::vector<double>& perDay(Date date) const;
  // Transactions in hour `hour` (0-23) of `date`: the one hourly rate of the code base.
  double perHour(size_t entry, Date date, int hour) const {
    return perDay(date)[entry] * (*entries_[entry].hours)[hour];
  }
  void perHour(Date date, int hour, std::vector<double>& perEntry) const;

 private:
  double referenceDay(size_t entry, Date date) const;
  std::vector<double> computeDay(Date date) const;

  const Nation& nation_;
  std::vector<DemandEntry> entries_;
  DemandModel model_;
  mutable std::map<std::pair<size_t, int>, double> referenceCache_;  // (entry, period key)
  mutable std::map<Date, std::vector<double>> days_;
  mutable const std::vector<double>* lastDay_ = nullptr;  // engines ask for one day many times
  mutable Date lastDate_;
};

}  // namespace tsunagu::core
