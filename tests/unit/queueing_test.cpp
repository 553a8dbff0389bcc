#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "models/queueing/queueing.hpp"

namespace tsunagu::queueing {
namespace {

// Every expectation below is computed without the code under test: published table values,
// textbook closed forms, or the reference routines in this file, which take different routes
// (direct sums in long double, the untransformed M/M/c tail, Simpson's rule over the other
// variable of the convolution).

constexpr double kInf = std::numeric_limits<double>::infinity();

// Erlang B straight from its definition, (a^c/c!) / Σ_{k≤c} a^k/k!; long double, no recurrence.
long double directErlangB(int c, long double a) {
  long double term = 1;
  long double sum = 1;
  for (int k = 1; k <= c; ++k) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

// Erlang C from its own definition: (a^c/c!)·c/(c−a) over Σ_{k<c} a^k/k! plus that.
long double directErlangC(int c, long double a) {
  long double term = 1;
  long double sum = 0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  long double waiting = term * c / (c - a);
  return waiting / (sum + waiting);
}

// Erlang B for pools too large for direct sums: the same definition, summed in log space.
long double logSpaceErlangB(int c, long double a) {
  std::vector<long double> logTerms(c + 1);
  long double largest = -INFINITY;
  for (int k = 0; k <= c; ++k) {
    logTerms[k] = k * std::log(a) - std::lgamma(static_cast<long double>(k) + 1);
    largest = std::max(largest, logTerms[k]);
  }
  long double sum = 0;
  for (long double t : logTerms) sum += std::exp(t - largest);
  return std::exp(logTerms[c] - largest) / sum;
}

// P(T > t) in M/M/c as written in the textbooks, with its limit form when cμ − λ = μ.
double textbookMmcTail(int c, double lambda, double meanService, double t) {
  double mu = 1 / meanService;
  double C = static_cast<double>(directErlangC(c, lambda * meanService));
  double drain = c * mu - lambda;
  if (drain == mu) return (1 - C) * std::exp(-mu * t) + C * (1 + mu * t) * std::exp(-mu * t);
  return (1 - C) * std::exp(-mu * t) +
         C * (drain * std::exp(-mu * t) - mu * std::exp(-drain * t)) / (drain - mu);
}

double simpson(const std::function<double(double)>& f, double a, double b, int intervals) {
  double h = (b - a) / intervals;
  double sum = f(a) + f(b);
  for (int i = 1; i < intervals; ++i) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return sum * h / 3;
}

// P(T ≤ t) in M/M/c by conditioning on the service time: ∫ μe^{−μs}·P(Wq ≤ t − s) ds.
double simpsonMmcCdf(int c, double lambda, double meanService, double t) {
  double mu = 1 / meanService;
  double C = static_cast<double>(directErlangC(c, lambda * meanService));
  double drain = c * mu - lambda;
  auto density = [&](double s) {
    return mu * std::exp(-mu * s) * (1 - C * std::exp(-drain * (t - s)));
  };
  return simpson(density, 0, t, 20000);
}

// The Allen–Cunneen response tail with lognormal service, conditioning on the wait instead of
// the service time: (1−C)·G(t) + C·[e^{−t/θ} + ∫_0^t e^{−w/θ}/θ · G(t − w) dw], G = P(S > x).
double simpsonLognormalTail(int c, double lambda, double meanService, double cv, double t) {
  double C = static_cast<double>(directErlangC(c, lambda * meanService));
  double theta = (1 + cv * cv) / (2 * (c / meanService - lambda));
  double sigma = std::sqrt(std::log(1 + cv * cv));
  double m = std::log(meanService) - sigma * sigma / 2;
  auto survivor = [&](double x) {
    return x <= 0 ? 1.0 : 0.5 * std::erfc((std::log(x) - m) / (sigma * std::sqrt(2.0)));
  };
  auto integrand = [&](double w) { return std::exp(-w / theta) / theta * survivor(t - w); };
  return (1 - C) * survivor(t) + C * (std::exp(-t / theta) + simpson(integrand, 0, t, 400000));
}

double relative(double value, double expected) {
  return std::abs(value - expected) / std::abs(expected);
}

TEST(Queueing, ErlangBMatchesPublishedValues) {
  // Erlang B tables: 10 trunks offered 5 Erlangs block 1.8385%.
  EXPECT_NEAR(erlangB(10, 5.0), 0.0183846, 1e-7);
  // A single server blocks a/(1 + a).
  for (double a : {0.1, 0.5, 1.0, 3.0, 40.0}) EXPECT_NEAR(erlangB(1, a), a / (1 + a), 1e-15);
  EXPECT_EQ(erlangB(0, 3.0), 1.0);
  EXPECT_EQ(erlangB(5, 0.0), 0.0);
}

TEST(Queueing, ErlangCMatchesPublishedValues) {
  // One server waits with probability ρ; two servers at 1 Erlang wait 1/3 of the time; the
  // Erlang C table gives 0.40918 for 10 agents at 8 Erlangs.
  for (double rho : {0.1, 0.5, 0.9, 0.999}) EXPECT_NEAR(erlangC(1, rho), rho, 1e-14);
  EXPECT_NEAR(erlangC(2, 1.0), 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(erlangC(10, 8.0), 0.40918, 5e-6);
  EXPECT_EQ(erlangC(5, 0.0), 0.0);
}

TEST(Queueing, ErlangBAndCMatchDirectSumsOverAGrid) {
  for (int c : {1, 2, 3, 4, 5, 7, 10, 13, 20, 27, 35, 42, 50}) {
    for (double rho : {0.01, 0.05, 0.2, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99}) {
      double a = rho * c;
      double b = static_cast<double>(directErlangB(c, a));
      double w = static_cast<double>(directErlangC(c, a));
      EXPECT_LE(relative(erlangB(c, a), b), 1e-12) << "B c=" << c << " rho=" << rho;
      EXPECT_LE(relative(erlangC(c, a), w), 1e-12) << "C c=" << c << " rho=" << rho;
    }
  }
}

TEST(Queueing, ErlangBStaysAccurateForHugePools) {
  // At ρ = 0.95 B is about 1e-60; far lighter loads underflow to zero, as they should.
  EXPECT_LT(erlangB(100000, 50000.0), 1e-300);
  for (double rho : {0.95, 0.99, 1.0, 1.2}) {
    int c = 100000;
    double a = rho * c;
    double expected = static_cast<double>(logSpaceErlangB(c, a));
    double got = erlangB(c, a);
    EXPECT_TRUE(std::isfinite(got));
    // The 1e5-term long-double log-space sum is itself good to ~1e-11 here.
    EXPECT_LE(relative(got, expected), 1e-9) << "rho=" << rho;
  }
}

TEST(Queueing, MM1MatchesClosedForms) {
  // λ = 7/s, μ = 10/s: T is exponential with rate μ − λ = 3/s.
  PoolStats stats = mmcStats(1, 7.0, 0.1);
  EXPECT_TRUE(stats.stable);
  EXPECT_NEAR(stats.utilisation, 0.7, 1e-15);
  EXPECT_NEAR(stats.waitProbability, 0.7, 1e-15);
  EXPECT_NEAR(stats.meanWait, 0.7 / 3.0, 1e-12);
  EXPECT_NEAR(stats.meanResponse, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(stats.p95Response, std::log(20.0) / 3.0, 1e-9);
  EXPECT_NEAR(stats.p99Response, std::log(100.0) / 3.0, 1e-9);
  for (double t : {0.0, 0.1, 0.5, 2.0})
    EXPECT_NEAR(mmcResponseTail(1, 7.0, 0.1, 1.0, t), std::exp(-3.0 * t), 1e-14);
  EXPECT_NEAR(mmcResponsePercentile(1, 7.0, 0.1, 1.0, 0.999), std::log(1000.0) / 3.0, 1e-9);
}

struct MmcCase {
  int c;
  double lambda;
  double meanService;
};

// Includes c = 3 at 2 Erlangs with μ = 2, where cμ − λ = μ and the tail takes its limit form.
const std::vector<MmcCase> kMmcCases = {{2, 1.0, 1.0},   {3, 4.0, 0.5},   {4, 30.0, 0.1},
                                        {10, 8.0, 1.0},  {10, 95.0, 0.1}, {25, 20.0, 1.0},
                                        {50, 48.0, 1.0}, {7, 0.5, 2.0}};

TEST(Queueing, MMcMeansAreErlangCWaitPlusService) {
  for (const auto& k : kMmcCases) {
    double C = static_cast<double>(directErlangC(k.c, k.lambda * k.meanService));
    double wait = C / (k.c / k.meanService - k.lambda);
    PoolStats stats = mmcStats(k.c, k.lambda, k.meanService);
    EXPECT_LE(relative(stats.waitProbability, C), 1e-12);
    EXPECT_LE(relative(stats.meanWait, wait), 1e-12);
    EXPECT_LE(relative(stats.meanResponse, wait + k.meanService), 1e-12);
    EXPECT_NEAR(stats.utilisation, k.lambda * k.meanService / k.c, 1e-15);
  }
}

TEST(Queueing, MMcPercentilesSolveTheResponseCdf) {
  for (const auto& k : kMmcCases) {
    PoolStats stats = mmcStats(k.c, k.lambda, k.meanService);
    for (auto [q, t] : {std::pair{0.95, stats.p95Response}, std::pair{0.99, stats.p99Response}}) {
      // The textbook CDF at the returned point is q ...
      EXPECT_NEAR(1 - textbookMmcTail(k.c, k.lambda, k.meanService, t), q, 1e-9)
          << "c=" << k.c << " lambda=" << k.lambda << " q=" << q;
      // ... and so is the CDF integrated from the service and wait distributions.
      EXPECT_NEAR(simpsonMmcCdf(k.c, k.lambda, k.meanService, t), q, 1e-9)
          << "c=" << k.c << " lambda=" << k.lambda << " q=" << q;
    }
    for (double t : {0.0, 0.3, 1.0, 4.0})
      EXPECT_NEAR(mmcResponseTail(k.c, k.lambda, k.meanService, 1.0, t),
                  textbookMmcTail(k.c, k.lambda, k.meanService, t), 1e-12);
  }
}

TEST(Queueing, AllenCunneenWithUnitCvIsExactlyMMc) {
  for (const auto& k : kMmcCases) {
    PoolStats byDefault = mmcStats(k.c, k.lambda, k.meanService);
    PoolStats unitCv = mmcStats(k.c, k.lambda, k.meanService, 1.0);
    EXPECT_EQ(unitCv.meanWait, byDefault.meanWait);
    EXPECT_EQ(unitCv.p99Response, byDefault.p99Response);
    double C = static_cast<double>(directErlangC(k.c, k.lambda * k.meanService));
    EXPECT_LE(relative(unitCv.meanWait, C / (k.c / k.meanService - k.lambda)), 1e-12);
    EXPECT_NEAR(1 - textbookMmcTail(k.c, k.lambda, k.meanService, unitCv.p95Response), 0.95, 1e-9);
  }
}

TEST(Queueing, AllenCunneenScalesTheMMcWait) {
  // c = 4, λ = 30/s, E[S] = 0.1 s: Wq(M/M/4) = C/(40 − 30); Cs = 0.5 scales it by 0.625.
  double C = static_cast<double>(directErlangC(4, 3.0));
  EXPECT_LE(relative(mmcStats(4, 30.0, 0.1, 0.5).meanWait, C / 10 * 0.625), 1e-12);
  EXPECT_LE(relative(mmcStats(4, 30.0, 0.1, 2.0).meanWait, C / 10 * 2.5), 1e-12);
  EXPECT_LE(relative(mmcStats(4, 30.0, 0.1, 2.0).meanResponse, C / 10 * 2.5 + 0.1), 1e-12);
}

TEST(Queueing, SingleServerMeanWaitIsPollaczekKhinchine) {
  // M/D/1, λ = 8/s, E[S] = 0.1 s (ρ = 0.8, μ = 10): Wq = ρ/(2μ(1 − ρ)) = 0.2 s.
  EXPECT_NEAR(mmcStats(1, 8.0, 0.1, 0.0).meanWait, 0.8 / (2 * 10 * 0.2), 1e-14);
  EXPECT_NEAR(mg1MeanWait(8.0, 0.1, 0.0), 0.2, 1e-14);
  // Allen–Cunneen is exact for the M/G/1 mean whatever the CV: λE[S²]/(2(1 − ρ)).
  for (double cv : {0.0, 0.3, 1.0, 2.0, 5.0}) {
    double pk = 8.0 * 0.01 * (1 + cv * cv) / (2 * 0.2);
    EXPECT_LE(relative(mmcStats(1, 8.0, 0.1, cv).meanWait, pk), 1e-12) << "cv=" << cv;
    EXPECT_LE(relative(mg1MeanWait(8.0, 0.1, cv), pk), 1e-12) << "cv=" << cv;
  }
}

TEST(Queueing, DeterministicServicePercentilesByHand) {
  // M/D/1 at ρ = 0.8: C = 0.8, θ = (1 + 0)/(2(μ − λ)) = 0.25 s, so P(T > t) = 0.8·e^{−(t−0.1)/0.25}
  // beyond t = 0.1 s and the q-quantile is 0.1 + 0.25·ln(0.8/(1 − q)).
  PoolStats stats = mmcStats(1, 8.0, 0.1, 0.0);
  EXPECT_NEAR(stats.p95Response, 0.1 + 0.25 * std::log(16.0), 1e-12);
  EXPECT_NEAR(stats.p99Response, 0.1 + 0.25 * std::log(80.0), 1e-12);
  // Ten servers at 2 Erlangs rarely queue (C ≈ 4e-5 < 1%): the percentiles are the service time.
  ASSERT_LT(directErlangC(10, 2.0), 0.01L);
  PoolStats light = mmcStats(10, 20.0, 0.1, 0.0);
  EXPECT_EQ(light.p95Response, 0.1);
  EXPECT_EQ(light.p99Response, 0.1);
}

TEST(Queueing, LognormalServicePercentilesMatchAnIndependentQuadrature) {
  struct Case {
    int c;
    double lambda, meanService, cv;
  };
  for (const auto& k : {Case{1, 8.0, 0.1, 0.5}, Case{4, 30.0, 0.1, 2.0}, Case{20, 100.0, 0.1, 0.7},
                        Case{10, 9.0, 1.0, 0.2}}) {
    for (double q : {0.95, 0.99}) {
      double t = mmcResponsePercentile(k.c, k.lambda, k.meanService, k.cv, q);
      double exceed = 1 - q;
      // The reference tail at the returned point is 1 − q ...
      EXPECT_LE(relative(simpsonLognormalTail(k.c, k.lambda, k.meanService, k.cv, t), exceed), 1e-6)
          << "c=" << k.c << " cv=" << k.cv << " q=" << q;
      // ... so the true percentile lies within 1e-4 relative of it.
      EXPECT_GT(simpsonLognormalTail(k.c, k.lambda, k.meanService, k.cv, t * (1 - 1e-4)), exceed);
      EXPECT_LT(simpsonLognormalTail(k.c, k.lambda, k.meanService, k.cv, t * (1 + 1e-4)), exceed);
    }
  }
}

TEST(Queueing, NearlyDeterministicServiceApproachesTheDeterministicPercentile) {
  double deterministic = mmcStats(4, 30.0, 0.1, 0.0).p99Response;
  double nearly = mmcStats(4, 30.0, 0.1, 1e-3).p99Response;
  EXPECT_LE(relative(nearly, deterministic), 1e-3);
}

TEST(Queueing, ServersNeededHandWorkedCase) {
  // λ = 100/s, E[S] = 50 ms exponential (a = 5 Erlangs), p99 response ≤ 0.3 s.
  int brute = -1;
  for (int c = 1; c <= 50 && brute < 0; ++c) {
    PoolStats stats = mmcStats(c, 100.0, 0.05);
    if (stats.stable && stats.p99Response <= 0.3) brute = c;
  }
  int needed = serversNeeded(100.0, 0.05, 1.0, 0.99, 0.3);
  EXPECT_EQ(needed, brute);
  // Worked separately from the textbook tail: P(T > 0.3 s) is 0.0112 with six servers and
  // 0.0033 with seven.
  EXPECT_EQ(needed, 7);
  EXPECT_GT(textbookMmcTail(6, 100.0, 0.05, 0.3), 0.01);
  EXPECT_LE(textbookMmcTail(7, 100.0, 0.05, 0.3), 0.01);
  EXPECT_GT(mmcStats(needed - 1, 100.0, 0.05).p99Response, 0.3);
}

TEST(Queueing, ServersNeededReportsImpossibleTargets) {
  // The service time alone has p99 = ln(100)·0.05 s ≈ 0.230 s; no pool gets under 0.2 s.
  EXPECT_EQ(serversNeeded(100.0, 0.05, 1.0, 0.99, 0.2), -1);
  EXPECT_EQ(serversNeeded(100.0, 0.05, 0.5, 0.99, 0.05), -1);
  // Reachable with 7 servers, but not with at most 5 (unstable at a = 5) or 6.
  EXPECT_EQ(serversNeeded(100.0, 0.05, 1.0, 0.99, 0.3, 5), -1);
  EXPECT_EQ(serversNeeded(100.0, 0.05, 1.0, 0.99, 0.3, 6), -1);
  EXPECT_EQ(serversNeeded(100.0, 0.05, 1.0, 0.99, 0.3, 7), 7);
}

TEST(Queueing, ServersNeededIsMonotone) {
  int previous = 0;
  for (double lambda : {1.0, 10.0, 50.0, 100.0, 400.0, 1000.0, 5000.0}) {
    int c = serversNeeded(lambda, 0.05, 1.0, 0.99, 0.3);
    EXPECT_GE(c, previous) << "lambda=" << lambda;
    EXPECT_GT(c, lambda * 0.05) << "lambda=" << lambda;
    previous = c;
  }
  previous = std::numeric_limits<int>::max();
  for (double target : {0.4, 0.5, 0.7, 1.0, 5.0}) {
    int c = serversNeeded(400.0, 0.05, 1.5, 0.99, target);
    ASSERT_GT(c, 0) << "target=" << target;
    EXPECT_LE(c, previous) << "target=" << target;
    previous = c;
  }
  // (With Cs = 1.5 the lognormal service time alone has p99 ≈ 0.35 s, so 0.4 s is reachable.)
  // What serversNeeded relies on: adding servers never raises the percentile.
  double previousP99 = kInf;
  for (int c = 21; c <= 40; ++c) {
    double p99 = mmcStats(c, 400.0, 0.05, 1.5).p99Response;
    EXPECT_LE(p99, previousP99) << "c=" << c;
    previousP99 = p99;
  }
}

TEST(Queueing, ServersNeededForALargePool) {
  // 5,000 Erlangs: the answer sits just above the load; check it meets and one fewer fails.
  // (The Cs = 2 service time alone has p99 ≈ 0.43 s, hence a 1 s target.)
  for (double cv : {1.0, 0.5, 2.0}) {
    int c = serversNeeded(100000.0, 0.05, cv, 0.99, 1.0);
    ASSERT_GT(c, 5000) << "cv=" << cv;
    EXPECT_LE(mmcResponsePercentile(c, 100000.0, 0.05, cv, 0.99), 1.0) << "cv=" << cv;
    EXPECT_GT(mmcResponsePercentile(c - 1, 100000.0, 0.05, cv, 0.99), 1.0) << "cv=" << cv;
  }
}

TEST(Queueing, UnstablePoolsAreFlagged) {
  for (double lambda : {4.0, 5.0}) {  // a = 2 and 2.5 Erlangs on two servers
    PoolStats stats = mmcStats(2, lambda, 0.5, 1.0);
    EXPECT_FALSE(stats.stable);
    EXPECT_DOUBLE_EQ(stats.utilisation, lambda * 0.5 / 2);
    EXPECT_EQ(stats.waitProbability, 1.0);
    EXPECT_EQ(stats.meanWait, kInf);
    EXPECT_EQ(stats.meanResponse, kInf);
    EXPECT_EQ(stats.p95Response, kInf);
    EXPECT_EQ(stats.p99Response, kInf);
    EXPECT_EQ(mmcResponseTail(2, lambda, 0.5, 0.5, 100.0), 1.0);
    EXPECT_EQ(mmcResponsePercentile(2, lambda, 0.5, 0.5, 0.5), kInf);
    EXPECT_FALSE(mmcStats(2, lambda, 0.5, 0.3).stable);
  }
  EXPECT_EQ(erlangC(3, 3.0), 1.0);
  EXPECT_EQ(erlangC(3, 7.5), 1.0);
  EXPECT_TRUE(mmcStats(3, 5.9, 0.5).stable);
  EXPECT_EQ(mg1MeanWait(10.0, 0.1, 1.0), kInf);
  EXPECT_EQ(processorSharingMeanResponse(12.0, 0.1), kInf);
}

TEST(Queueing, SingleServerReferenceFormulas) {
  // λ = 5/s, E[S] = 0.1 s, ρ = 0.5. PS: 0.1/0.5. P–K with Cs = 2: 5·0.01·5/(2·0.5).
  EXPECT_NEAR(processorSharingMeanResponse(5.0, 0.1), 0.2, 1e-15);
  EXPECT_NEAR(mg1MeanWait(5.0, 0.1, 2.0), 0.25, 1e-15);
  // Exponential service: P–K gives the M/M/1 wait ρ/(μ − λ).
  EXPECT_NEAR(mg1MeanWait(5.0, 0.1, 1.0), 0.5 / 5.0, 1e-15);
}

TEST(Queueing, InvalidArgumentsThrow) {
  EXPECT_THROW(erlangB(-1, 1.0), std::invalid_argument);
  EXPECT_THROW(erlangB(3, -1.0), std::invalid_argument);
  EXPECT_THROW(erlangC(3, std::nan("")), std::invalid_argument);
  EXPECT_THROW(mmcStats(0, 1.0, 0.1), std::invalid_argument);
  EXPECT_THROW(mmcStats(2, -1.0, 0.1), std::invalid_argument);
  EXPECT_THROW(mmcStats(2, 1.0, 0.0), std::invalid_argument);
  EXPECT_THROW(mmcStats(2, 1.0, 0.1, -0.5), std::invalid_argument);
  EXPECT_THROW(mmcResponsePercentile(2, 1.0, 0.1, 1.0, 1.0), std::invalid_argument);
  EXPECT_THROW(serversNeeded(1.0, 0.1, 1.0, 0.0, 1.0), std::invalid_argument);
}

}  // namespace
}  // namespace tsunagu::queueing
