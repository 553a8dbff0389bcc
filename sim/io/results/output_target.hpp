#pragma once

#include <string>

namespace tsunagu::io {

// Where an output file may go. A run as root once replaced /dev/null with an HDF5 file; an
// output path is therefore either new or an existing regular file, never a device, FIFO,
// socket, directory or symbolic link (whose target the user did not name). Violations are
// InputErrors naming the path and `option` (exit 2), raised before any work is done.
void checkOutputTarget(const std::string& path, const std::string& option);

// Makes `<path>.partial` ready to be created: a stale one left by a killed run is removed
// (unlink never follows a link, so a symbolic link planted there is removed, not its target),
// and the partial file is registered so that SIGINT or SIGTERM removes it.
std::string preparePartial(const std::string& path, const std::string& option);

// Writes `text` to `path` through `<path>.partial`, created exclusively (O_EXCL: never through
// a link) and renamed into place when complete. A failed write (a full disk, an I/O error, a
// directory that vanished) removes the partial file and throws an InputError with the path
// and the system's reason.
void writeFileAtomically(const std::string& path, const std::string& text,
                         const std::string& option);

}  // namespace tsunagu::io
