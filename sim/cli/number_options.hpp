#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace tsunagu::cli {

// A check that a number option is finite and within min … max. CLI::Range compares with < and
// >, which NaN passes, so `--step nan` went through; this one says what range it wanted.
CLI::Validator finiteRange(double min, double max);

// Adds --seed to `command`: a whole number from 0 to 2^64 - 1, written in decimal. CLI11 reads
// unsigned numbers with strtoull, which takes "-1" as 2^64 - 1 and saturates on overflow; here
// a sign, a fraction or a number too large is an error that names the option.
CLI::Option* addSeedOption(CLI::App& command, std::uint64_t& seed, const std::string& help);

// The text as a seed, or an explanation of why it is not one.
std::string seedProblem(const std::string& text);

}  // namespace tsunagu::cli
