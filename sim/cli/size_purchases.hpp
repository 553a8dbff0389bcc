#pragma once

#include <cstddef>
#include <string>

#include "sim/sizing/sizing_result.hpp"

namespace tsunagu::cli {

// What to buy, as `size` prints it: fiscal year by fiscal year in order; within a year the
// busiest first (links and pools together, by busy-hour utilisation). Every pool change and
// every level not met is shown; of the links bought or changed in a year, the
// `linksPerYear` busiest, and one line for the rest of that year (how many, the busiest of
// them). The CSV beside the results has every row.
std::string purchasesTable(const sizing::SizingResult& result, size_t linksPerYear);

}  // namespace tsunagu::cli
