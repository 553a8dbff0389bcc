#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/io/input/input_error.hpp"

namespace tsunagu::io {

// Bounds on what a scenario may ask of the reader, checked before anything is expanded, so
// that no file (hostile or mistyped) can make `validate` hang, exhaust memory or overflow the
// stack. The shipped scenarios are a few kilobytes and nest six levels; the limits leave
// room for large custom topologies. Documented in docs/scenario-format.md#limits.
namespace limits {
// Bytes in one scenario file; yaml-cpp needs about 100 times this in memory.
inline constexpr std::uintmax_t kScenarioBytes = 1u << 20;
// Bytes in one data table (CSV).
inline constexpr std::uintmax_t kTableBytes = 8u << 20;
// Levels of maps and lists in a scenario; also bounds every recursion over the tree.
inline constexpr int kNesting = 32;
// Values (maps, lists and single values) after aliases are expanded: an alias counts as
// often as it is used, so a few hundred bytes of nested aliases cannot expand to gigabytes.
inline constexpr std::size_t kValues = 100'000;
// Files in one chain of `extends:` (the scenario itself included).
inline constexpr int kExtendsDepth = 8;
// Characters of a value quoted back in an error message.
inline constexpr std::size_t kQuotedChars = 80;
}  // namespace limits

// The whole of a regular file of at most `maxBytes`, read without following it into a
// device, FIFO or directory (each refused with an InputError naming `path` and, when given,
// located at `via`, the value that named the file).
std::string readBoundedFile(const std::string& path, std::uintmax_t maxBytes, const char* what,
                            const SourceLocation* via = nullptr, const std::string& viaKey = "");

// `text` as it may appear in an error message: its first line, at most limits::kQuotedChars
// characters, control characters shown as '?', so that a message never echoes a whole file or
// drives the terminal.
std::string clipForMessage(const std::string& text);

}  // namespace tsunagu::io
