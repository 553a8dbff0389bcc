#pragma once

#include <string>

#include "models/scenario/scenario.hpp"

namespace tsunagu::io {

// Loads a scenario file (following `extends:`), the data tables it names, and its overrides,
// and checks every reference. Throws InputError on the first problem.
Scenario loadScenario(const std::string& path);

}  // namespace tsunagu::io
