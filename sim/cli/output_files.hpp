#pragma once

#include <string>

namespace tsunagu::cli {

// Checks where a results file (HDF5) may go: not a .csv name, and a directory that exists
// (results/ is created). Bad paths throw io::InputError naming -o.
void checkOutputPath(const std::string& output);

// `path` with its extension replaced by `suffix` (e.g. ".csv", "-options.csv").
std::string besideResults(const std::string& h5Path, const std::string& suffix);

// Writes a text file under a temporary name that becomes `path` when complete.
void writeTextFile(const std::string& path, const std::string& text);

}  // namespace tsunagu::cli
