// Which numbers a sensitivity study varies: the source-tag rule on the shipped tables' own texts,
// the catalogue and the selection on plan-2017, glob patterns, and how a varied share keeps its
// composition summing to 1.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "sim/io/input/scenario_loader.hpp"
#include "sim/io/input/source_notes.hpp"
#include "sim/study/estimated_inputs.hpp"
#include "sim/study/scenario_variation.hpp"
#include "test_support.hpp"

namespace tsunagu::study {
namespace {

SourceTag tagOf(const std::string& source, const std::string& table, const std::string& field) {
  return tagFields(source, vocabularyOf(table)).of(field).tag;
}

constexpr auto E = SourceTag::Estimated;
constexpr auto S = SourceTag::Sourced;
constexpr auto D = SourceTag::Derived;
constexpr auto None = SourceTag::None;

TEST(SourceTags, AMixedTechnologyRowTagsEachFieldByTheClauseThatNamesIt) {
  const std::string ipVpn =
      "[S] FLET'S 光ネクスト list ¥5700 + ISP ¥500; setup ¥800 + ¥18000 [S]; latency and "
      "availability [E]";
  EXPECT_EQ(tagOf(ipVpn, "technologies", "monthly_cost"), S);  // the row's leading clause
  EXPECT_EQ(tagOf(ipVpn, "technologies", "setup_cost"), S);
  EXPECT_EQ(tagOf(ipVpn, "technologies", "latency"), E);
  EXPECT_EQ(tagOf(ipVpn, "technologies", "availability"), E);
  auto tags = tagFields(ipVpn, vocabularyOf("technologies"));
  EXPECT_EQ(tags.of("latency").basis, "latency and availability [E]");

  const std::string isdn = "[S] 128 kb/s bonded (reference 4.1); costs latency availability [E]";
  EXPECT_EQ(tagOf(isdn, "technologies", "capacity"), S);
  EXPECT_EQ(tagOf(isdn, "technologies", "setup_cost"), E);  // "costs" names both costs
  EXPECT_EQ(tagOf(isdn, "technologies", "monthly_cost"), E);
  EXPECT_EQ(tagOf(isdn, "technologies", "latency"), E);
  // The 64 kb/s row says only that its costs are estimates: its latency keeps the row's [S].
  EXPECT_EQ(tagOf("[S] 64 kb/s per B-channel; costs [E]", "technologies", "latency"), S);
  // A clause that describes rather than names ("distance adds latency") leaves the row's tag.
  EXPECT_EQ(tagOf("[E] carrier backbone wavelength; distance adds latency (route factor x fibre "
                  "delay)",
                  "technologies", "latency"),
            E);
}

TEST(SourceTags, WholeRowsAndUnclearRows) {
  EXPECT_EQ(tagOf("[E]", "month_multipliers", "multiplier"), E);
  // The first tag of a clause is the value's; later ones qualify the facts it cites.
  EXPECT_EQ(tagOf("[E] support desk 08:00-21:00 on the 5th-7th [S]", "claims_window", "weight"), E);
  EXPECT_EQ(tagOf("[D] NDB FY2023 pharmacy receipts 740.6M x 1.3 visits per receipt [E] "
                  "(reference 8)",
                  "volumes", "volume"),
            D);
  // Every clause names its fields and every tag is [E]: the fields no clause names are [E] too.
  const std::string eligibility =
      "sizes [E] reference 3.4 (request 1-2 KB; response 5-10 KB); service time [E]; target [E] "
      "reference 3.4 (3 s front desk; 10 s for record views)";
  EXPECT_EQ(tagOf(eligibility, "services", "request_size"), E);
  EXPECT_EQ(tagOf(eligibility, "services", "response_size"), E);
  EXPECT_EQ(tagOf(eligibility, "services", "service_time_cv"), E);
  // The same shape with an [S] in it does not say which other field is estimated: untagged.
  const std::string claims =
      "service time [S] about 15 minutes per institution (reference 4.1); sizes per kind in "
      "volumes.csv [E]; target [E] reference 3.4 (3 s front desk; 10 s for record views)";
  EXPECT_EQ(tagOf(claims, "services", "service_time"), S);
  EXPECT_EQ(tagOf(claims, "services", "response_size"), E);
  EXPECT_EQ(tagOf(claims, "services", "target_response"), E);
  EXPECT_EQ(tagOf(claims, "services", "service_time_cv"), None);
  EXPECT_EQ(tagOf("[S] 80 Mb/s for about 1 h = 36 GB each way (reference 4.4); session length [E]",
                  "services", "service_time"),
            E);
}

TEST(SourceTags, NamesAreWholeWordsAndALabelWithoutATagIsNotAnEstimate) {
  const std::string prefecture =
      "hospitals [S] 医療施設動態調査 2022-01 table 3; clinics [S] 医療施設動態調査 2022-03; "
      "dental clinics and pharmacies [E] national 2023 totals allocated by clinics; capital [S] "
      "GSI";
  EXPECT_EQ(tagOf(prefecture, "prefectures", "clinics"), S);  // not read inside "dental clinics"
  EXPECT_EQ(tagOf(prefecture, "prefectures", "dental_clinics"), E);
  EXPECT_EQ(tagOf(prefecture, "prefectures", "pharmacies"), E);
  const std::string bedClass =
      "share [E] (reference 32%; 32.9% keeps the shares summing to 1); weight 1 by definition";
  EXPECT_EQ(tagOf(bedClass, "hospital_bed_classes", "share"), E);
  EXPECT_EQ(tagOf(bedClass, "hospital_bed_classes", "demand_weight"), None);
  EXPECT_EQ(
      tagOf("[S] window opens on the 5th (reference 2.3); weights [E]", "claims_window", "weight"),
      E);
  EXPECT_EQ(tagOf("", "weekday_weights", "weight"), None);
}

TEST(InputPatterns, GlobOnIds) {
  EXPECT_TRUE(matchesPattern("technologies:ip-vpn/1Gbps:latency", "technologies:*"));
  EXPECT_TRUE(matchesPattern("technologies:ip-vpn/1Gbps:latency", "*:latency"));
  EXPECT_TRUE(matchesPattern("hour_profiles:flat:h07", "hour_profiles:flat:h0?"));
  EXPECT_FALSE(matchesPattern("hour_profiles:flat:h17", "hour_profiles:flat:h0?"));
  EXPECT_FALSE(matchesPattern("technologies:ip-vpn/1Gbps:latency", "technologies"));
  EXPECT_TRUE(matchesPattern("a:b:c", "*"));
  EXPECT_TRUE(matchesPattern("a:b:c", "a*c"));
  EXPECT_FALSE(matchesPattern("a:b:cd", "a*c"));
}

class Plan2017Inputs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new Scenario(io::loadScenario(test::sourcePath("scenarios/plan-2017.yaml")));
    notes_ = new std::vector<SourceNote>(io::readSourceNotes(scenario_->dataDirectory));
  }
  static void TearDownTestSuite() {
    delete scenario_;
    delete notes_;
  }
  static const EstimatedInput* find(const InputSelection& s, const std::string& id) {
    auto it = std::find_if(s.inputs.begin(), s.inputs.end(),
                           [&](const EstimatedInput& in) { return in.id == id; });
    return it == s.inputs.end() ? nullptr : &*it;
  }
  static Scenario* scenario_;
  static std::vector<SourceNote>* notes_;
};
Scenario* Plan2017Inputs::scenario_ = nullptr;
std::vector<SourceNote>* Plan2017Inputs::notes_ = nullptr;

