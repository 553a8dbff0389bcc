#include "sim/io/input/config_node.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <unordered_set>

#include "sim/io/input/input_limits.hpp"

namespace tsunagu::io {

const ConfigNode* ConfigNode::find(const std::string& key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

const char* kindName(ConfigNode::Kind kind) {
  switch (kind) {
    case ConfigNode::Kind::Null:
      return "nothing";
    case ConfigNode::Kind::Scalar:
      return "a single value";
    case ConfigNode::Kind::Map:
      return "a map";
    case ConfigNode::Kind::List:
      return "a list";
  }
  return "?";
}

namespace {

SourceLocation locationOf(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

// Turns yaml-cpp's graph into a ConfigNode tree. yaml-cpp shares an aliased node instead of
// copying it, so the tree can be exponentially larger than the file (an alias bomb) or
// infinite (`a: &a {b: *a}`): the depth and the number of values are bounded as they expand.
class TreeBuilder {
 public:
  TreeBuilder(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  ConfigNode build(const YAML::Node& node, const std::string& path, int depth) {
    SourceLocation where = locate(node.Mark());
    if (depth > limits::kNesting)
      throw InputError(where, path,
                       "the scenario nests deeper than " + std::to_string(limits::kNesting) +
                           " levels (or an alias refers to itself)");
    if (++values_ > limits::kValues)
      throw InputError(where, path,
                       "the scenario has more than " + std::to_string(limits::kValues) +
                           " values once aliases are expanded (each use of an alias counts)");
    ConfigNode out;
    out.where = where;
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = ConfigNode::Kind::Null;
        break;
      case YAML::NodeType::Scalar:
        checkQuoteClosed(node);
        out.kind = ConfigNode::Kind::Scalar;
        out.scalar = node.Scalar();
        break;
      case YAML::NodeType::Sequence:
        out.kind = ConfigNode::Kind::List;
        for (size_t i = 0; i < node.size(); ++i)
          out.items.push_back(build(node[i], path + "[" + std::to_string(i) + "]", depth + 1));
        break;
      case YAML::NodeType::Map:
        out.kind = ConfigNode::Kind::Map;
        for (const auto& entry : node) addEntry(out, entry.first, entry.second, path, depth);
        break;
    }
    return out;
  }

 private:
  void addEntry(ConfigNode& map, const YAML::Node& keyNode, const YAML::Node& valueNode,
                const std::string& path, int depth) {
    SourceLocation keyWhere = locate(keyNode.Mark());
    if (!keyNode.IsScalar())
      throw InputError(keyWhere, path,
                       "a map key must be a plain name, not " +
                           std::string(keyNode.IsMap() ? "a map" : "a list"));
    checkQuoteClosed(keyNode);
    std::string key = keyNode.Scalar();
    std::string keyPath = path.empty() ? key : path + "." + key;
    if (map.find(key))
      throw InputError(keyWhere, keyPath, "the key is given twice in the same map");
    ConfigNode value = build(valueNode, keyPath, depth + 1);
    // yaml-cpp places an empty value at the next token, which may be lines away.
    if (value.isNull()) value.where = keyWhere;
    map.entries.emplace_back(key, std::move(value));
    map.keyLocations.push_back(keyWhere);
  }

  // yaml-cpp accepts a quoted scalar that runs to the end of the file; reject it as YAML does.
  // Each written scalar is scanned once, however often aliases repeat it.
  void checkQuoteClosed(const YAML::Node& node) {
    if (node.Mark().is_null()) return;
    size_t start = size_t(node.Mark().pos);
    if (start >= text_.size() || (text_[start] != '"' && text_[start] != '\'')) return;
    if (!checked_.insert(start).second) return;
    char quote = text_[start];
    for (size_t i = start + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        bool doubledSingle = quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'';
        if (!doubledSingle) return;
        ++i;
      }
    }
    throw InputError(locationOf(node.Mark(), file_), "",
                     "not valid YAML: a quoted value is never closed");
  }

  // A value yaml-cpp gives no mark (an implicit null) is placed at the last one that had one.
  SourceLocation locate(const YAML::Mark& mark) {
    if (!mark.is_null()) last_ = locationOf(mark, file_);
    return last_;
  }

  const std::string& text_;
  const std::string& file_;
  SourceLocation last_{file_, 1, 1};
  std::size_t values_ = 0;
  std::unordered_set<size_t> checked_;
};

ConfigNode loadDocument(const std::string& text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(locationOf(e.mark, name), "", "not valid YAML: " + e.msg);
  }
  ConfigNode tree = TreeBuilder(text, name).build(root, "", 0);
  if (tree.where.line == 0) tree.where = {name, 1, 1};
  return tree;
}

}  // namespace

ConfigNode loadYamlString(const std::string& text, const std::string& name) {
  return loadDocument(text, name);
}

ConfigNode loadYamlFile(const std::string& path, const SourceLocation* via) {
  return loadDocument(
      readBoundedFile(path, limits::kScenarioBytes, "scenario file", via, "extends"), path);
}

namespace {

// Values a variant replaces whole instead of merging key by key: a service's adoption curve
// and a kind's line mix only make sense complete.
bool replacedWhole(const std::string& path) {
  for (const char* section : {"adoption.", "line_mix."}) {
    std::string prefix = section;
    if (path.rfind(prefix, 0) == 0 && path.find('.', prefix.size()) == std::string::npos)
      return true;
  }
  return false;
}

ConfigNode mergeAt(ConfigNode base, const ConfigNode& variant, const std::string& path) {
  if (!base.isMap() || !variant.isMap() || replacedWhole(path)) return variant;
  for (size_t i = 0; i < variant.entries.size(); ++i) {
    // Named references, not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& key = variant.entries[i].first;
    const ConfigNode& value = variant.entries[i].second;
    auto it = std::find_if(base.entries.begin(), base.entries.end(),
                           [&](const auto& e) { return e.first == key; });
    if (value.isNull()) {
      if (it != base.entries.end()) {
        base.keyLocations.erase(base.keyLocations.begin() + (it - base.entries.begin()));
        base.entries.erase(it);
      }
      continue;
    }
    if (it == base.entries.end()) {
      base.entries.emplace_back(key, value);
      base.keyLocations.push_back(variant.keyLocations[i]);
    } else {
      it->second = mergeAt(std::move(it->second), value, path.empty() ? key : path + "." + key);
      base.keyLocations[it - base.entries.begin()] = variant.keyLocations[i];
    }
  }
  return base;
}

}  // namespace

ConfigNode mergeConfig(ConfigNode base, const ConfigNode& variant) {
  return mergeAt(std::move(base), variant, "");
}

}  // namespace tsunagu::io
