#include "sim/cli/size_purchases.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <vector>

#include "sim/cli/text_table.hpp"

namespace tsunagu::cli {

namespace {

// One row of the table: a link or a pool, with what orders it.
struct Purchase {
  double utilisation = 0;
  bool important = false;  // a pool, or a level not met: never folded away
  std::vector<std::string> cells;
};

Purchase linkRow(const sizing::LinkChoice& l, const std::string& peakRule) {
  return {l.utilisation,
          !l.met,
          {fmt::format("FY{}", l.fiscalYear), l.link, l.option.label(), bitRateText(l.busyBps),
           fmt::format("{:.1f}% hourly mean, {:.0f}% busiest {}", l.utilisation * 100,
                       l.peakUtilisation * 100, peakRule),
           l.desUtilisation < 0 ? "-" : fmt::format("{:.1f}%", l.desUtilisation * 100),
           l.met ? "met" : "NOT MET: no option is large enough"}};
}

Purchase poolRow(const sizing::PoolChoice& p) {
  return {p.utilisation,
          true,
          {fmt::format("FY{}", p.fiscalYear), p.pool,
           fmt::format("{} server{}{}", p.servers, p.servers == 1 ? "" : "s",
                       p.addedByDes ? fmt::format(" (+{} by DES)", p.addedByDes) : ""),
           fmt::format("{:.1f}/s", p.busyArrivals), fmt::format("{:.3f} s", p.atTarget),
           p.desAtTarget < 0 ? "-" : fmt::format("{:.3f} s", p.desAtTarget),
           p.level + (p.met ? "" : " NOT MET")}};
}

}  // namespace

std::string purchasesTable(const sizing::SizingResult& result, size_t linksPerYear) {
  std::map<int, std::vector<Purchase>> byYear;
  for (const auto& l : result.links)
    if (l.newPurchase || !l.met)
      byYear[l.fiscalYear].push_back(linkRow(l, peakRuleName(result.peakRule)));
  for (const auto& p : result.pools)
    if (p.servers != p.serversBefore || !p.met) byYear[p.fiscalYear].push_back(poolRow(p));
  TextTable table(
      {"fiscal year", "element", "have", "busy hour (mean)", "analytic", "DES", "level"});
  std::string folded;
  for (auto& [year, rows] : byYear) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.utilisation > b.utilisation; });
    size_t links = 0, left = 0;
    double busiestLeft = 0;
    for (auto& row : rows) {
      bool shown = row.important || links < linksPerYear;
      if (!row.important) ++links;
      if (shown)
        table.addRow(std::move(row.cells));
      else if (left++ == 0)  // sorted: the first folded is the busiest
        busiestLeft = row.utilisation;
    }
    if (left > 0)
      folded += fmt::format("  FY{}: {} more link purchase{}, the busiest at {:.1f}%\n", year, left,
                            left == 1 ? "" : "s", busiestLeft * 100);
  }
  std::string text = table.render();
  if (!folded.empty()) text += "Not shown above (every row is in the CSV):\n" + folded;
  return text;
}

}  // namespace tsunagu::cli
