#pragma once

#include <string>

#include "sim/analytic/plan_result.hpp"

namespace tsunagu::cli {

// --link NAME: the link's busy hour of each fiscal year split by service, as a table (Mb/s in
// the busier direction, with the hour and the total). A name that is no link of the plan is an
// io::InputError naming --link, with the closest names.
std::string linkBreakdownText(const analytic::PlanResult& plan, const std::string& link);

// Throws the io::InputError above when `link` names no link of the plan.
size_t findLink(const analytic::PlanResult& plan, const std::string& link);

}  // namespace tsunagu::cli
