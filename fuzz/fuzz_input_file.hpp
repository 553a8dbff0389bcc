#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace tsunagu::fuzz {

// The readers take a path (the extension picks the format and `extends:` resolves beside
// it), so each input is written to a file in a directory of this process's own.
inline std::string writeInput(const uint8_t* data, size_t size, const char* name) {
  static const std::string directory = [] {
    std::string pattern = "/tmp/tsunagu-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) std::abort();
    return pattern;
  }();
  std::string path = directory + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  return path;
}

}  // namespace tsunagu::fuzz
