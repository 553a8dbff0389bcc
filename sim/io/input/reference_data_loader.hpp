#pragma once

#include <string>

#include "models/scenario/reference_data.hpp"

namespace tsunagu::io {

// Reads the shipped data tables (models/data/*.csv) from `directory`. A malformed table is an
// InputError naming the file, line and column.
ReferenceData loadReferenceData(const std::string& directory);

}  // namespace tsunagu::io
