#pragma once

#include <string>

#include "sim/analytic/plan_result.hpp"
#include "sim/io/results/link_agreement.hpp"

namespace tsunagu::cli {

// The short human summary of a plan: one row per fiscal year (cost, transactions, busiest
// link and pool, breaches), as text and as CSV rows with the same columns.
std::string planSummaryText(const analytic::PlanResult& plan);
std::string planSummaryCsv(const analytic::PlanResult& plan);

// How many links the planner and the DES disagree on, and the worst few.
std::string agreementSummaryText(const io::LinkAgreement& agreement);

}  // namespace tsunagu::cli
