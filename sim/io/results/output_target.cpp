#include "sim/io/results/output_target.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sim/io/input/input_error.hpp"
#include "sim/io/results/interrupts.hpp"

namespace tsunagu::io {

namespace {

const char* refusedType(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link (name the file it points to, or remove the link)";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return nullptr;
}

[[noreturn]] void writeFailed(const std::string& path, const std::string& partial,
                              const std::string& option, const char* doing, int error) {
  ::unlink(partial.c_str());
  forgetPartialFile(partial);
  throw InputError({path, 0, 0}, option,
                   std::string("cannot ") + doing + " the file: " + std::strerror(error));
}

}  // namespace

void checkOutputTarget(const std::string& path, const std::string& option) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return;  // a new path
  if (const char* type = refusedType(info.st_mode))
    throw InputError({path, 0, 0}, option,
                     std::string("refusing to write here: the path is ") + type +
                         "; output goes only to a regular file or a new path");
}

std::string preparePartial(const std::string& path, const std::string& option) {
  std::string partial = path + ".partial";
  struct stat info {};
  if (::lstat(partial.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode))
      throw InputError({partial, 0, 0}, option,
                       "a directory is in the way of the partial output file");
    if (::unlink(partial.c_str()) != 0)
      throw InputError({partial, 0, 0}, option,
                       std::string("cannot remove a stale partial file: ") + std::strerror(errno));
  }
  registerPartialFile(partial);
  return partial;
}

void writeFileAtomically(const std::string& path, const std::string& text,
                         const std::string& option) {
  checkOutputTarget(path, option);
  std::string partial = preparePartial(path, option);
  int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) writeFailed(path, partial, option, "create", errno);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      writeFailed(path, partial, option, "write", error);
    }
    done += size_t(n);
  }
  // close() is where NFS and some full file systems report a failed write.
  if (::close(fd) != 0) writeFailed(path, partial, option, "write", errno);
  if (::rename(partial.c_str(), path.c_str()) != 0)
    writeFailed(path, partial, option, "move into place", errno);
  forgetPartialFile(partial);
}

}  // namespace tsunagu::io
