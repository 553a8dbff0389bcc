#include "sim/io/input/input_error.hpp"

#include <fmt/core.h>

namespace tsunagu::io {

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
    : std::runtime_error(formatInputError(where, keyPath, message)),
      where_(std::move(where)),
      keyPath_(std::move(keyPath)),
      message_(std::move(message)) {}

}  // namespace tsunagu::io
