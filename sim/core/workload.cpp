#include "sim/core/workload.hpp"

#include <algorithm>

namespace tsunagu::core {

namespace {

std::vector<DemandEntry> demandEntries(const Scenario& scenario) {
  std::vector<DemandEntry> entries;
  const auto& volumes = scenario.data.volumes;
  for (size_t i = 0; i < volumes.size(); ++i) {
    const ServiceVolume& volume = volumes[i];
    auto modelled = std::find(scenario.services.begin(), scenario.services.end(), volume.service);
    if (modelled == scenario.services.end()) continue;
    DemandEntry entry;
    entry.volumeIndex = i;
    entry.volume = &volume;
    entry.service = scenario.data.services.find(volume.service);
    entry.serviceId = ServiceId(size_t(modelled - scenario.services.begin()));
    entry.hours = &scenario.data.profiles.hourProfiles.at(volume.hourProfile);
    entry.requestBytes = volume.requestSize.value_or(entry.service->requestSize).bytes;
    entry.responseBytes = entry.service->responseSize.bytes;
    entry.kind = parseFacilityKind(volume.origin);
    entry.viaRegionalHub = entry.service->host == kHostRegionalHub;
    entries.push_back(entry);
  }
  return entries;
}

}  // namespace

Workload::Workload(const Nation& nation)
    : nation_(nation), entries_(demandEntries(nation.scenario())), model_(nation) {}

double Workload::referenceDay(size_t entry, Date date) const {
  const ServiceVolume& volume = *entries_[entry].volume;
  // A day volume changes only with its growth, by fiscal year.
  int periodKey = volume.period == VolumePeriod::Month ? date.year() * 12 + int(date.month())
                                                       : date.fiscalYear();
  auto key = std::make_pair(entry, periodKey);
  auto it = referenceCache_.find(key);
  if (it != referenceCache_.end()) return it->second;
  double value = model_.referenceDayVolume(volume, date);
  referenceCache_.emplace(key, value);
  return value;
}

const std::vector<double>& Workload::perDay(Date date) const {
  if (lastDay_ && lastDate_ == date) return *lastDay_;
  auto it = days_.find(date);
  if (it == days_.end()) it = days_.emplace(date, computeDay(date)).first;
  lastDate_ = date;
  lastDay_ = &it->second;
  return it->second;
}

std::vector<double> Workload::computeDay(Date date) const {
  const Scenario& scenario = nation_.scenario();
  const auto& data = scenario.data;
  std::vector<double> perEntry(entries_.size(), 0.0);
  for (size_t e = 0; e < entries_.size(); ++e) {
    const ServiceSpec& service = *entries_[e].service;
    if (!scenario.serviceLive(service.id, date)) continue;
    perEntry[e] = referenceDay(e, date) * data.profiles.dayWeight(service, date, data.holidays);
  }
  return perEntry;
}

void Workload::perHour(Date date, int hour, std::vector<double>& perEntry) const {
  perEntry.resize(entries_.size());
  for (size_t e = 0; e < entries_.size(); ++e) perEntry[e] = perHour(e, date, hour);
}

}  // namespace tsunagu::core
