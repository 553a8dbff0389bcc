#pragma once

#include <string>
#include <vector>

namespace tsunagu::cli {

// One figure of several results files side by side, as `compare` prints it: a row a file, then
// each file's difference from the first. NaN reads "n/a" (a service not live yet, a year a
// sizing did not cover); a difference with an n/a in it is n/a too.
struct Figure {
  std::string name, unit;
  int decimals = 1;
  std::vector<std::string> labels;          // a row a file (its scenario)
  std::vector<std::vector<double>> values;  // per file, per column
};

struct FigureSet {
  std::string columnName;            // CSV: "fiscal_year" or "service"
  std::vector<std::string> columns;  // "2017" or a service id
  std::string columnPrefix;          // printed before a column: "FY" or ""
  std::vector<std::string> files;
  std::vector<Figure> figures;
};

std::string figureTable(const FigureSet& set, const Figure& figure);
std::string figureTables(const FigureSet& set);
// kpi,unit,<columnName>,scenario,file,value; n/a is an empty value.
std::string figuresCsv(const FigureSet& set);

}  // namespace tsunagu::cli
