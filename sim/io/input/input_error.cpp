#include "sim/io/input/input_error.hpp"

#include <fmt/core.h>

namespace tsunagu::io {

namespace {

// Messages and key paths carry pieces of the input; a hostile file must not make them echo
// megabytes or control sequences. Callers clip the values they quote; this is the backstop.
constexpr size_t kMaxKeyPath = 200;
constexpr size_t kMaxMessage = 1000;

std::string printable(const std::string& text, size_t maxBytes) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (out.size() >= maxBytes && (c & 0xC0) != 0x80) {
      out += "…";
      break;
    }
    out += (c < 0x20 || c == 0x7f) ? '?' : char(c);
  }
  return out;
}

}  // namespace

std::string formatInputError(const SourceLocation& where, const std::string& keyPath,
                             const std::string& message) {
  std::string text = where.file;
  if (where.line > 0) text.append(fmt::format(":{}:{}", where.line, where.column));
  text.append(": ");
  if (!keyPath.empty()) text.append(fmt::format("key '{}': ", keyPath));
  text.append(message);
  return text;
}

InputError::InputError(SourceLocation where, std::string keyPath, std::string message)
    : std::runtime_error(formatInputError(where, printable(keyPath, kMaxKeyPath),
                                          printable(message, kMaxMessage))),
      where_(std::move(where)),
      keyPath_(printable(keyPath, kMaxKeyPath)),
      message_(printable(message, kMaxMessage)) {}

}  // namespace tsunagu::io
