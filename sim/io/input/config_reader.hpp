#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "models/core/date.hpp"
#include "models/core/quantities.hpp"
#include "sim/io/input/config_node.hpp"
#include "sim/io/input/units.hpp"

namespace tsunagu::io {

// Reads one map of a scenario strictly: every key must be one of `allowed`, or the error
// names the closest allowed key ("did you mean ...?").
class MapReader {
 public:
  MapReader(const ConfigNode& node, std::string path, std::initializer_list<const char*> allowed);
  // A map whose keys are free-form names (service ids, event ids...): no key check.
  MapReader(const ConfigNode& node, std::string path);

  const ConfigNode* find(const std::string& key) const { return node_.find(key); }
  const ConfigNode& require(const std::string& key) const;
  std::string childPath(const std::string& key) const;
  const std::string& path() const { return path_; }
  const ConfigNode& node() const { return node_; }
  SourceLocation keyLocation(const std::string& key) const;

 private:
  const ConfigNode& node_;
  std::string path_;
};

[[noreturn]] void fail(const ConfigNode& node, const std::string& path, const std::string& message);
void expectKind(const ConfigNode& node, const std::string& path, ConfigNode::Kind kind,
                const char* what);

std::string readString(const ConfigNode& node, const std::string& path);
long long readInteger(const ConfigNode& node, const std::string& path, long long min,
                      long long max);
double readNumber(const ConfigNode& node, const std::string& path);
bool readBool(const ConfigNode& node, const std::string& path);
Date readDate(const ConfigNode& node, const std::string& path);
// A date the calendar covers (the holiday table: 2016-01-01 .. 2030-12-31), for dates that
// may lie before or after the horizon (adoption points, joins, a link's since and until).
Date readCalendarDate(const ConfigNode& node, const std::string& path);
Date firstCalendarDate();
Date lastCalendarDate();
BitRate readBitRate(const ConfigNode& node, const std::string& path);
ByteSize readByteSize(const ConfigNode& node, const std::string& path);
Duration readDuration(const ConfigNode& node, const std::string& path);
Money readMoney(const ConfigNode& node, const std::string& path, bool once);
double readShare(const ConfigNode& node, const std::string& path);
Rate readRate(const ConfigNode& node, const std::string& path);
double readGrowthRate(const ConfigNode& node, const std::string& path);  // a fraction a year
double readTimeShift(const ConfigNode& node, const std::string& path);   // days
// Fails unless min <= value <= max, saying `allowed` (the range in the user's units, such as
// "a target from 1% to 100%") and quoting what was written.
void requireWithin(const ConfigNode& node, const std::string& path, double value, double min,
                   double max, const std::string& allowed);

// One of `choices`, with a "did you mean" hint otherwise.
std::string readChoice(const ConfigNode& node, const std::string& path,
                       const std::vector<std::string>& choices, const char* what);

// The closest of `candidates` to `word` if it is a plausible typo, else empty.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);
std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace tsunagu::io
