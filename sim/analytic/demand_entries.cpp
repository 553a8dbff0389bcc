#include "sim/analytic/demand_entries.hpp"

#include <algorithm>

namespace tsunagu::analytic {

std::vector<DemandEntry> demandEntries(const Scenario& scenario) {
  std::vector<DemandEntry> entries;
  const auto& volumes = scenario.data.volumes;
  for (size_t i = 0; i < volumes.size(); ++i) {
    const ServiceVolume& volume = volumes[i];
    if (std::find(scenario.services.begin(), scenario.services.end(), volume.service) ==
        scenario.services.end())
      continue;
    DemandEntry entry;
    entry.volumeIndex = i;
    entry.volume = &volume;
    entry.service = scenario.data.services.find(volume.service);
    entry.hours = &scenario.data.profiles.hourProfiles.at(volume.hourProfile);
    entry.requestBytes = volume.requestSize.value_or(entry.service->requestSize).bytes;
    entry.responseBytes = entry.service->responseSize.bytes;
    entry.kind = parseFacilityKind(volume.origin);
    entry.viaRegionalHub = entry.service->host == kHostRegionalHub;
    entries.push_back(entry);
  }
  return entries;
}

DailyVolumes::DailyVolumes(const Nation& nation, const std::vector<DemandEntry>& entries)
    : nation_(nation), entries_(entries), model_(nation) {}

double DailyVolumes::referenceDay(size_t entry, Date date) {
  const ServiceVolume& volume = *entries_[entry].volume;
  int periodKey = volume.period == VolumePeriod::Year    ? date.fiscalYear()
                  : volume.period == VolumePeriod::Month ? date.year() * 12 + int(date.month())
                                                         : 0;
  auto key = std::make_pair(entry, periodKey);
  auto it = referenceCache_.find(key);
  if (it != referenceCache_.end()) return it->second;
  double value = model_.referenceDayVolume(volume, date);
  referenceCache_.emplace(key, value);
  return value;
}

void DailyVolumes::on(Date date, std::vector<double>& perEntry) {
  const Scenario& scenario = nation_.scenario();
  const auto& data = scenario.data;
  perEntry.assign(entries_.size(), 0.0);
  for (size_t e = 0; e < entries_.size(); ++e) {
    const ServiceSpec& service = *entries_[e].service;
    if (!scenario.serviceLive(service.id, date)) continue;
    perEntry[e] = referenceDay(e, date) * data.profiles.dayWeight(service, date, data.holidays);
  }
}

}  // namespace tsunagu::analytic
