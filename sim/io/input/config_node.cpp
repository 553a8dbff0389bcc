#include "sim/io/input/config_node.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

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

ConfigNode convert(const YAML::Node& node, const std::string& file, const std::string& path) {
  ConfigNode out;
  out.where = locationOf(node.Mark(), file);
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = ConfigNode::Kind::Null;
      break;
    case YAML::NodeType::Scalar:
      out.kind = ConfigNode::Kind::Scalar;
      out.scalar = node.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.kind = ConfigNode::Kind::List;
      for (size_t i = 0; i < node.size(); ++i)
        out.items.push_back(convert(node[i], file, path + "[" + std::to_string(i) + "]"));
      break;
    case YAML::NodeType::Map:
      out.kind = ConfigNode::Kind::Map;
      for (const auto& entry : node) {
        SourceLocation keyWhere = locationOf(entry.first.Mark(), file);
        if (!entry.first.IsScalar())
          throw InputError(keyWhere, path,
                           "a map key must be a plain name, not " +
                               std::string(entry.first.IsMap() ? "a map" : "a list"));
        std::string key = entry.first.Scalar();
        std::string keyPath = path.empty() ? key : path + "." + key;
        if (out.find(key))
          throw InputError(keyWhere, keyPath, "the key is given twice in the same map");
        ConfigNode value = convert(entry.second, file, keyPath);
        // yaml-cpp places an empty value at the next token, which may be lines away.
        if (value.isNull()) value.where = keyWhere;
        out.entries.emplace_back(key, std::move(value));
        out.keyLocations.push_back(keyWhere);
      }
      break;
  }
  return out;
}

// yaml-cpp accepts a quoted scalar that runs to the end of the file; reject it as YAML does.
void checkQuotesClosed(const YAML::Node& node, const std::string& text, const std::string& name) {
  if (node.IsMap()) {
    for (const auto& entry : node) {
      checkQuotesClosed(entry.first, text, name);
      checkQuotesClosed(entry.second, text, name);
    }
    return;
  }
  if (node.IsSequence()) {
    for (const auto& item : node) checkQuotesClosed(item, text, name);
    return;
  }
  if (!node.IsScalar() || node.Mark().is_null()) return;
  size_t start = size_t(node.Mark().pos);
  if (start >= text.size() || (text[start] != '"' && text[start] != '\'')) return;
  char quote = text[start];
  for (size_t i = start + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      bool doubledSingle = quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'';
      if (!doubledSingle) return;
      ++i;
    }
  }
  throw InputError(locationOf(node.Mark(), name), "",
                   "not valid YAML: a quoted value is never closed");
}

ConfigNode loadDocument(const std::string& text, const std::string& name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(locationOf(e.mark, name), "", "not valid YAML: " + e.msg);
  }
  checkQuotesClosed(root, text, name);
  ConfigNode tree = convert(root, name, "");
  if (tree.where.line == 0) tree.where = {name, 1, 1};
  return tree;
}

}  // namespace

ConfigNode loadYamlString(const std::string& text, const std::string& name) {
  return loadDocument(text, name);
}

ConfigNode loadYamlFile(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw InputError({path, 0, 0}, "", "is a directory, not a scenario file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError({path, 0, 0}, "", "cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  return loadDocument(text.str(), path);
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
    const auto& [key, value] = variant.entries[i];
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
