#include "sim/study/source_tags.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace tsunagu::study {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view text) {
  size_t a = text.find_first_not_of(" \t");
  if (a == std::string_view::npos) return "";
  size_t b = text.find_last_not_of(" \t");
  return std::string(text.substr(a, b - a + 1));
}

bool wordCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// Clauses at ';' outside parentheses: "sizes [E] reference 3.4 (request 1-2 KB; response
// 5-10 KB)" is one clause.
std::vector<std::string> clausesOf(std::string_view text) {
  std::vector<std::string> clauses;
  std::string current;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == ';' && depth == 0) {
      clauses.push_back(trimmed(current));
      current.clear();
    } else {
      current += c;
    }
  }
  clauses.push_back(trimmed(current));
  return clauses;
}

struct TagAt {
  SourceTag tag = SourceTag::None;
  size_t position = std::string::npos;
};

TagAt firstTag(std::string_view text) {
  TagAt first;
  for (auto [mark, tag] : {std::pair{"[S]", SourceTag::Sourced},
                           {"[D]", SourceTag::Derived},
                           {"[E]", SourceTag::Estimated}}) {
    size_t at = text.find(mark);
    if (at < first.position) first = {tag, at};
  }
  return first;
}

bool onlyEstimates(std::string_view text) {
  return text.find("[S]") == std::string_view::npos && text.find("[D]") == std::string_view::npos &&
         text.find("[E]") != std::string_view::npos;
}

}  // namespace

const char* sourceTagText(SourceTag tag) {
  switch (tag) {
    case SourceTag::Sourced:
      return "[S]";
    case SourceTag::Derived:
      return "[D]";
    case SourceTag::Estimated:
      return "[E]";
    case SourceTag::None:
      break;
  }
  return "untagged";
}

FieldVocabulary::FieldVocabulary(const std::vector<std::string>& fields) {
  for (const auto& field : fields) {
    std::string spaced = field;
    std::replace(spaced.begin(), spaced.end(), '_', ' ');
    alias(spaced, {field});
  }
}

FieldVocabulary& FieldVocabulary::alias(const std::string& word, std::vector<std::string> fields) {
  words_.push_back({lower(word), std::move(fields)});
  std::stable_sort(words_.begin(), words_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return *this;
}

std::vector<std::string> FieldVocabulary::namedIn(std::string_view text) const {
  std::string haystack = lower(text);
  std::vector<bool> taken(haystack.size(), false);
  std::vector<std::string> named;
  for (const auto& [word, fields] : words_) {
    for (size_t at = haystack.find(word); at != std::string::npos;
         at = haystack.find(word, at + 1)) {
      size_t end = at + word.size();
      bool whole = (at == 0 || !wordCharacter(haystack[at - 1])) &&
                   (end == haystack.size() || !wordCharacter(haystack[end]));
      if (!whole || std::any_of(taken.begin() + long(at), taken.begin() + long(end),
                                [](bool t) { return t; }))
        continue;
      std::fill(taken.begin() + long(at), taken.begin() + long(end), true);
      for (const auto& field : fields)
        if (std::find(named.begin(), named.end(), field) == named.end()) named.push_back(field);
    }
  }
  return named;
}

const FieldTag& RowTags::of(const std::string& field) const {
  auto it = named.find(field);
  return it == named.end() ? others : it->second;
}

bool FieldVocabulary::beginsWithField(std::string_view text) const {
  std::string head = lower(text);
  return std::any_of(words_.begin(), words_.end(), [&](const auto& entry) {
    const std::string& word = entry.first;
    return !word.empty() && head.compare(0, word.size(), word) == 0 &&
           (head.size() == word.size() || !wordCharacter(head[word.size()]));
  });
}

RowTags tagFields(std::string_view source, const FieldVocabulary& vocabulary) {
  RowTags tags;
  std::optional<FieldTag> rowTag;
  for (const auto& clause : clausesOf(source)) {
    TagAt tag = firstTag(clause);
    std::vector<std::string> fields;
    if (vocabulary.beginsWithField(clause))
      fields = vocabulary.namedIn(std::string_view(clause).substr(0, tag.position));
    if (fields.empty()) {
      if (tag.tag != SourceTag::None && !rowTag) rowTag = FieldTag{tag.tag, clause};
      continue;
    }
    for (const auto& field : fields) tags.named.try_emplace(field, FieldTag{tag.tag, clause});
  }
  if (rowTag)
    tags.others = *rowTag;
  else if (onlyEstimates(source))
    tags.others = {SourceTag::Estimated, "every tag of the row is [E]"};
  return tags;
}

}  // namespace tsunagu::study
