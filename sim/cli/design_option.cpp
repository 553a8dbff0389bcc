#include "sim/cli/design_option.hpp"

#include <fmt/core.h>

#include "sim/io/input/input_error.hpp"
#include "sim/io/results/design_file.hpp"

namespace tsunagu::cli {

core::Design designOption(const std::string& path, const Nation& nation, Date day,
                          io::Manifest& manifest) {
  if (path.empty()) return core::Design::fromScenario(nation.scenario());
  core::Design design = io::readDesign(path, day.fiscalYear());
  auto problems = design.problems(nation);
  if (!problems.empty())
    throw io::InputError(
        {path, 0, 0}, "--design",
        problems.front() +
            (problems.size() > 1 ? fmt::format(" (and {} more)", problems.size() - 1) : ""));
  manifest.inputs.push_back({"design", path, io::fileSha256(path)});
  return design;
}

}  // namespace tsunagu::cli
