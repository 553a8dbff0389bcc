#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "models/nation/nation.hpp"

namespace tsunagu {

using HourlySeries = std::array<double, 24>;

struct ServiceDemand {
  std::string service;
  HourlySeries transactions{};  // expected arrivals in each hour, nationally
  HourlySeries bytes{};         // request + response bytes of those arrivals
  std::map<int, HourlySeries> transactionsByPrefecture;
  std::map<int, HourlySeries> bytesByPrefecture;

  double dailyTransactions() const;
  double dailyBytes() const;
};

// Expected demand λ(origin, service, hour): national volume x the origin's share of its kind
// (weight x facilities using the service) x day weight (weekday, holiday, month, claims
// window) x hourly profile.
// (1 + growth)^k for a date k fiscal years after the fiscal year of `horizonStart`: growth is
// compounded by fiscal year, so every day of a fiscal year carries the same factor and a year's
// busy hour is not pulled towards March.
double volumeGrowthFactor(const ServiceVolume& volume, Date horizonStart, Date date);

class DemandModel {
 public:
  explicit DemandModel(const Nation& nation);

  // The volume a reference day (weight 1) carries, so the volume's period total is kept, grown
  // by the volume's growth for the fiscal years since the horizon start.
  double referenceDayVolume(const ServiceVolume& volume, Date date) const;
  double dayVolume(const ServiceVolume& volume, Date date) const;
  // The share of `volume` that origin vertex `v` generates on `date` (0..1).
  double originShare(Vertex v, const ServiceVolume& volume, Date date) const;
  std::vector<ServiceDemand> demandOn(Date date) const;

 private:
  double weightOfPeriod(const ServiceSpec& service, Date first, Date last) const;
  bool originates(Vertex v, const ServiceVolume& volume) const;

  const Nation& nation_;
  std::vector<double> eligibleWeight_;  // by index into scenario.data.volumes
};

}  // namespace tsunagu
