#include "sim/io/input/config_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "sim/io/input/input_limits.hpp"

namespace tsunagu::io {

namespace {

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t substitute = diagonal + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string quoted(const std::string& s) {
  return fmt::format("'{}'", clipForMessage(s));
}

template <typename T>
T unwrap(const Parsed<T>& parsed, const ConfigNode& node, const std::string& path) {
  if (const auto* error = std::get_if<std::string>(&parsed)) fail(node, path, *error);
  return std::get<T>(parsed);
}

}  // namespace

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t bestDistance = std::numeric_limits<size_t>::max();
  for (const auto& candidate : candidates) {
    size_t d = editDistance(word, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  size_t tolerance = std::max<size_t>(2, word.size() / 3);
  return bestDistance <= tolerance ? best : std::string();
}

std::string didYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string match = closestMatch(word, candidates);
  return match.empty() ? std::string() : "; did you mean '" + match + "'?";
}

void fail(const ConfigNode& node, const std::string& path, const std::string& message) {
  throw InputError(node.where, path, message);
}

void expectKind(const ConfigNode& node, const std::string& path, ConfigNode::Kind kind,
                const char* what) {
  if (node.kind == kind) return;
  std::string got = kindName(node.kind);
  if (node.isScalar()) got.append(" " + quoted(node.scalar));
  fail(node, path, std::string("expected ") + what + ", got " + got);
}

MapReader::MapReader(const ConfigNode& node, std::string path)
    : node_(node), path_(std::move(path)) {
  expectKind(node, path_, ConfigNode::Kind::Map, "a map of names to settings");
}

MapReader::MapReader(const ConfigNode& node, std::string path,
                     std::initializer_list<const char*> allowed)
    : node_(node), path_(std::move(path)) {
  std::vector<std::string> keys(allowed.begin(), allowed.end());
  std::string keyList;
  for (const auto& k : keys) keyList += (keyList.empty() ? "" : ", ") + k;
  expectKind(node, path_, ConfigNode::Kind::Map, ("a map with keys " + keyList).c_str());
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const std::string& key = node.entries[i].first;
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    std::string hint = didYouMean(key, keys);
    if (hint.empty()) hint = "; expected one of " + keyList;
    throw InputError(node.keyLocations[i], childPath(key), "unknown key" + hint);
  }
}

const ConfigNode& MapReader::require(const std::string& key) const {
  const ConfigNode* value = node_.find(key);
  if (!value) throw InputError(node_.where, childPath(key), "this key is required but missing");
  if (value->isNull()) throw InputError(value->where, childPath(key), "this key needs a value");
  return *value;
}

std::string MapReader::childPath(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

SourceLocation MapReader::keyLocation(const std::string& key) const {
  for (size_t i = 0; i < node_.entries.size(); ++i)
    if (node_.entries[i].first == key) return node_.keyLocations[i];
  return node_.where;
}

std::string readString(const ConfigNode& node, const std::string& path) {
  expectKind(node, path, ConfigNode::Kind::Scalar, "a single value");
  return node.scalar;
}

long long readInteger(const ConfigNode& node, const std::string& path, long long min,
                      long long max) {
  std::string text = readString(node, path);
  auto parsed = parseNumber(text);
  if (!ok(parsed)) fail(node, path, "expected a whole number, got " + quoted(text));
  double value = std::get<double>(parsed);
  // Range first: casting an out-of-range double to an integer is undefined.
  if (value < double(min) || value > double(max))
    fail(node, path,
         "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
             ", got " + quoted(text));
  if (value != std::floor(value)) fail(node, path, "expected a whole number, got " + quoted(text));
  return static_cast<long long>(value);
}

double readNumber(const ConfigNode& node, const std::string& path) {
  return unwrap(parseNumber(readString(node, path)), node, path);
}

bool readBool(const ConfigNode& node, const std::string& path) {
  std::string text = readString(node, path);
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  fail(node, path, "expected true or false, got " + quoted(text));
}

Date readDate(const ConfigNode& node, const std::string& path) {
  std::string text = readString(node, path);
  auto date = Date::parse(text);
  if (!date) fail(node, path, "expected a date as YYYY-MM-DD, got " + quoted(text));
  return *date;
}

Date firstCalendarDate() {
  return Date::fromYmd(2016, 1, 1);
}

Date lastCalendarDate() {
  return Date::fromYmd(2030, 12, 31);
}

Date readCalendarDate(const ConfigNode& node, const std::string& path) {
  Date date = readDate(node, path);
  if (date < firstCalendarDate() || date > lastCalendarDate())
    fail(node, path,
         "expected a date from " + firstCalendarDate().toString() + " to " +
             lastCalendarDate().toString() + " (the calendar's range), got " + quoted(node.scalar));
  return date;
}

BitRate readBitRate(const ConfigNode& node, const std::string& path) {
  return unwrap(parseBitRate(readString(node, path)), node, path);
}

ByteSize readByteSize(const ConfigNode& node, const std::string& path) {
  return unwrap(parseByteSize(readString(node, path)), node, path);
}

Duration readDuration(const ConfigNode& node, const std::string& path) {
  return unwrap(parseDuration(readString(node, path)), node, path);
}

Money readMoney(const ConfigNode& node, const std::string& path, bool once) {
  return unwrap(parseMoney(readString(node, path), once), node, path);
}

double readShare(const ConfigNode& node, const std::string& path) {
  return unwrap(parseShare(readString(node, path)), node, path);
}

Rate readRate(const ConfigNode& node, const std::string& path) {
  return unwrap(parseRate(readString(node, path)), node, path);
}

double readGrowthRate(const ConfigNode& node, const std::string& path) {
  return unwrap(parseGrowthRate(readString(node, path)), node, path);
}

double readTimeShift(const ConfigNode& node, const std::string& path) {
  return unwrap(parseTimeShift(readString(node, path)), node, path);
}

void requireWithin(const ConfigNode& node, const std::string& path, double value, double min,
                   double max, const std::string& allowed) {
  if (value >= min && value <= max) return;
  fail(node, path, "expected " + allowed + ", got " + quoted(node.scalar));
}

std::string readChoice(const ConfigNode& node, const std::string& path,
                       const std::vector<std::string>& choices, const char* what) {
  std::string text = readString(node, path);
  if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
  std::string hint = didYouMean(text, choices);
  if (hint.empty()) {
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
    hint = "; expected one of " + list;
  }
  fail(node, path, std::string("unknown ") + what + " " + quoted(text) + hint);
}

}  // namespace tsunagu::io
