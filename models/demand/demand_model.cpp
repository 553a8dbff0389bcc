#include "models/demand/demand_model.hpp"

#include <cmath>

namespace tsunagu {

namespace {

double sum(const HourlySeries& series) {
  double total = 0;
  for (double x : series) total += x;
  return total;
}

Date lastDayOfMonth(Date date) {
  int year = date.year();
  unsigned month = date.month();
  Date firstOfNext =
      month == 12 ? Date::fromYmd(year + 1, 1, 1) : Date::fromYmd(year, month + 1, 1);
  return firstOfNext.plusDays(-1);
}

}  // namespace

double volumeGrowthFactor(const ServiceVolume& volume, Date horizonStart, Date date) {
  if (volume.growthPerYear == 0) return 1.0;
  return std::pow(1.0 + volume.growthPerYear, date.fiscalYear() - horizonStart.fiscalYear());
}

double ServiceDemand::dailyTransactions() const {
  return sum(transactions);
}
double ServiceDemand::dailyBytes() const {
  return sum(bytes);
}

DemandModel::DemandModel(const Nation& nation) : nation_(nation) {
  const auto& volumes = nation.scenario().data.volumes;
  eligibleWeight_.assign(volumes.size(), 0.0);
  const NationGraph& g = nation.graph();
  for (Vertex v : boost::make_iterator_range(boost::vertices(g)))
    for (size_t i = 0; i < volumes.size(); ++i)
      if (originates(v, volumes[i])) eligibleWeight_[i] += g[v].weight * g[v].count;
}

bool DemandModel::originates(Vertex v, const ServiceVolume& volume) const {
  const VertexInfo& info = nation_.graph()[v];
  if (info.kind != NodeKind::Facility) return nation_.name(v) == volume.origin;
  if (volume.origin != facilityKindName(info.facilityKind)) return false;
  const ServiceSpec* service = nation_.scenario().data.services.find(volume.service);
  return service->host != kHostRegionalHub || nation_.regionalHub(v).has_value();
}

double DemandModel::weightOfPeriod(const ServiceSpec& service, Date first, Date last) const {
  const auto& data = nation_.scenario().data;
  double total = 0;
  for (Date d = first; d <= last; d = d.plusDays(1))
    total += data.profiles.dayWeight(service, d, data.holidays);
  return total;
}

double DemandModel::referenceDayVolume(const ServiceVolume& volume, Date date) const {
  const Scenario& scenario = nation_.scenario();
  const ServiceSpec& service = *scenario.data.services.find(volume.service);
  double grown = volume.volume * volumeGrowthFactor(volume, scenario.horizon.start, date);
  double periodWeight = 1.0;
  switch (volume.period) {
    case VolumePeriod::Day:
      return grown;
    case VolumePeriod::Month:
      periodWeight = weightOfPeriod(service, Date::fromYmd(date.year(), date.month(), 1),
                                    lastDayOfMonth(date));
      break;
    case VolumePeriod::Year:
      periodWeight = weightOfPeriod(service, fiscalYearStart(date.fiscalYear()),
                                    fiscalYearStart(date.fiscalYear() + 1).plusDays(-1));
      break;
  }
  return periodWeight > 0 ? grown / periodWeight : 0.0;
}

double DemandModel::dayVolume(const ServiceVolume& volume, Date date) const {
  const auto& data = nation_.scenario().data;
  const ServiceSpec& service = *data.services.find(volume.service);
  return referenceDayVolume(volume, date) * data.profiles.dayWeight(service, date, data.holidays);
}

double DemandModel::originShare(Vertex v, const ServiceVolume& volume, Date date) const {
  if (!originates(v, volume) || !nation_.scenario().serviceLive(volume.service, date)) return 0.0;
  const VertexInfo& info = nation_.graph()[v];
  if (info.kind != NodeKind::Facility) return 1.0;
  size_t index = &volume - nation_.scenario().data.volumes.data();
  double users = nation_.usersOn(v, volume.service, date);
  return eligibleWeight_[index] > 0 ? info.weight * users / eligibleWeight_[index] : 0.0;
}

std::vector<ServiceDemand> DemandModel::demandOn(Date date) const {
  const Scenario& scenario = nation_.scenario();
  const NationGraph& g = nation_.graph();
  std::vector<ServiceDemand> result;
  for (const auto& id : scenario.services) {
    ServiceDemand demand;
    demand.service = id;
    const ServiceSpec& service = *scenario.data.services.find(id);
    for (const auto& volume : scenario.data.volumes) {
      if (volume.service != id || !scenario.serviceLive(id, date)) continue;
      double daily = dayVolume(volume, date);
      const HourProfile& profile = scenario.data.profiles.hourProfiles.at(volume.hourProfile);
      double bytesEach =
          volume.requestSize.value_or(service.requestSize).bytes + service.responseSize.bytes;
      for (Vertex v : boost::make_iterator_range(boost::vertices(g))) {
        double share = originShare(v, volume, date);
        if (share <= 0) continue;
        auto& tx = demand.transactionsByPrefecture[g[v].prefecture];
        auto& bytes = demand.bytesByPrefecture[g[v].prefecture];
        for (int h = 0; h < 24; ++h) {
          double arrivals = daily * share * profile[h];
          tx[h] += arrivals;
          bytes[h] += arrivals * bytesEach;
          demand.transactions[h] += arrivals;
          demand.bytes[h] += arrivals * bytesEach;
        }
      }
    }
    result.push_back(std::move(demand));
  }
  return result;
}

}  // namespace tsunagu
