#include "sim/cli/link_breakdown.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"

namespace tsunagu::cli {

size_t findLink(const analytic::PlanResult& plan, const std::string& link) {
  const auto& names = plan.links.names;
  auto it = std::find(names.begin(), names.end(), link);
  if (it != names.end()) return size_t(it - names.begin());
  // The links that share an end with the name's first word, to show how names are written.
  std::string end = link.substr(0, link.find(' '));
  std::string near;
  int shown = 0;
  for (const auto& name : names)
    if (shown < 5 && name.find(end) != std::string::npos) {
      near += (shown++ ? "', '" : "") + name;
    }
  throw io::InputError({"command line", 0, 0}, "--link",
                       fmt::format("no link named '{}' in the plan; a link is named 'A -- B' "
                                   "as in the results' links/name{}",
                                   link, near.empty() ? "" : " (e.g. '" + near + "')"));
}

std::string linkBreakdownText(const analytic::PlanResult& plan, const std::string& link) {
  size_t l = findLink(plan, link);
  const auto& names = plan.services.names;
  size_t services = names.size();
  std::vector<std::string> header = {"service"};
  for (int fy : plan.fiscalYears) header.push_back(fmt::format("FY{}", fy));
  TextTable table(header);
  for (size_t s = 0; s < services; ++s) {
    std::vector<std::string> row = {names[s]};
    bool any = false;
    for (size_t fy = 0; fy < plan.fiscalYears.size(); ++fy) {
      double bps = plan.links.busyByServiceBps.at(l * services + s, fy);
      any = any || bps > 0;
      row.push_back(bitRateText(bps));
    }
    if (any) table.addRow(row);
  }
  std::vector<std::string> total = {"total"}, share = {"utilisation"}, hour = {"busy hour"};
  for (size_t fy = 0; fy < plan.fiscalYears.size(); ++fy) {
    total.push_back(bitRateText(plan.links.busyBps.at(l, fy)));
    share.push_back(fmt::format("{:.1f}%", plan.links.peakUtilisation.at(l, fy) * 100));
    double h = plan.links.busyHour.at(l, fy);
    hour.push_back(h < 0 ? "-"
                         : fmt::format("{} {:02}:00",
                                       plan.start.plusDays(int(h / 24)).toString().substr(5),
                                       int(h) % 24));
  }
  table.addRow(total);
  table.addRow(share);
  table.addRow(hour);
  return fmt::format("Link '{}' ({}) at its busy hour, by service (the busier direction):\n", link,
                     plan.links.roles[l]) +
         table.render();
}

}  // namespace tsunagu::cli
