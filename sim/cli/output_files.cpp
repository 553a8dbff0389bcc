#include "sim/cli/output_files.hpp"

#include <filesystem>

#include "sim/io/input/input_error.hpp"
#include "sim/io/results/output_target.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

void checkOutputPath(const std::string& output) {
  io::checkOutputTarget(output, "-o");
  io::checkOutputTarget(besideResults(output, ".csv"), "-o");
  if (fs::path(output).extension() == ".csv")
    throw io::InputError({output, 0, 0}, "-o",
                         "the results file is HDF5 (.h5); its CSV summary goes beside it");
  fs::path dir = fs::path(output).parent_path();
  if (dir.empty() || fs::is_directory(dir)) return;
  if (dir == "results") {
    fs::create_directories(dir);
    return;
  }
  throw io::InputError(
      {output, 0, 0}, "-o",
      "cannot write the results file: directory '" + dir.string() + "' does not exist");
}

std::string besideResults(const std::string& h5Path, const std::string& suffix) {
  fs::path path(h5Path);
  return (path.parent_path() / (path.stem().string() + suffix)).string();
}

void writeTextFile(const std::string& path, const std::string& text) {
  io::writeFileAtomically(path, text, "-o");
}

}  // namespace tsunagu::cli
