#include "sim/cli/number_options.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace tsunagu::cli {

CLI::Validator finiteRange(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value) || !std::isfinite(value) || value < min ||
            value > max)
          return fmt::format("expected a number from {} to {}, got '{}'", min, max, text);
        return {};
      },
      fmt::format("NUMBER in [{} - {}]", min, max));
}

std::string seedProblem(const std::string& text) {
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  std::string expected = fmt::format("expected a whole number from 0 to {}", kMax);
  if (text.empty()) return expected + ", got nothing";
  if (text.front() == '-') return expected + " (a seed has no sign), got '" + text + "'";
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range)
    return expected + ", got '" + text + "', which is too large";
  if (error != std::errc() || end != text.data() + text.size())
    return expected + ", got '" + text + "'";
  return {};
}

CLI::Option* addSeedOption(CLI::App& command, std::uint64_t& seed, const std::string& help) {
  return command.add_option("--seed", seed, help)
      ->check(CLI::Validator([](std::string& text) { return seedProblem(text); }, "SEED"));
}

}  // namespace tsunagu::cli
