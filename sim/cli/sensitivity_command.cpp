#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <iostream>

#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/number_options.hpp"
#include "sim/cli/output_files.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/source_notes.hpp"
#include "sim/io/input/units.hpp"
#include "sim/io/results/sensitivity_results.hpp"
#include "sim/study/sensitivity.hpp"

namespace tsunagu::cli {

namespace {

struct SensitivityCommandOptions {
  ScenarioOptions scenario;
  std::string range = "50%";
  int morris = 4;
  size_t morrisTop = 20;
  std::string inputs;
  int jobs = 2;
  std::uint64_t seed = 0;
  bool seedGiven = false;
  std::string output;
  std::string commandLine;
};

constexpr size_t kRowsShown = 10;  // per figure; every input is in the CSV

using Clock = std::chrono::steady_clock;

io::InputError badOption(const std::string& option, const std::string& why,
                         const std::string& text) {
  return io::InputError({"command line", 0, 0}, option, why + ", got '" + text + "'");
}

double parseRange(const std::string& text) {
  auto share = io::parseShare(text);
  if (!io::ok(share) || std::get<double>(share) <= 0)
    throw badOption("--range", "expected a share above 0% and at most 100%, such as 30%", text);
  return std::get<double>(share);
}

std::vector<std::string> parsePatterns(const std::string& text) {
  std::vector<std::string> patterns;
  size_t from = 0;
  while (from <= text.size()) {
    size_t comma = std::min(text.find(',', from), text.size());
    std::string pattern = text.substr(from, comma - from);
    pattern.erase(0, pattern.find_first_not_of(' '));
    pattern.erase(pattern.find_last_not_of(' ') + 1);
    if (!pattern.empty()) patterns.push_back(pattern);
    from = comma + 1;
  }
  return patterns;
}

// What --inputs could have matched, for the message when it matches nothing.
std::string tablesOf(const Scenario& scenario, const std::vector<SourceNote>& notes, double range) {
  auto every = study::selectEstimatedInputs(scenario, notes, {range, {}});
  std::string tables;
  for (const auto& [table, count] : every.countByTable())
    tables += fmt::format("{}{}:* ({})", tables.empty() ? "" : ", ", table, count);
  return fmt::format("{} estimated inputs: {}", every.inputs.size(), tables);
}

std::string yen(double value) {
  if (std::isinf(value)) return "inf";
  return std::abs(value) >= 1e7 ? "¥" + grouped(value / 1e6, 1) + "M" : "¥" + grouped(value);
}

std::string seconds(double value) {
  if (std::isinf(value)) return "inf";
  return value < 1 ? fmt::format("{:.4g} ms", value * 1e3) : fmt::format("{:.4g} s", value);
}

// A value in the units the catalogue gives it.
std::string inputValue(double value, const std::string& units) {
  if (units.rfind("JPY", 0) == 0) return yen(value) + units.substr(3);
  if (units == "s") return seconds(value);
  if (units == "s/km") return fmt::format("{:.4g} us/km", value * 1e6);
  if (units == "B") return bytesText(value);
  if (units.rfind("1/", 0) == 0) return grouped(value, value < 100 ? 2 : 0) + units.substr(1);
  if (units == "1") return fmt::format("{:.4g}", value);
  return grouped(value) + " " + units;  // counts: facilities, networks, racks
}

std::string figureValue(double value, study::Figure figure) {
  switch (figure) {
    case study::Figure::Cost:
    case study::Figure::NetPresentValue:
      return yen(value);
    case study::Figure::PeakUtilisation:
      return fmt::format("{:.4g}%", value * 100);
    case study::Figure::Servers:
      return std::isinf(value) ? "unreachable" : grouped(value);
    case study::Figure::P99Response:
      return seconds(value);
  }
  return "";
}

// Sums of many elementary effects leave rounding noise (1e-17 of a share) where the truth is 0.
std::string morrisValue(double value, study::Figure figure, double base) {
  if (std::isnan(value)) return "-";
  return figureValue(std::abs(value) < 1e-12 * std::abs(base) ? 0.0 : value, figure);
}

std::string rankingTable(const study::SensitivityResult& result, size_t f) {
  study::Figure figure = study::figureAt(f);
  TextTable table(
      {"rank", "input", "low .. high", "at low", "at high", "swing", "Morris mu*", "sigma"});
  const auto& order = result.ranking[f];
  size_t moving = 0;
  for (size_t r = 0; r < order.size(); ++r) {
    const auto& effect = result.effects[order[r]];
    if (effect.swing[f] <= 0) break;
    ++moving;
    if (r >= kRowsShown) continue;
    const auto& in = result.selection.inputs[order[r]];
    const auto& units = result.selection.fieldOf(in).units;
    table.addRow({std::to_string(r + 1), in.id,
                  inputValue(in.low, units) + " .. " + inputValue(in.high, units),
                  figureValue(effect.atLow[f], figure), figureValue(effect.atHigh[f], figure),
                  figureValue(effect.swing[f], figure),
                  morrisValue(effect.muStar[f], figure, result.base[f]),
                  morrisValue(effect.sigma[f], figure, result.base[f])});
  }
  const auto& info = study::figureInfo(figure);
  std::string text =
      fmt::format("{} (base {}):\n", info.label, figureValue(result.base[f], figure));
  if (moving == 0) return text + "  no input moves it\n";
  text += table.render();
  if (moving > kRowsShown)
    text += fmt::format("  ... and {} more inputs move it (all in the CSV)\n", moving - kRowsShown);
  return text;
}

std::string inputsLine(const study::InputSelection& selection, double range) {
  std::string tables;
  for (const auto& [table, count] : selection.countByTable())
    tables += fmt::format("{}{} {}", tables.empty() ? "" : ", ", table, count);
  std::string line = fmt::format(
      "{} estimated [E] inputs ({}), each varied by ±{:g}% unless its "
      "row gives a range",
      selection.inputs.size(), tables, range * 100);
  if (selection.estimatedAtZero > 0)
    line += fmt::format("; {} [E] fields at 0 left out (a share of 0 cannot move them)",
                        selection.estimatedAtZero);
  if (selection.estimatedUnmatched > 0)
    line += fmt::format("; {} left out by --inputs", selection.estimatedUnmatched);
  return line + "\n";
}

// Prints how far a phase has come, at most every half minute (and an early estimate), so
// that a long national study says how long it will take and a small one stays quiet.
class ProgressPrinter {
 public:
  void operator()(const char* phase, size_t done, size_t total) {
    auto now = Clock::now();
    if (phase != phase_) {
      phase_ = phase;
      started_ = printed_ = now;
      early_ = true;
    }
    double elapsed = std::chrono::duration<double>(now - started_).count();
    double left = elapsed / double(done) * double(total - done);
    bool due = std::chrono::duration<double>(now - printed_).count() >= kEvery;
    bool estimate = early_ && left > kEvery;
    if (done == 1) early_ = false;
    if (!due && !estimate && !(done == total && elapsed > kEvery)) return;
    printed_ = now;
    std::cerr << fmt::format("  {}: {}/{} evaluations, {:.0f} s so far, about {:.0f} s left\n",
                             phase, done, total, elapsed, left);
  }

