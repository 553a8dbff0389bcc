#include <fmt/core.h>
#include <sstream>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "models/demand/demand_model.hpp"
#include "models/nation/nation_builder.hpp"
#include "sim/cli/app.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_options.hpp"
#include "sim/cli/text_table.hpp"
#include "sim/io/input/input_error.hpp"
#include "sim/io/results/output_target.hpp"

namespace tsunagu::cli {

namespace {

struct DemandOptions : ScenarioOptions {
  std::string csvPath;
};

int peakHour(const HourlySeries& series) {
  return int(std::max_element(series.begin(), series.end()) - series.begin());
}

std::string nationalSection(const std::vector<ServiceDemand>& demand) {
  TextTable table(
      {"service", "transactions/day", "bytes/day", "peak hour", "peak tx/s", "peak rate"});
  for (const auto& d : demand) {
    if (d.dailyTransactions() <= 0) continue;
    int h = peakHour(d.transactions);
    table.addRow({d.service, grouped(d.dailyTransactions()), bytesText(d.dailyBytes()),
                  fmt::format("{:02}:00", h), grouped(d.transactions[h] / 3600.0, 2),
                  bitRateText(d.bytes[h] * 8 / 3600.0)});
  }
  return "National demand by service\n" + table.render();
}

std::string hourlySection(const std::vector<ServiceDemand>& demand) {
  std::vector<std::string> header = {"hour"};
  std::vector<const ServiceDemand*> shown;
  for (const auto& d : demand)
    if (d.dailyTransactions() > 0) {
      header.push_back(d.service);
      shown.push_back(&d);
    }
  TextTable table(header);
  for (int h = 0; h < 24; ++h) {
    std::vector<std::string> row = {fmt::format("{:02}:00", h)};
    for (const auto* d : shown) row.push_back(grouped(d->transactions[h]));
    table.addRow(row);
  }
  return "\nNational transactions per hour\n" + table.render();
}

std::string prefectureSection(const Scenario& scenario, const std::vector<ServiceDemand>& demand) {
  std::map<int, std::pair<double, double>> totals;  // transactions, bytes per day
  std::map<int, HourlySeries> hourly;
  for (const auto& d : demand)
    for (const auto& [code, tx] : d.transactionsByPrefecture) {
      const auto& bytes = d.bytesByPrefecture.at(code);
      for (int h = 0; h < 24; ++h) {
        totals[code].first += tx[h];
        totals[code].second += bytes[h];
        hourly[code][h] += bytes[h];
      }
    }
  TextTable table({"prefecture", "transactions/day", "bytes/day", "busiest hour rate"});
  for (const auto& [code, t] : totals) {
    const Prefecture* p = scenario.data.prefecture(code);
    int h = peakHour(hourly[code]);
    table.addRow({fmt::format("{:02} {}", code, p ? p->name : "?"), grouped(t.first),
                  bytesText(t.second), bitRateText(hourly[code][h] * 8 / 3600.0)});
  }
  return "\nDemand by prefecture (all services)\n" + table.render();
}

// Long format, one row per scope x service x hour; written beside and renamed, so a failed run
// leaves no partial file.
void writeCsv(const std::string& path, const std::vector<ServiceDemand>& demand, Date date) {
  std::ostringstream out;
  out << "date,scope,service,hour,transactions,bytes\n";
  for (const auto& d : demand) {
    for (int h = 0; h < 24; ++h)
      out << fmt::format("{},national,{},{},{:.6g},{:.6g}\n", date.toString(), d.service, h,
                         d.transactions[h], d.bytes[h]);
    for (const auto& [code, tx] : d.transactionsByPrefecture)
      for (int h = 0; h < 24; ++h)
        out << fmt::format("{},{:02},{},{},{:.6g},{:.6g}\n", date.toString(), code, d.service, h,
                           tx[h], d.bytesByPrefecture.at(code)[h]);
  }
  io::writeFileAtomically(path, out.str(), "--csv");
}

int demand(const DemandOptions& options) {
  Scenario scenario = options.loadScenario();
  Date date = options.resolveDate(scenario);
  auto nation = buildNation(scenario);
  DemandModel model(*nation);
  auto demand = model.demandOn(date);
  const Holiday* holiday = scenario.data.holidays.find(date);
  std::string report =
      fmt::format("tsunagu demand: scenario '{}' on {} ({}{})\n\n", scenario.name, date.toString(),
                  weekdayName(date.weekday()), holiday ? ", " + holiday->name : "");
  report += nationalSection(demand) + hourlySection(demand) + prefectureSection(scenario, demand);
  if (!options.csvPath.empty()) writeCsv(options.csvPath, demand, date);
  std::cout << report;
  return kExitOk;
}

}  // namespace

void addDemandCommand(CLI::App& app, Action& action) {
  auto options = std::make_shared<DemandOptions>();
  auto* command = app.add_subcommand(
      "demand",
      "Expected transactions and bytes per service per hour on a date, nationally and "
      "per prefecture");
  options->addTo(*command, true);
  command->add_option("--csv", options->csvPath,
                      "Also write the hourly demand as CSV to this file");
  command->callback([&action, options] { action = [options] { return demand(*options); }; });
}

}  // namespace tsunagu::cli
