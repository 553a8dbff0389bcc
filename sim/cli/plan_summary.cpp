#include "sim/cli/plan_summary.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "sim/cli/text_table.hpp"

namespace tsunagu::cli {

namespace {

struct YearRow {
  int fiscalYear = 0;
  double costYen = 0, transactions = 0, yenPerTransaction = 0, savingYen = 0;
  std::string busiestLink;
  double busiestUtilisation = 0;  // the busy hour's mean
  std::string burstiestLink;
  double burstiestUtilisation = 0;  // the busiest interval of the peak rule
  std::string busiestPool;
  double poolServers = 0, poolUtilisation = 0;
  int newBreaches = 0;
};

std::vector<YearRow> yearRows(const analytic::PlanResult& plan) {
  std::vector<YearRow> rows;
  const auto& links = plan.links;
  const auto& pools = plan.pools;
  for (size_t fy = 0; fy < plan.fiscalYears.size(); ++fy) {
    YearRow row;
    row.fiscalYear = plan.fiscalYears[fy];
    row.costYen = plan.costs.totalYen[fy];
    row.transactions = plan.costs.transactions[fy];
    row.yenPerTransaction = plan.costs.yenPerTransaction[fy];
    row.savingYen = plan.costs.consolidationSavingYen[fy];
    for (size_t l = 0; l < links.names.size(); ++l) {
      if (links.peakUtilisation.at(l, fy) > row.busiestUtilisation) {
        row.busiestUtilisation = links.peakUtilisation.at(l, fy);
        row.busiestLink = links.names[l];
      }
      double peak = links.busyPeakBps.at(l, fy) / links.capacityBps[l];
      if (peak > row.burstiestUtilisation) {
        row.burstiestUtilisation = peak;
        row.burstiestLink = links.names[l];
      }
      const std::string& breach = links.firstBreach[l];
      if (!breach.empty() && Date::parse(breach.substr(0, 10))->fiscalYear() == row.fiscalYear)
        ++row.newBreaches;
    }
    for (size_t p = 0; p < pools.names.size(); ++p)
      if (pools.servers.at(p, fy) > row.poolServers) {
        row.poolServers = pools.servers.at(p, fy);
        row.poolUtilisation = pools.utilisation.at(p, fy);
        row.busiestPool = pools.names[p];
      }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

std::string planSummaryText(const analytic::PlanResult& plan) {
  std::string peak = "busiest " + peakRuleName(plan.peakRule);
  TextTable table({"FY", "cost (¥M)", "transactions (M)", "¥/transaction", "busiest link",
                   "hourly mean", peak, "largest pool", "servers", "new breaches"});
  for (const auto& r : yearRows(plan))
    table.addRow({fmt::format("FY{}", r.fiscalYear), grouped(r.costYen / 1e6, 1),
                  grouped(r.transactions / 1e6, 1), fmt::format("{:.2f}", r.yenPerTransaction),
                  r.busiestLink.empty() ? "-" : r.busiestLink,
                  fmt::format("{:.0f}%", r.busiestUtilisation * 100),
                  r.burstiestLink.empty()
                      ? "-"
                      : fmt::format("{:.0f}% {}", r.burstiestUtilisation * 100, r.burstiestLink),
                  r.busiestPool.empty() ? "-" : r.busiestPool, grouped(r.poolServers),
                  std::to_string(r.newBreaches)});
  std::string text = fmt::format(
      "Plan of '{}': {} hours from {}, {} rollout states; link targets: busy hour's "
      "mean {:.0f}%, {} {:.0f}%\n",
      plan.scenarioName, grouped(double(plan.hours)), plan.start.toString(), plan.states,
      plan.utilisationTarget * 100, peak, plan.peakRule.target * 100);
  text += table.render();
  text += fmt::format(
      "Net present value of the costs: ¥{}M at {:.1f}% a year; consolidation saves ¥{}M in all\n",
      grouped(plan.costs.netPresentValueYen / 1e6, 1), plan.costs.discountRate * 100,
      grouped(
          [&] {
            double total = 0;
            for (double s : plan.costs.consolidationSavingYen) total += s;
            return total / 1e6;
          }(),
          1));
  return text;
}

std::string agreementSummaryText(const io::LinkAgreement& agreement) {
  const auto& t = agreement.tolerance;
  std::string text = fmt::format(
      "Planner and DES, link by link ({} hours): {} of {} links disagree beyond the tolerance "
      "(relative {:g}%, at least {:g}% of capacity)\n",
      agreement.hours, agreement.disagreeing(), agreement.rows.size(), t.relative * 100,
      t.absolute * 100);
  constexpr size_t kShown = 3;
  for (size_t i = 0; i < std::min(kShown, agreement.rows.size()); ++i) {
    const auto& r = agreement.rows[i];
    if (!r.outside()) break;
    text += fmt::format(
        "  {}: planner {:.1f}% hourly mean, {:.1f}% busiest minute (p{:g}); DES {:.1f}% mean, "
        "{:.1f}% busiest {:g}-s step\n",
        r.link, r.plannerMean * 100, r.plannerPeak1min * 100, agreement.peakPercentile * 100,
        r.desMean * 100, r.desBusiestStep * 100, agreement.stepSeconds);
  }
  return text;
}

std::string planSummaryCsv(const analytic::PlanResult& plan) {
  std::string csv =
      "fiscal_year,cost_yen,transactions,yen_per_transaction,consolidation_saving_yen,busiest_link,"
      "busiest_link_hourly_mean_utilisation,burstiest_link,burstiest_link_" +
      fmt::format("{}_p{:g}", plan.peakRule.intervalSeconds > 60 ? "5min" : "1min",
                  plan.peakRule.percentile * 100) +
      "_utilisation,largest_pool,largest_pool_servers,largest_pool_utilisation,"
      "links_first_breaching\n";
  for (const auto& r : yearRows(plan))
    csv += fmt::format("{},{:.0f},{:.0f},{:.4f},{:.0f},{},{:.4f},{},{:.4f},{},{:.0f},{:.4f},{}\n",
                       r.fiscalYear, r.costYen, r.transactions, r.yenPerTransaction, r.savingYen,
                       r.busiestLink, r.busiestUtilisation, r.burstiestLink, r.burstiestUtilisation,
                       r.busiestPool, r.poolServers, r.poolUtilisation, r.newBreaches);
  return csv;
}

}  // namespace tsunagu::cli
