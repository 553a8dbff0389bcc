#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iostream>

#include "exact_queueing.hpp"
#include "sim/des/pool/server_pool.hpp"
#include "sim/stats/estimate.hpp"
#include "sim/stats/latency_histogram.hpp"

namespace tsunagu::des {
namespace {

// Do the confidence intervals mean what they say? 1,000 independent experiments, each of 10
// replications of a pool started empty whose first 500 customers are deleted (the warm-up; the
// relaxation time is a few dozen customers here); the mean and the p95 (the engine's 0.5%
// histogram) of the next 3,500 are taken, and the t interval over the 10 replications must
// cover the exact value in 93-97% of the experiments (a 95% interval covers 950 of 1,000 on
// average, binomial standard deviation 6.9; the issue asks for 90-98% of 200, whose standard
// deviation is 3: 1,000 experiments test the same thing five times as finely. The first 200 of
// the M/M/c set cover the mean 198 times, 2.7 standard deviations high, which the 1,000 show to
// be chance: 95.6% in all). Deleting the transient by MSER-5 on the responses instead biased
// the M/M/c figures low (-1.6% at 4,000 customers: it cuts high excursions as well as the
// transient) and the coverage fell to 84%; the engine therefore deletes by its warm-up and
// uses MSER-5 as a check (model-reference.md). Seeds: model m, experiment e, replication r use
// 100000 m + 10 e + r.
constexpr int kExperiments = 1000, kReplications = 10;
constexpr size_t kWarmUp = 500;
constexpr std::uint64_t kCustomers = 4000;

struct Replication {
  double mean = 0, p95 = 0;
};

Replication simulate(int servers, double lambda, double mu, std::uint64_t seed) {
  EventScheduler scheduler;
  ServerPool pool(scheduler, servers, 1 / mu, 1.0, RandomStream(seed, 1));
  RandomStream arrivals(seed, 2);
  std::vector<double> responses(kCustomers, 0.0);
  std::uint64_t arrived = 0;
  std::function<void()> arrive = [&] {
    std::uint64_t index = arrived++;
    pool.submit(
        [&responses, index](double wait, double service) { responses[index] = wait + service; });
    if (arrived < kCustomers) scheduler.after(arrivals.exponential(1 / lambda), arrive);
  };
  scheduler.after(arrivals.exponential(1 / lambda), arrive);
  scheduler.run();
  stats::LatencyHistogram kept(0.005);
  for (size_t i = kWarmUp; i < responses.size(); ++i) kept.add(responses[i]);
  return {kept.mean(), kept.quantile(0.95)};
}

struct Coverage {
  int mean = 0, p95 = 0;
};

Coverage coverage(int model, int servers, double lambda, double mu, double exactMean,
                  double exactP95) {
  Coverage covered;
  double grand = 0, grandP95 = 0;
  for (int e = 0; e < kExperiments; ++e) {
    std::vector<double> means, p95s;
    for (int r = 0; r < kReplications; ++r) {
      Replication rep = simulate(servers, lambda, mu, std::uint64_t(100000 * model + 10 * e + r));
      means.push_back(rep.mean);
      p95s.push_back(rep.p95);
      grand += rep.mean;
      grandP95 += rep.p95;
    }
    covered.mean += stats::estimate(means).covers(exactMean);
    covered.p95 += stats::estimate(p95s).covers(exactP95);
  }
  std::cout << "grand mean " << grand / (kExperiments * kReplications) << " exact " << exactMean
            << "; grand p95 " << grandP95 / (kExperiments * kReplications) << " exact " << exactP95
            << "\n";
  std::cout << "coverage of the exact mean " << covered.mean << "/" << kExperiments
            << ", of the exact p95 " << covered.p95 << "/" << kExperiments << "\n";
  return covered;
}

void expectCoverage(const Coverage& c) {
  EXPECT_GE(c.mean, 930);
  EXPECT_LE(c.mean, 970);
  EXPECT_GE(c.p95, 930);
  EXPECT_LE(c.p95, 970);
}

TEST(ConfidenceCoverage, MM1IntervalsCoverTheExactMeanAndP95) {
  double lambda = 0.5, mu = 1.0;  // response exponential with rate mu - lambda
  expectCoverage(coverage(1, 1, lambda, mu, 1 / (mu - lambda), std::log(20.0) / (mu - lambda)));
}

TEST(ConfidenceCoverage, MMcIntervalsCoverTheExactMeanAndP95) {
  int c = 3;
  double lambda = 2.1, mu = 1.0;  // 70% busy
  double mean = 1 / mu + test::erlangC(c, lambda / mu) / (c * mu - lambda);
  expectCoverage(coverage(2, c, lambda, mu, mean, test::responsePercentile(c, lambda, mu, 0.95)));
}

}  // namespace
}  // namespace tsunagu::des