TEST_F(Plan2017Inputs, TheEstimatesOfTheShippedTablesByTable) {
  auto s = selectEstimatedInputs(*scenario_, *notes_, {0.5, {}});
  std::map<std::string, int> expected = {
      {"claims_window", 6},          // all six days (day 5: "weights [E]")
      {"cost_items", 5},             // all but the [S] regional-network running cost
      {"hospital_bed_classes", 13},  // 7 shares, 6 weights (100-199's is 1 by definition)
      {"hour_profiles", 81},         // the hours with a share above 0
      {"line_mix", 19},              // the shares above 0
      {"month_multipliers", 12},
      {"prefectures", 101},  // dental clinics and pharmacies; clinics of Saga .. Okinawa
      {"regional_network_participation", 4},
      {"regional_networks", 47},
      {"scenario", 2},  // route factor and fibre delay
      {"services", 50},
      {"technologies", 35},
      {"volumes", 24},
      {"weekday_weights", 9}};
  EXPECT_EQ(s.countByTable(), expected);
  EXPECT_EQ(s.inputs.size(), 408u);
  // [S] list price and set-up; the latency is [E].
  EXPECT_EQ(find(s, "technologies:ip-vpn/1Gbps:monthly_cost"), nullptr);
  EXPECT_EQ(find(s, "technologies:ip-vpn/1Gbps:setup_cost"), nullptr);
  ASSERT_NE(find(s, "technologies:ip-vpn/1Gbps:latency"), nullptr);
  EXPECT_EQ(find(s, "technologies:dedicated/1Gbps:capacity"), nullptr);  // a tier's definition
  EXPECT_EQ(find(s, "prefectures:13:hospitals"), nullptr);               // [S]
  ASSERT_NE(find(s, "prefectures:13:pharmacies"), nullptr);
  EXPECT_EQ(find(s, "volumes:eligibility/pharmacy:volume"), nullptr);  // [D] with an [E] factor
  EXPECT_EQ(find(s, "cost_items:regional_network_running:value"), nullptr);
  // plan-2017 writes eligibility's target (p99 within 3 s): the value is the scenario's, the
  // tag the row's.
  const EstimatedInput* target = find(s, "services:eligibility:target_response");
  ASSERT_NE(target, nullptr);
  EXPECT_DOUBLE_EQ(target->base, 3.0);
  // Zero shares and the backbone's free set-up are [E] but cannot be moved by a share of 0.
  EXPECT_GT(s.estimatedAtZero, 60);
  EXPECT_EQ(find(s, "technologies:backbone/10Gbps:setup_cost"), nullptr);
}

