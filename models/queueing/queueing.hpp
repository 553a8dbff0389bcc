#pragma once

namespace tsunagu::queueing {

// Queueing formulas the analytic planner sizes server pools with. A pool is c identical servers
// fed by one Poisson stream (rate λ per second) from a single FIFO queue; a request's service
// time S has mean E[S] and coefficient of variation Cs. The offered load is a = λ·E[S] Erlangs
// and the pool is stable only when a < c.
//
// Exponential service (Cs = 1) is M/M/c and is treated exactly: the Erlang C waiting
// probability, the mean wait C/(cμ−λ) and the closed-form response-time distribution.
//
// Other service-time variability is M/G/c, which has no closed form. We use the Allen–Cunneen
// approximation for Poisson arrivals, Wq(M/G/c) ≈ Wq(M/M/c)·(1 + Cs²)/2, because it needs
// only the first two moments of S (all a service profile gives us), is exact for the M/G/1 mean
// (it is then Pollaczek–Khinchine) and is usually within about 10% of simulation for the
// moderate Cs and utilisations pools are planned at. For response-time percentiles the wait is
// given the M/M/c shape with the approximate mean: P(Wq > t) = C·exp(−t/θ) with θ = Wq/C, and S is
// taken as lognormal with the given mean and Cs (deterministic when Cs = 0), independent of the
// wait; the percentile of their sum is found by quadrature to well within 1e-4 relative. The
// lognormal is a modelling choice, not part of Allen–Cunneen: it is the usual shape for
// measured service times with Cs ≠ 1. At exactly Cs = 1 the service time is exponential instead, so
// p95/p99 can move by up to about 7% between Cs = 0.999 and Cs = 1 (lognormal vs exponential
// tails); the means do not.
//
// Unstable pools (λ ≥ cμ) report stable = false, utilisation a/c, waitProbability 1 and every
// wait and response time +infinity, so a planner can size past them rather than trip over them.
// Invalid arguments (negative rates or counts, non-positive mean service time, negative Cs,
// percentiles outside (0, 1)) throw std::invalid_argument.

// Erlang B: the blocking probability of c servers with no queue offered `offeredErlangs`.
// Computed by the recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), which stays in [0, 1] and so
// cannot overflow, for any c (tested to 100,000).
double erlangB(int servers, double offeredErlangs);

// Erlang C: the probability an arrival has to wait in M/M/c, C = c·B / (c − a(1 − B)).
// 1.0 when a ≥ c: every arrival eventually waits in an unstable pool.
double erlangC(int servers, double offeredErlangs);

struct PoolStats {
  double utilisation = 0;      // a/c, the long-run share of time a server is busy
  double waitProbability = 0;  // Erlang C: P(a request queues at all)
  double meanWait = 0;         // E[Wq], seconds
  double meanResponse = 0;     // E[Wq] + E[S], seconds
  double p95Response = 0;      // seconds
  double p99Response = 0;      // seconds
  bool stable = true;
};

// The steady-state picture of a pool: exact for serviceCv = 1 (M/M/c), Allen–Cunneen with a
// lognormal service time otherwise (see the top of this file).
PoolStats mmcStats(int servers, double arrivalRate, double meanServiceTime, double serviceCv = 1.0);

// P(T > t) for the response time T = Wq + S under the same model as mmcStats; 1 for t < 0 and
// for unstable pools.
double mmcResponseTail(int servers, double arrivalRate, double meanServiceTime, double serviceCv,
                       double t);

// The q-quantile of the response time (q in (0, 1)): the least t with P(T ≤ t) ≥ q. Found by
// bracketing and bisection to 1e-12 relative on the closed-form M/M/c tail; the M/G/c tail is a
// quadrature accurate to about 1e-13 absolute, far inside the 1e-4 the approximation deserves.
double mmcResponsePercentile(int servers, double arrivalRate, double meanServiceTime,
                             double serviceCv, double q);

// The fewest servers whose q-quantile response time is at most `targetResponse`, or -1 when even
// `maxServers` cannot reach it (the target is below what the service time alone allows, or the
// load needs more servers than that). The percentile falls as servers are added (the wait
// shrinks stochastically), so the answer is found by galloping up from the smallest stable pool
// and bisecting; a pool is never smaller than one server.
int serversNeeded(double arrivalRate, double meanServiceTime, double serviceCv, double percentile,
                  double targetResponse, int maxServers = 100000);

// M/G/1 FIFO mean wait (Pollaczek–Khinchine): λ·E[S²] / (2(1 − ρ)) with E[S²] = E[S]²(1 + Cs²).
// +infinity when ρ ≥ 1.
double mg1MeanWait(double arrivalRate, double meanServiceTime, double serviceCv);

// M/G/1 processor-sharing mean response: E[S] / (1 − ρ), whatever the service distribution.
// +infinity when ρ ≥ 1.
double processorSharingMeanResponse(double arrivalRate, double meanServiceTime);

}  // namespace tsunagu::queueing
