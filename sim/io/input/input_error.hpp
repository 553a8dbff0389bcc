#pragma once

#include <stdexcept>
#include <string>

namespace tsunagu::io {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based
};

// Bad input: a scenario or data table the user can fix. Rendered as
// "file:line:column: key 'a.b': message" and ends the program with exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, std::string keyPath, std::string message);
  const SourceLocation& where() const { return where_; }
  const std::string& keyPath() const { return keyPath_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string keyPath_;
  std::string message_;
};

std::string formatInputError(const SourceLocation& where, const std::string& keyPath,
                             const std::string& message);

}  // namespace tsunagu::io
