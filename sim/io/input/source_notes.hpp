#pragma once

#include <string>
#include <vector>

#include "models/scenario/source_note.hpp"

namespace tsunagu::io {

// The source column (and the optional range column) of every row of the data tables in
// `directory`, in file and row order. A range must be a share above 0% and at most 100%
// ("30%" or "0.3"); anything else is an InputError at its file, line and column.
std::vector<SourceNote> readSourceNotes(const std::string& directory);

}  // namespace tsunagu::io