TEST_F(Plan2017Inputs, RangesAreClampedByScaleAndPatternsRestrict) {
  auto s = selectEstimatedInputs(*scenario_, *notes_,
                                 {0.5, {"line_mix:hospital:*", "cost_items:ix_racks*"}});
  EXPECT_EQ(s.inputs.size(), 5u);
  EXPECT_EQ(s.estimatedUnmatched, 403);
  const EstimatedInput* ipVpn = find(s, "line_mix:hospital:ip-vpn");
  ASSERT_NE(ipVpn, nullptr);
  EXPECT_DOUBLE_EQ(ipVpn->low, 0.35);
  EXPECT_DOUBLE_EQ(ipVpn->high, 1.0);  // 105% is no share: clamped
  const EstimatedInput* racks = find(s, "cost_items:ix_racks_per_center:value");
  ASSERT_NE(racks, nullptr);
  EXPECT_EQ(racks->low, 2);
  EXPECT_EQ(racks->high, 6);
  auto narrow = selectEstimatedInputs(*scenario_, *notes_, {0.1, {"scenario:*"}});
  const EstimatedInput* route = find(narrow, "scenario:network:route_factor");
  ASSERT_NE(route, nullptr);
  EXPECT_DOUBLE_EQ(route->low, 1.35);
  auto wide = selectEstimatedInputs(*scenario_, *notes_, {0.5, {"scenario:*"}});
  EXPECT_DOUBLE_EQ(find(wide, "scenario:network:route_factor")->low, 1.0);  // never below 1
}

TEST_F(Plan2017Inputs, AVariedShareKeepsItsCompositionSummingToOne) {
  auto s = selectEstimatedInputs(*scenario_, *notes_, {0.5, {}});
  ScenarioVariation variation(s.catalogue);
  auto fieldIndex = [&](const std::string& id) {
    for (size_t i = 0; i < s.catalogue.size(); ++i)
      if (s.catalogue[i].id() == id) return i;
    ADD_FAILURE() << "no field " << id;
    return size_t(0);
  };
  // Outpatient 09:00 from 17% to 25.5%: the other hours shrink by (1 - 0.255) / (1 - 0.17).
  Scenario varied =
      variation.apply(*scenario_, {{fieldIndex("hour_profiles:outpatient:h09"), 0.255}});
  const auto& before = scenario_->data.profiles.hourProfiles.at("outpatient");
  const auto& after = varied.data.profiles.hourProfiles.at("outpatient");
  EXPECT_DOUBLE_EQ(after[9], 0.255);
  EXPECT_NEAR(after[10], before[10] * (1 - 0.255) / (1 - before[9]), 1e-15);
  EXPECT_EQ(after[0], 0.0);
  EXPECT_NEAR(std::accumulate(after.begin(), after.end(), 0.0), 1.0, 1e-12);
  EXPECT_EQ(scenario_->data.profiles.hourProfiles.at("outpatient")[9], before[9]);  // a copy
  // A hospital line mix with IP-VPN at 100%: nothing left for the others.
  Scenario full = variation.apply(*scenario_, {{fieldIndex("line_mix:hospital:ip-vpn"), 1.0}});
  const LineMix& mix = full.data.lineMix[size_t(FacilityKind::Hospital)];
  EXPECT_EQ(mix.at("ip-vpn"), 1.0);
  EXPECT_EQ(mix.at("ipsec-ike"), 0.0);
  EXPECT_EQ(mix.at(kNoLine), 0.0);
  // Two shares of one composition set together above 1 are scaled down to 1.
  Scenario both = variation.apply(*scenario_, {{fieldIndex("line_mix:hospital:ip-vpn"), 0.9},
                                               {fieldIndex("line_mix:hospital:ipsec-ike"), 0.3}});
  const LineMix& scaled = both.data.lineMix[size_t(FacilityKind::Hospital)];
  EXPECT_DOUBLE_EQ(scaled.at("ip-vpn"), 0.75);
  EXPECT_DOUBLE_EQ(scaled.at("ipsec-ike"), 0.25);
  EXPECT_EQ(scaled.at("isdn"), 0.0);
  // Whole numbers are rounded when set.
  Scenario networks =
      variation.apply(*scenario_, {{fieldIndex("regional_networks:1:networks"), 7.6}});
  EXPECT_EQ(networks.data.regionalNetworks.networksPerPrefecture[1], 8);
}

}  // namespace
}  // namespace tsunagu::study
