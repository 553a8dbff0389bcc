#pragma once

#include <string>

#include "models/scenario/scenario.hpp"

namespace tsunagu::cli {

struct Window {
  Date first;
  int days = 1;
};

// --window: "2025-05-07" (with --days), "2025-05-07..2025-05-09", "claims:2025-05" (the
// 5th-10th), or "peak:FY2025" (the busiest day of that fiscal year in the plan); within the
// scenario's horizon, at most 31 days. Bad text is an io::InputError naming --window.
Window parseWindow(const std::string& text, int days, const Scenario& scenario);

}  // namespace tsunagu::cli
