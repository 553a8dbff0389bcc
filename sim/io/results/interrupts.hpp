#pragma once

#include <string>

namespace tsunagu::io {

// SIGINT and SIGTERM stop the program at once: the partial output files registered here are
// removed (finished files and the previous results are left alone), one line says what was
// interrupted, and the exit code is 128 + the signal (130, 143). Everything the handler does
// is async-signal-safe: it unlinks fixed buffers and writes with write(2).
void installInterruptHandlers(const std::string& activity);

// A partial file to remove on interruption; forgotten once renamed or removed.
void registerPartialFile(const std::string& path);
void forgetPartialFile(const std::string& path);

}  // namespace tsunagu::io
