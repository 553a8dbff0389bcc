// The "what to buy" table of `tsunagu size`: fiscal years in order, the busiest first within a
// year, and nothing important folded away (the busiest link of a late year used to be folded
// into "N more link purchases, less busy" because rows were ranked across years).
#include <gtest/gtest.h>

#include <string>

#include "sim/cli/size_purchases.hpp"

namespace tsunagu::cli {
namespace {

sizing::LinkChoice link(int year, const std::string& name, double utilisation, bool met = true) {
  sizing::LinkChoice l;
  l.fiscalYear = year;
  l.link = name;
  l.option.tier = "1Gbps";
  l.option.capacityBps = 1e9;
  l.busyBps = utilisation * 1e9;
  l.utilisation = utilisation;
  l.newPurchase = true;
  l.met = met;
  return l;
}

sizing::PoolChoice pool(int year, const std::string& name, double utilisation, int servers) {
  sizing::PoolChoice p;
  p.fiscalYear = year;
  p.pool = name;
  p.utilisation = utilisation;
  p.servers = servers;
  p.serversBefore = servers - 1;
  p.level = "p95 <= 3 s";
  return p;
}

size_t at(const std::string& text, const std::string& what) {
  size_t where = text.find(what);
  EXPECT_NE(where, std::string::npos) << what << " is missing from:\n" << text;
  return where;
}

TEST(SizePurchases, YearsInOrderBusiestFirstWithinAYear) {
  sizing::SizingResult result;
  // Rows arrive as the sizer makes them: a later year's busy link before an earlier year's.
  result.links = {link(2025, "b -- c", 0.05), link(2025, "dc-oq -- core-east", 0.407),
                  link(2024, "a -- b", 0.90), link(2025, "c -- d", 0.06),
                  link(2025, "d -- e", 0.07)};
  result.pools = {pool(2025, "eligibility@dc", 0.30, 4), pool(2024, "claims@dc", 0.95, 2)};
  std::string text = purchasesTable(result, 2);
  // FY2024 first (busiest first within it), then FY2025 busiest first.
  EXPECT_LT(at(text, "claims@dc"), at(text, "a -- b"));
  EXPECT_LT(at(text, "a -- b"), at(text, "dc-oq -- core-east"));
  EXPECT_LT(at(text, "dc-oq -- core-east"), at(text, "eligibility@dc"));
  EXPECT_LT(at(text, "eligibility@dc"), at(text, "d -- e"));
  // Two links a year: the two quietest of FY2025 are folded, and said so with the busiest.
  EXPECT_EQ(text.find("b -- c"), std::string::npos) << text;
  EXPECT_EQ(text.find("c -- d"), std::string::npos) << text;
  EXPECT_NE(text.find("FY2025: 2 more link purchases, the busiest at 6.0%"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("FY2024: "), std::string::npos) << text;
  EXPECT_NE(text.find("2 servers"), std::string::npos) << text;
}

TEST(SizePurchases, ALevelNotMetIsNeverFolded) {
  sizing::SizingResult result;
  result.links = {link(2025, "busy -- one", 0.5), link(2025, "quiet -- one", 0.01, false)};
  std::string text = purchasesTable(result, 1);
  EXPECT_NE(text.find("quiet -- one"), std::string::npos) << text;
  EXPECT_NE(text.find("NOT MET"), std::string::npos) << text;
  EXPECT_EQ(text.find("more link"), std::string::npos) << text;
}

}  // namespace
}  // namespace tsunagu::cli
