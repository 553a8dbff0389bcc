#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/core/quantities.hpp"

namespace tsunagu {

enum class ServicePattern { Transaction, Batch, Bulk, Stream };
// Which way a bulk transfer or stream goes: from its origin to the service's host (the
// request size, e.g. an upload of images) or from the host to the origin (the response size,
// e.g. images fetched by a clinic).
enum class FlowDirection { Upload, Download };
// Which days carry a service's traffic: working days (weekday weights and holidays), the
// monthly claims window (5th-10th), or every day alike.
enum class DayProfile { Weekday, ClaimsWindow, Uniform };

const char* servicePatternName(ServicePattern pattern);
std::optional<ServicePattern> parseServicePattern(std::string_view name);
const char* dayProfileName(DayProfile profile);
std::optional<DayProfile> parseDayProfile(std::string_view name);

// Where a service is served: a named node (a data center or IX), or the regional-network hub
// the facility belongs to.
inline constexpr std::string_view kHostRegionalHub = "rhin-hub";

struct ServiceSpec {
  std::string id;
  std::string name;
  std::string nameJa;
  ServicePattern pattern = ServicePattern::Transaction;
  ByteSize requestSize;
  ByteSize responseSize;
  double sizeCv = 0;  // coefficient of variation of the (lognormal) sizes
  Duration serviceTime;
  double serviceTimeCv = 1.0;  // 1 = exponential service times
  std::string host;
  DayProfile dayProfile = DayProfile::Weekday;
  bool seasonal = true;  // month multipliers apply
  // Service level: the response-time percentile (e.g. 0.95) that must stay within
  // targetResponse; a percentile of 0 means no target (bulk flows, streams).
  double targetPercentile = 0;
  Duration targetResponse;
  int deadlineDay = 0;  // claims: every submission processed by 24:00 on this day (0 = none)
  BitRate minRate;      // streams: the bit rate a session needs (0 = none)
  Duration maxLatency;  // streams: the one-way network latency it tolerates (0 = none)
  FlowDirection direction = FlowDirection::Upload;  // bulk and stream services

  double bytesPerTransaction() const { return requestSize.bytes + responseSize.bytes; }
  // Claims are due by 24:00 on the 10th [S] unless the service level says another day.
  int claimsDeadlineDay() const { return deadlineDay > 0 ? deadlineDay : 10; }
};

enum class VolumePeriod { Day, Month, Year };
const char* volumePeriodName(VolumePeriod period);

// How much of a service one kind of origin generates at full adoption. A "day" volume is the
// volume of a reference day (weight 1); month and year volumes are spread over the days of
// the month or fiscal year by their weights, so the period total is kept exactly.
struct ServiceVolume {
  std::string service;
  std::string origin;  // a facility kind name, or a data center id
  double volume = 0;
  VolumePeriod period = VolumePeriod::Day;
  std::string hourProfile;
  std::optional<ByteSize> requestSize;  // overrides the service's request size for this origin
  // Compound growth a fiscal year, counted from the fiscal year of the horizon start: fiscal
  // year k of the horizon carries volume x (1 + growth)^k (0.03 = 3% a year).
  double growthPerYear = 0;
};

class ServiceCatalog {
 public:
  void add(ServiceSpec spec) { services_.push_back(std::move(spec)); }
  const ServiceSpec* find(std::string_view id) const;
  ServiceSpec* find(std::string_view id);
  std::vector<std::string> ids() const;
  const std::vector<ServiceSpec>& all() const { return services_; }
  std::vector<ServiceSpec>& all() { return services_; }

 private:
  std::vector<ServiceSpec> services_;
};

}  // namespace tsunagu
