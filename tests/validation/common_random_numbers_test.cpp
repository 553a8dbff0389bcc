#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "models/nation/nation_builder.hpp"
#include "sim/des/engine/window_simulation.hpp"
#include "sim/des/isolated/isolated_window.hpp"
#include "sim/io/input/scenario_loader.hpp"
#include "test_support.hpp"

namespace tsunagu::des {
namespace {

// The arrivals the engine draws for a day (no SimGrid needed: generateWorkload does not run it).
std::vector<TraceArrival> arrivalsOf(const Scenario& scenario, std::uint64_t seed = 1) {
  auto nation = buildNation(scenario);
  WindowOptions window;
  window.first = *Date::parse("2023-05-08");
  window.seed = seed;
  return generateWorkload(*nation, window);
}

std::map<std::string, size_t> countByOrigin(const std::vector<TraceArrival>& rows) {
  std::map<std::string, size_t> counts;
  for (const auto& row : rows) ++counts[row.origin];
  return counts;
}

bool same(const TraceArrival& a, const TraceArrival& b) {
  return a.seconds == b.seconds && a.origin == b.origin && a.service == b.service;
}

Scenario smallRegion() {
  return io::loadScenario(test::sourcePath("scenarios/small-region.yaml"));
}

// One more link that no route takes (a slow direct line from the PoP to the data center): the
// same arrivals, to the last bit.
TEST(CommonRandomNumbers, AnUnusedLinkLeavesEveryArrivalAsItWas) {
  Scenario base = smallRegion(), more = smallRegion();
  CustomLink unused;
  unused.from = "pop-tokyo";
  unused.to = "dc-central";
  unused.technology = "dedicated";
  unused.latency = Duration{1.0};
  more.links.push_back(unused);
  auto a = arrivalsOf(base), b = arrivalsOf(more);
  ASSERT_GT(a.size(), 500u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) ASSERT_TRUE(same(a[i], b[i])) << "arrival " << i;
  EXPECT_NE(a.size(), arrivalsOf(base, 2).size());  // and another seed is another day
}

// A new facility listed first (its own PoP, so it forms an origin group ahead of every other):
// everyone else's arrivals stay exactly as they were. Streams keyed by a route's position
// would all have moved.
TEST(CommonRandomNumbers, ANewFacilityLeavesTheOthersArrivalsAsTheyWere) {
  Scenario base = smallRegion(), more = smallRegion();
  CustomNode pop;
  pop.id = "pop-new";
  pop.kind = NodeKind::Pop;
  CustomNode clinic;
  clinic.id = "clinic-new";
  clinic.facilityKind = FacilityKind::Clinic;
  more.nodes.insert(more.nodes.begin(), {clinic, pop});
  CustomLink line, uplink;
  line.from = "clinic-new";
  line.to = "pop-new";
  line.technology = "ip-vpn";
  uplink.from = "pop-new";
  uplink.to = "ix-1";
  uplink.technology = "ix-port";
  more.links.push_back(line);
  more.links.push_back(uplink);
  auto a = arrivalsOf(base), b = arrivalsOf(more);
  std::vector<TraceArrival> others;
  std::copy_if(b.begin(), b.end(), std::back_inserter(others),
               [](const TraceArrival& row) { return row.origin != "clinic-new"; });
  EXPECT_GT(b.size(), others.size());  // the new clinic does check eligibility
  // The clinics share the clinic volume with the newcomer, so their own arrivals thin out;
  // the hospital's and the pharmacy's do not move at all.
  for (const char* origin : {"hospital-a", "pharmacy-d"}) {
    std::vector<double> before, after;
    for (const auto& row : a)
      if (row.origin == origin) before.push_back(row.seconds);
    for (const auto& row : others)
      if (row.origin == origin) after.push_back(row.seconds);
    ASSERT_GT(before.size(), 100u) << origin;
    EXPECT_EQ(before, after) << origin;
  }
}

// A pharmacy on the same PoP and line as the hospital joins the hospital's origin group: the
// hospital's arrivals stay the hospital's (before the fix, some were handed to the pharmacies,
// about 550 a day became 435), and the pharmacies share exactly the pharmacy volume.
TEST(CommonRandomNumbers, AnotherKindInTheSameOriginGroupTakesNoneOfTheHospitalsArrivals) {
  Scenario base = smallRegion(), more = smallRegion();
  CustomNode pharmacy;
  pharmacy.id = "pharmacy-e";
  pharmacy.facilityKind = FacilityKind::Pharmacy;
  more.nodes.push_back(pharmacy);
  CustomLink line;
  line.from = "pharmacy-e";
  line.to = "pop-tokyo";
  line.technology = "ip-vpn";
  more.links.push_back(line);
  auto a = countByOrigin(arrivalsOf(base)), b = countByOrigin(arrivalsOf(more));
  EXPECT_GT(a["hospital-a"], 300u);
  EXPECT_EQ(a["hospital-a"], b["hospital-a"]);
  EXPECT_EQ(a["pharmacy-d"], b["pharmacy-d"] + b["pharmacy-e"]);
  EXPECT_GT(b["pharmacy-e"], 0u);
  // Every arrival of the hospital's group is the hospital's or a pharmacy's own.
  for (const auto& [origin, count] : b)
    EXPECT_TRUE(origin == "hospital-a" || origin.rfind("pharmacy-", 0) == 0 ||
                origin.rfind("clinic-", 0) == 0)
        << origin;
}

struct Variances {
  double paired = 0, independent = 0, meanDifference = 0;
  double reduction() const { return independent / std::max(paired, 1e-300); }
};

double variance(const std::vector<double>& x) {
  double mean = std::accumulate(x.begin(), x.end(), 0.0) / double(x.size()), sum = 0;
  for (double v : x) sum += (v - mean) * (v - mean);
  return sum / double(x.size() - 1);
}

// Designs a and b of tests/scenarios/size-check.yaml (eligibility at 5 checks a second, 0.5 s
// exponential service; an archive upload loading the data-center link) on the busy hour of
// 2023-06-05 at ten seeds: the variance of the difference of the eligibility mean response,
// paired on the same seed and between independent seeds.
Variances compareDesigns(const core::Design& a, const core::Design& b) {
  Scenario scenario = io::loadScenario(test::sourcePath("tests/scenarios/size-check.yaml"));
  WindowOptions window;
  window.first = *Date::parse("2023-06-05");
  window.fromSeconds = 9 * 3600;
  window.untilSeconds = 10 * 3600;
  constexpr int kSeeds = 10;
  std::vector<IsolatedRun> runs;
  for (int s = 1; s <= kSeeds; ++s) {
    window.seed = std::uint64_t(s);
    runs.push_back({scenario, a, window});
    runs.push_back({scenario, b, window});
    window.seed = std::uint64_t(s + 1000);
    runs.push_back({scenario, b, window});
  }
  auto summaries = simulateIsolated(runs, 2);
  auto mean = [&](size_t i) { return summaries[i].service("eligibility")->mean; };
  std::vector<double> paired, independent;
  for (size_t s = 0; s < kSeeds; ++s) {
    paired.push_back(mean(3 * s) - mean(3 * s + 1));
    independent.push_back(mean(3 * s) - mean(3 * s + 2));
  }
  Variances v{variance(paired), variance(independent),
              std::accumulate(paired.begin(), paired.end(), 0.0) / kSeeds};
  std::cout << "variance of the mean-response difference: independent " << v.independent
            << ", paired " << v.paired << " (reduction " << v.reduction() << "x); mean difference "
            << v.meanDifference << " s\n";
  return v;
}

// The data-center link at 100 Mb/s against 1 Gb/s: the paired difference is the design's
// effect alone (transfers beside the archive flows), the independent one is mostly noise.
TEST(CommonRandomNumbers, PairedLinkDesignsVaryFarLessThanIndependentRuns) {
  core::Design slow, fast;
  slow.setLink("core -- dc", {"100Mbps", 1, 1e8});
  fast.setLink("core -- dc", {"1Gbps", 1, 1e9});
  Variances v = compareDesigns(slow, fast);
  EXPECT_GT(v.meanDifference, 0) << "the slower link answers later";
  ASSERT_GT(v.independent, 0);
  EXPECT_GE(v.reduction(), 5.0);
}

// Four servers against five (2.5 erlangs): waits differ between the designs and only partly
// move together, so the gain is smaller (measured about 2.5x), but still there.
TEST(CommonRandomNumbers, PairedServerCountsVaryLessThanIndependentRuns) {
  core::Design four, five;
  four.setServers("eligibility", "dc", 4);
  five.setServers("eligibility", "dc", 5);
  Variances v = compareDesigns(four, five);
  EXPECT_GT(v.meanDifference, 0) << "five servers answer faster than four";
  ASSERT_GT(v.independent, 0);
  EXPECT_GE(v.reduction(), 1.5);
}

}  // namespace
}  // namespace tsunagu::des
