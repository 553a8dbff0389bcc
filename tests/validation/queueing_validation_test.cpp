#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "models/queueing/queueing.hpp"
#include "sim/des/pool/server_pool.hpp"
#include "sim/stats/latency_histogram.hpp"

namespace tsunagu::des {
namespace {

// Poisson arrivals into one pool, measured after a warm-up: the DES against queueing theory.
struct PoolRun {
  stats::LatencyHistogram wait{0.005}, response{0.005};
};

PoolRun simulatePool(int servers, double lambda, double meanService, double cv,
                     std::uint64_t customers, std::uint64_t seed) {
  EventScheduler scheduler;
  ServerPool pool(scheduler, servers, meanService, cv, RandomStream(seed, 1));
  RandomStream arrivals(seed, 2);
  PoolRun run;
  std::uint64_t warmUp = customers / 10, arrived = 0;
  std::function<void()> arrive = [&] {
    bool measured = ++arrived > warmUp;
    pool.submit([&run, measured](double wait, double service) {
      if (!measured) return;
      run.wait.add(wait);
      run.response.add(wait + service);
    });
    if (arrived < customers + warmUp) scheduler.after(arrivals.exponential(1 / lambda), arrive);
  };
  scheduler.after(arrivals.exponential(1 / lambda), arrive);
  scheduler.run();
  return run;
}

// Relative tolerance of the validation: 3% (the acceptance), with fixed seeds and
// enough customers that the sampling error is well below it.
constexpr double kTolerance = 0.03;

TEST(QueueingValidation, MM1MeanWaitAndP95AgainstExactFormulas) {
  double lambda = 0.7, mu = 1.0;
  PoolRun run = simulatePool(1, lambda, 1 / mu, 1.0, 2'000'000, 11);
  double rho = lambda / mu;
  EXPECT_NEAR(run.wait.mean(), rho / (mu - lambda), kTolerance * rho / (mu - lambda));
  // Response time of M/M/1 is exponential with rate mu - lambda.
  EXPECT_NEAR(run.response.mean(), 1 / (mu - lambda), kTolerance / (mu - lambda));
  double p95 = std::log(20.0) / (mu - lambda);
  EXPECT_NEAR(run.response.quantile(0.95), p95, kTolerance * p95);
}

TEST(QueueingValidation, MMcMeanWaitAndP95AgainstErlangC) {
  int c = 8;
  double mu = 1 / 0.05, lambda = 0.85 * c * mu;
  PoolRun run = simulatePool(c, lambda, 1 / mu, 1.0, 2'000'000, 12);
  queueing::PoolStats exact = queueing::mmcStats(c, lambda, 1 / mu, 1.0);
  EXPECT_NEAR(run.wait.mean(), exact.meanWait, kTolerance * exact.meanWait);
  EXPECT_NEAR(run.response.mean(), exact.meanResponse, kTolerance * exact.meanResponse);
  EXPECT_NEAR(run.response.quantile(0.95), exact.p95Response, kTolerance * exact.p95Response);
  // P(wait > 0) is Erlang C.
  double waited = double(run.wait.count() - run.wait.underflow()) / double(run.wait.count());
  EXPECT_NEAR(waited, exact.waitProbability, kTolerance * exact.waitProbability);
}

TEST(QueueingValidation, MD1MeanWaitAgainstPollaczekKhinchine) {
  double lambda = 0.75, service = 1.0;
  PoolRun run = simulatePool(1, lambda, service, 0.0, 2'000'000, 13);
  double expected = queueing::mg1MeanWait(lambda, service, 0.0);  // rho / (2 mu (1 - rho))
  EXPECT_NEAR(expected, 0.75 / (2 * 0.25), 1e-12);
  EXPECT_NEAR(run.wait.mean(), expected, kTolerance * expected);
}

TEST(QueueingValidation, LostServersSlowThePoolDown) {
  EventScheduler scheduler;
  ServerPool pool(scheduler, 4, 1.0, 0.0, RandomStream(1, 1));
  int finished = 0;
  for (int i = 0; i < 8; ++i) pool.submit([&](double, double) { ++finished; });
  pool.setServers(2);  // the four in service finish; then two at a time
  scheduler.runUntil(1.0);
  EXPECT_EQ(finished, 4);
  scheduler.runUntil(2.0);
  EXPECT_EQ(finished, 6);
  pool.setServers(4);
  EXPECT_EQ(pool.busy(), 2);
  scheduler.run();
  EXPECT_EQ(finished, 8);
}

// Clients that give up after a fixed patience take their request with them: M/M/1+D, whose
// abandonment probability is P0 * (lambda / mu) * exp((lambda - mu) * tau), with
// 1 / P0 = 1 + lambda * (exp((lambda - mu) * tau) - 1) / (lambda - mu) + (lambda / mu) *
// exp((lambda - mu) * tau) (the virtual waiting time of a queue with impatient customers).
TEST(QueueingValidation, AbandonedRequestsLeaveTheQueueAsInMM1PlusD) {
  const double lambda = 1.25, mu = 1.0, patience = 2.0;
  EventScheduler scheduler;
  ServerPool pool(scheduler, 1, 1 / mu, 1.0, RandomStream(7, 1));
  RandomStream arrivals(7, 2);
  const std::uint64_t customers = 400'000;
  std::uint64_t arrived = 0, served = 0;
  std::function<void()> arrive = [&] {
    auto gaveUp = std::make_shared<bool>(false);
    scheduler.after(patience, [gaveUp] { *gaveUp = true; });
    pool.submit([&served](double, double) { ++served; }, [gaveUp] { return !*gaveUp; });
    if (++arrived < customers) scheduler.after(arrivals.exponential(1 / lambda), arrive);
  };
  scheduler.after(0.0, arrive);
  scheduler.run();
  double growth = std::exp((lambda - mu) * patience);
  double p0 = 1 / (1 + lambda * (growth - 1) / (lambda - mu) + lambda / mu * growth);
  double expected = p0 * lambda / mu * growth;  // about 0.327
  double abandoned = double(pool.abandoned()) / double(arrived);
  EXPECT_EQ(served + pool.abandoned(), arrived);  // every request served or dropped
  EXPECT_NEAR(abandoned, expected, kTolerance * expected);
}

}  // namespace
}  // namespace tsunagu::des
