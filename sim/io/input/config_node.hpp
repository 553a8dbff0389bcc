#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/input/input_error.hpp"

namespace tsunagu::io {

struct ConfigEntry;

// A scenario document as a tree that remembers where every value was written, so that an
// error found after `extends:` merged several files still names the right file:line:column.
struct ConfigNode {
  enum class Kind { Null, Scalar, Map, List };

  Kind kind = Kind::Null;
  std::string scalar;
  std::vector<ConfigEntry> entries;          // Map, in written order
  std::vector<SourceLocation> keyLocations;  // Map: where each key was written
  std::vector<ConfigNode> items;             // List
  SourceLocation where;

  bool isMap() const { return kind == Kind::Map; }
  bool isList() const { return kind == Kind::List; }
  bool isScalar() const { return kind == Kind::Scalar; }
  bool isNull() const { return kind == Kind::Null; }
  const ConfigNode* find(const std::string& key) const;
};

// One key of a map and its value. Not a std::pair: a vector of pairs of the still incomplete
// ConfigNode is rejected by clang 14 with libstdc++ 12 in C++20, and the fuzz targets are built
// with clang.
struct ConfigEntry {
  ConfigEntry(std::string key, ConfigNode value)
      : first(std::move(key)), second(std::move(value)) {}
  std::string first;
  ConfigNode second;
};

const char* kindName(ConfigNode::Kind kind);

// Parses a YAML file within the limits of input_limits.hpp; syntax errors, duplicate keys and
// anchors-with-merge surprises become InputErrors with the position yaml-cpp reports. `via`
// is the `extends:` value that named the file, where problems opening it are reported.
ConfigNode loadYamlFile(const std::string& path, const SourceLocation* via = nullptr);
ConfigNode loadYamlString(const std::string& text, const std::string& name);

// Overlays `variant` on `base`: maps merge key by key, anything else is replaced, and a null
// value removes the key from the base. A service's adoption curve (adoption.<service>) and a
// kind's line mix (line_mix.<kind>) are replaced whole.
ConfigNode mergeConfig(ConfigNode base, const ConfigNode& variant);

}  // namespace tsunagu::io
