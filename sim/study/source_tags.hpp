#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tsunagu::study {

// The tags of the shared reference data: [S] sourced, [D] derived, [E] estimated.
enum class SourceTag { None, Sourced, Derived, Estimated };
const char* sourceTagText(SourceTag tag);  // "[S]", "[D]", "[E]" or "untagged"

// A field's tag and the words of the source text that gave it.
struct FieldTag {
  SourceTag tag = SourceTag::None;
  std::string basis;  // the clause ("latency and availability [E]") or the rule that decided
};

// The words a table's source texts use for its fields: each column name (with spaces for
// underscores) and aliases such as "costs" for setup_cost and monthly_cost.
class FieldVocabulary {
 public:
  // Every field of the table, each known by its own name.
  explicit FieldVocabulary(const std::vector<std::string>& fields);
  // Another word for one or more fields ("sizes" -> request_size, response_size).
  FieldVocabulary& alias(const std::string& word, std::vector<std::string> fields);

  // The fields named in `text`, as whole words (case-insensitive, longest words first, so
  // "dental clinics" is not also read as "clinics").
  std::vector<std::string> namedIn(std::string_view text) const;
  // Whether `text` starts with one of the words ("latency and availability [E]" does,
  // "distance adds latency" does not).
  bool beginsWithField(std::string_view text) const;

 private:
  std::vector<std::pair<std::string, std::vector<std::string>>> words_;  // longest first
};

// The tags of one row's fields, read from its source text by tagFields.
struct RowTags {
  std::map<std::string, FieldTag> named;  // fields a clause names
  FieldTag others;                        // every other field of the row
  const FieldTag& of(const std::string& field) const;
};

// Reads the tags of a row's fields from its source text. The rule (also in
// docs/model-reference.md, "Sensitivity"):
//  1. the text is cut into clauses at ';' outside parentheses;
//  2. a clause's tag is the first [S], [D] or [E] in it; a clause that begins with a field's
//     word names fields: the vocabulary words before its tag (anywhere in a clause without a
//     tag); a clause that begins otherwise describes ("distance adds latency") and names none;
//  3. a clause that names fields gives them its tag; a clause naming fields without a tag
//     ("weight 1 by definition") leaves them untagged on purpose; the first clause to name a
//     field decides it;
//  4. a tagged clause that names no field speaks for the row: its tag (the first such clause's)
//     goes to every field no clause names;
//  5. with no such clause, the unnamed fields are [E] when every tag of the text is [E], and
//     untagged otherwise (a mixed text that does not say which field is estimated).
RowTags tagFields(std::string_view source, const FieldVocabulary& vocabulary);

}  // namespace tsunagu::study
