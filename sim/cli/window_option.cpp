#include "sim/cli/window_option.hpp"

#include "models/nation/nation_builder.hpp"
#include "sim/analytic/planner.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/input/units.hpp"

namespace tsunagu::cli {

Window parseWindow(const std::string& text, int days, const Scenario& scenario) {
  auto bad = [&](const std::string& why) {
    return io::InputError({"command line", 0, 0}, "--window", why + ", got '" + text + "'");
  };
  Window window;
  if (text.rfind("peak:FY", 0) == 0) {
    // The busiest day of that fiscal year, found by the planner (a few seconds).
    auto year = io::parseNumber(text.substr(7));
    int fy = io::ok(year) ? int(std::get<double>(year)) : 0;
    if (!io::ok(year) || fy < scenario.horizon.start.fiscalYear() ||
        fy > scenario.horizon.end.fiscalYear())
      throw bad("expected peak:FY<year> with a fiscal year of the horizon");
    auto nation = buildNation(scenario);
    window = {analytic::peakDay(analytic::runPlan(*nation), fy), 1};
  } else if (text.rfind("claims:", 0) == 0) {
    auto month = Date::parse(text.substr(7) + "-05");
    if (!month || text.size() != 14) throw bad("expected claims:YYYY-MM");
    window = {*month, 6};
  } else if (auto dots = text.find(".."); dots != std::string::npos) {
    auto from = Date::parse(text.substr(0, dots)), to = Date::parse(text.substr(dots + 2));
    if (!from || !to || *to < *from) throw bad("expected a date range YYYY-MM-DD..YYYY-MM-DD");
    window = {*from, (*to - *from) + 1};
  } else {
    auto day = Date::parse(text);
    if (!day) throw bad("expected a date YYYY-MM-DD, a range or claims:YYYY-MM");
    window = {*day, days};
  }
  if (window.days > 31) throw bad("a window is at most 31 days");
  if (!scenario.horizon.contains(window.first) ||
      !scenario.horizon.contains(window.first.plusDays(window.days - 1)))
    throw bad("the window must lie within the horizon " + scenario.horizon.start.toString() + ".." +
              scenario.horizon.end.toString());
  return window;
}

}  // namespace tsunagu::cli