 private:
  static constexpr double kEvery = 30;  // seconds
  std::string phase_;
  Clock::time_point started_, printed_;
  bool early_ = true;
};

int sensitivity(const SensitivityCommandOptions& options) {
  auto started = Clock::now();
  Scenario scenario = options.scenario.loadScenario();
  double range = parseRange(options.range);
  std::string output =
      options.output.empty() ? "results/" + scenario.name + "-sensitivity.h5" : options.output;
  checkOutputPath(output);
  auto notes = io::readSourceNotes(scenario.dataDirectory);
  auto selection =
      study::selectEstimatedInputs(scenario, notes, {range, parsePatterns(options.inputs)});
  if (selection.inputs.empty()) {
    if (!options.inputs.empty())
      throw badOption("--inputs",
                      "matches none of the " + tablesOf(scenario, notes, range) +
                          " (patterns are table:row:field with * and ?, separated by commas)",
                      options.inputs);
    throw io::InputError({scenario.dataDirectory, 0, 0}, "source",
                         "no data table row of scenario '" + scenario.name +
                             "' is tagged [E] in a field the planner reads: nothing to vary");
  }
  io::Manifest manifest = io::makeManifest(
      scenario, options.seedGiven ? options.seed : scenario.seed, options.commandLine);
  std::cout << fmt::format("tsunagu sensitivity: scenario '{}'\n", scenario.name)
            << inputsLine(selection, range);
  std::cout.flush();

  study::SensitivityOptions study;
  study.morrisTrajectories = options.morris;
  study.morrisTop = options.morrisTop;
  study.seed = manifest.seed;
  study.jobs = options.jobs;
  study.progress = ProgressPrinter();
  auto result = study::runSensitivity(scenario, std::move(selection), range, study);
  manifest.wallSeconds = std::chrono::duration<double>(Clock::now() - started).count();
  io::writeSensitivityResults(output, result, manifest);
  writeTextFile(besideResults(output, ".csv"), io::sensitivityCsv(result));

  std::cout << fmt::format(
      "Figures of FY{} (net present value: the horizon); each input from its low to its high "
      "value, the others at the base:\n",
      result.fiscalYear());
  for (size_t f = 0; f < study::kFigureCount; ++f) std::cout << rankingTable(result, f);
  if (options.morris > 0)
    std::cout << fmt::format(
        "Morris: {} trajectories on {} levels over {} inputs (those among the first {} of some "
        "figure above; mu*: the mean absolute change over the whole range, sigma: how much it "
        "varies)\n",
        result.morrisTrajectories, result.morrisLevels, result.screened,
        options.morrisTop == 0 ? std::string("all") : std::to_string(options.morrisTop));
  std::cout << fmt::format("{} plans and {} re-evaluations of pools or costs\n", result.plansRun,
                           result.shortcutsRun)
            << fmt::format("Results: {} and {} ({:.1f} s)\n", output, besideResults(output, ".csv"),
                           manifest.wallSeconds);
  return kExitOk;
}

}  // namespace

void addSensitivityCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<SensitivityCommandOptions>();
  auto* command = app.add_subcommand(
      "sensitivity",
      "Which estimated [E] inputs move the cost, NPV, utilisation, servers and p99 most");
  command->add_option("scenario", options->scenario.scenarioPath, "Scenario file (YAML)")
      ->required();
  command->add_option("--range", options->range,
                      "How far each input is varied, e.g. 30% for ±30% (default 50%; a data "
                      "table's `range` column sets a row's own)");
  command
      ->add_option("--morris", options->morris,
                   "Morris trajectories after the one-at-a-time pass (default 4; 0: none)")
      ->check(CLI::Range(0, 1000));
  command->add_option("--morris-top", options->morrisTop,
                      "Morris screens the inputs among the first N of some figure's "
                      "one-at-a-time ranking (default 20; 0: every input that moves something)");
  command->add_option("--inputs", options->inputs,
                      "Only the inputs whose id (table:row:field) matches one of these "
                      "comma-separated patterns, with * and ?");
  command->add_option("--jobs", options->jobs, "Plans run at once (threads)")
      ->check(CLI::Range(1, 64));
  addSeedOption(*command, options->seed,
                "Seed of the Morris trajectories (default: the "
                "scenario's)");
  command->add_option("-o,--output", options->output,
                      "Results file (default results/NAME-sensitivity.h5; a CSV beside it)");
  command->add_flag("--aggregate", options->scenario.aggregate,
                    "Group facilities per prefecture, kind, bed class and regional network");
  command->callback([&action, options, command] {
    options->seedGiven = command->count("--seed") > 0;
    options->commandLine = "tsunagu sensitivity " + options->scenario.scenarioPath + " --range " +
                           options->range + " --morris " + std::to_string(options->morris) +
                           " --morris-top " + std::to_string(options->morrisTop) +
                           (options->inputs.empty() ? "" : " --inputs '" + options->inputs + "'") +
                           (options->seedGiven ? " --seed " + std::to_string(options->seed) : "") +
                           (options->scenario.aggregate ? " --aggregate" : "");
    action = [options] { return sensitivity(*options); };
  });
}

}  // namespace tsunagu::cli
