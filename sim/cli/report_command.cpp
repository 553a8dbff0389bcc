#include <fmt/core.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "sim/build_info.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/progress.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/results/hdf5_file.hpp"
#include "sim/io/results/plan_kpis.hpp"

namespace tsunagu::cli {

namespace fs = std::filesystem;

namespace {

struct ReportOptions {
  std::vector<std::string> files;
  std::string output;
  std::string language = "en";
};

constexpr const char* kPythonPackages = "python3-matplotlib python3-h5py python3-numpy";

std::string shellQuoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Debian's interpreter first: the one on PATH may be a pyenv build without Debian's packages.
std::string findPython() {
  std::vector<std::string> candidates;
  if (const char* chosen = std::getenv("TSUNAGU_PYTHON")) candidates.push_back(chosen);
  candidates.push_back("/usr/bin/python3");
  candidates.push_back("python3");
  for (const auto& python : candidates) {
    std::string probe =
        shellQuoted(python) + " -c 'import matplotlib, h5py, numpy' >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return python;
  }
  throw io::InputError(
      {"report", 0, 0}, "",
      fmt::format("no Python 3 with matplotlib, h5py and numpy was found; install the "
                  "Debian packages {} (or set TSUNAGU_PYTHON)",
                  kPythonPackages));
}

std::string defaultOutput(const std::string& firstFile) {
  return "results/report-" + fs::path(firstFile).stem().string();
}

int report(const ReportOptions& options) {
  Progress progress("tsunagu report", 2);
  progress.step("checking the results files");
  for (const auto& file : options.files) {  // bad input fails here, exit 2
    // Sizing, failure, sensitivity and uncertainty files: report.py checks their layout (exit 2).
    auto kind = io::Hdf5Reader::open(file).attributeString("/", "kind").value_or("");
    if (kind != "sizing" && kind != "failures" && kind != "sensitivity" && kind != "uncertainty")
      io::readPlanKpis(file);
  }
  std::string output =
      options.output.empty() ? defaultOutput(options.files.front()) : options.output;
  fs::path parent = fs::path(output).parent_path();
  if (!parent.empty() && !fs::is_directory(parent))
    throw io::InputError(
        {output, 0, 0}, "-o",
        "cannot write the report: directory '" + parent.string() + "' does not exist");
  std::string command = shellQuoted(findPython()) + " " +
                        shellQuoted(std::string(build_info::kAnalysisDir) + "/report.py") +
                        " --out " + shellQuoted(output) + " --lang " + options.language;
  for (const auto& file : options.files) command += " " + shellQuoted(file);
  progress.step("drawing the figures and writing the page");
  int status = std::system(command.c_str());
  progress.finish();
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : kExitInternal;
  if (code == 3)
    throw io::InputError(
        {"report", 0, 0}, "",
        fmt::format("the report needs matplotlib, h5py and numpy; install the Debian "
                    "packages {}",
                    kPythonPackages));
  return code == 0 ? kExitOk : code == 2 ? kExitBadInput : kExitInternal;
}

}  // namespace

void addReportCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand(
      "report",
      "One self-contained HTML page with the figures and tables of plans, sizings, failure "
      "analyses and uncertainty studies");
  command
      ->add_option("files", options->files,
                   "Results files of 'tsunagu plan', 'run', 'size', 'failures' or 'uncertainty'")
      ->required()
      ->expected(1, -1);
  command->add_option("-o,--output", options->output,
                      "Report directory (default results/report-NAME)");
  command
      ->add_option("--lang", options->language,
                   "The report's language: en, or ja (Japanese: the glossary's terms, yen in "
                   "万/億, dates as 2026年2月9日; needs fonts-noto-cjk)")
      ->check(CLI::IsMember({"en", "ja"}))
      ->capture_default_str();
  command->callback([&action, options] { action = [options] { return report(*options); }; });
}

}  // namespace tsunagu::cli
