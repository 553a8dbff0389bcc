#include "sim/io/input/input_limits.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tsunagu::io {

namespace {

[[noreturn]] void refuse(const std::string& path, const SourceLocation* via,
                         const std::string& viaKey, const std::string& message) {
  if (via) throw InputError(*via, viaKey, "'" + clipForMessage(path) + "' " + message);
  throw InputError({path, 0, 0}, "", message);
}

const char* fileTypeName(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// Closes the descriptor on every path out of readBoundedFile.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string readBoundedFile(const std::string& path, std::uintmax_t maxBytes, const char* what,
                            const SourceLocation* via, const std::string& viaKey) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0)
    refuse(path, via, viaKey, std::string("cannot open the ") + what + ": " + std::strerror(errno));
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    refuse(path, via, viaKey, std::string("cannot read the ") + what + ": " + std::strerror(errno));
  if (!S_ISREG(info.st_mode))
    refuse(path, via, viaKey,
           std::string("is ") + fileTypeName(info.st_mode) + ", not a " + what +
               " (only regular files are read)");
  if (std::uintmax_t(info.st_size) > maxBytes)
    refuse(path, via, viaKey,
           std::string("is ") + std::to_string(info.st_size) + " bytes; a " + what +
               " may have at most " + std::to_string(maxBytes) + " bytes");
  std::string text;
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0)
      refuse(path, via, viaKey,
             std::string("cannot read the ") + what + ": " + std::strerror(errno));
    if (got == 0) break;
    text.append(buffer, size_t(got));
    // The file may grow after fstat (or be a proc file reporting size 0): stop at the limit.
    if (text.size() > maxBytes)
      refuse(path, via, viaKey,
             std::string("has more than ") + std::to_string(maxBytes) + " bytes; a " + what +
                 " may have at most " + std::to_string(maxBytes) + " bytes");
  }
  return text;
}

std::string clipForMessage(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' || c == '\r') {
      if (i + 1 < text.size()) out += "…";
      break;
    }
    bool continuation = (c & 0xC0) == 0x80;  // never cut a UTF-8 character in two
    if (out.size() >= limits::kQuotedChars && !continuation) {
      out += "…";
      break;
    }
    out += (c < 0x20 || c == 0x7f) ? '?' : char(c);
  }
  return out;
}

}  // namespace tsunagu::io
