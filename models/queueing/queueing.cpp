#include "models/queueing/queueing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace tsunagu::queueing {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

void require(bool ok, const char* message) {
  if (!ok) throw std::invalid_argument(message);
}

void checkPool(int servers, double arrivalRate, double meanServiceTime, double serviceCv) {
  require(servers >= 1, "queueing: a pool needs at least one server");
  require(arrivalRate >= 0 && std::isfinite(arrivalRate),
          "queueing: arrival rate must be finite and >= 0");
  require(meanServiceTime > 0 && std::isfinite(meanServiceTime),
          "queueing: mean service time must be finite and > 0");
  require(serviceCv >= 0 && std::isfinite(serviceCv),
          "queueing: service-time CV must be finite and >= 0");
}

// What every response-time question needs about a stable pool. The wait is C·exp(−t/θ) beyond
// its atom at zero: θ = 1/(cμ−λ) for M/M/c, stretched by (1 + Cs²)/2 under Allen–Cunneen.
struct Pool {
  double meanService = 0;
  double cv = 1;
  double waitProbability = 0;
  double theta = 0;
  double drain = 0;  // cμ − λ: how fast the queue empties
  bool stable = true;
};

Pool describe(int servers, double arrivalRate, double meanServiceTime, double serviceCv) {
  checkPool(servers, arrivalRate, meanServiceTime, serviceCv);
  Pool pool;
  pool.meanService = meanServiceTime;
  pool.cv = serviceCv;
  double offered = arrivalRate * meanServiceTime;
  pool.stable = offered < servers;
  pool.waitProbability = erlangC(servers, offered);
  // (c − a)/E[S] rather than c/E[S] − λ: the two terms are close near saturation.
  pool.drain = (servers - offered) / meanServiceTime;
  pool.theta = pool.stable ? (1 + serviceCv * serviceCv) / (2 * pool.drain) : kInfinity;
  return pool;
}

// (1 − e^{−x})/x, continuous through x = 0; keeps the two-exponential M/M/c tail from
// cancelling when cμ − λ is close to μ.
double relativeExpm1(double x) {
  return x == 0 ? 1.0 : -std::expm1(-x) / x;
}

// Exponential service, exponential wait tail: the M/M/c response-time distribution,
//   (1−C)e^{−μt} + C[r e^{−μt} − μ e^{−rt}]/(r − μ),   r = 1/θ,
// rewritten as e^{−lo·t}(1 + lo·t·(1 − e^{−(hi−lo)t})/((hi−lo)t)) so that it has no 0/0 at r = μ
// (where it becomes (1 + μt)e^{−μt}) and loses no digits near it.
double exponentialServiceTail(const Pool& pool, double t) {
  double mu = 1 / pool.meanService;
  double rate = 1 / pool.theta;
  double lo = std::min(mu, rate);
  double hi = std::max(mu, rate);
  double waited = std::exp(-lo * t) * (1 + lo * t * relativeExpm1((hi - lo) * t));
  return (1 - pool.waitProbability) * std::exp(-mu * t) + pool.waitProbability * waited;
}

double deterministicServiceTail(const Pool& pool, double t) {
  if (t < pool.meanService) return 1.0;
  return pool.waitProbability * std::exp(-(t - pool.meanService) / pool.theta);
}

// Adaptive Gauss–Kronrod (7/15 points). The integrands here are smooth but can have one steep
// rise (where the wait's exponential meets the service density), which fixed rules miss.
constexpr std::array<double, 8> kKronrodNodes = {
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
    0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
    0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
constexpr std::array<double, 8> kKronrodWeights = {
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
// Gauss weights for the odd-indexed Kronrod nodes (1, 3, 5) and the centre.
constexpr std::array<double, 4> kGaussWeights = {
    0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
    0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

// `budget` caps the number of panels so a misbehaving integrand costs time, not a hang.
template <typename F>
double integrate(const F& f, double a, double b, double tolerance, int& budget) {
  double centre = (a + b) / 2;
  double half = (b - a) / 2;
  double fc = f(centre);
  double kronrod = kKronrodWeights[7] * fc;
  double gauss = kGaussWeights[3] * fc;
  for (int i = 0; i < 7; ++i) {
    double dx = half * kKronrodNodes[i];
    double pair = f(centre - dx) + f(centre + dx);
    kronrod += kKronrodWeights[i] * pair;
    if (i % 2 == 1) gauss += kGaussWeights[i / 2] * pair;
  }
  kronrod *= half;
  gauss *= half;
  --budget;
  if (std::abs(kronrod - gauss) <= std::max(tolerance, 1e-13 * std::abs(kronrod)) || budget <= 0)
    return kronrod;
  return integrate(f, a, centre, tolerance, budget) + integrate(f, centre, b, tolerance, budget);
}

// Lognormal service time with the pool's mean and CV, independent of the wait:
//   P(T > t) = P(S > t) + E[1{S ≤ t}·C·exp(−(t − S)/θ)].
// The expectation is taken over z = (ln S − m)/σ, where the density is a plain Gaussian.
double lognormalServiceTail(const Pool& pool, double t) {
  if (t <= 0) return 1.0;
  double sigma = std::sqrt(std::log1p(pool.cv * pool.cv));
  double logMean = std::log(pool.meanService) - sigma * sigma / 2;
  double zAtT = (std::log(t) - logMean) / sigma;
  double beyond = 0.5 * std::erfc(zAtT / std::sqrt(2.0));
  if (pool.waitProbability == 0) return beyond;

  // Outside ±10 the Gaussian holds under 1e-23 of the mass, far below any tail we invert.
  constexpr double kZLimit = 10;
  double zLow = -kZLimit;
  double zHigh = std::min(zAtT, kZLimit);
  if (zHigh <= zLow) return beyond;

  auto integrand = [&](double z) {
    double s = std::exp(logMean + sigma * z);
    return std::exp(-0.5 * z * z - (t - s) / pool.theta);
  };
  // Split where the integrand can turn sharply: the Gaussian's peak, and where the wait factor
  // rises from negligible (40 θ short of t) to order one (a few θ short of t).
  std::vector<double> cuts = {zLow, zHigh, 0.0};
  for (double margin : {40.0, 8.0, 1.0}) {
    double s = t - margin * pool.theta;
    if (s > 0) cuts.push_back((std::log(s) - logMean) / sigma);
  }
  std::sort(cuts.begin(), cuts.end());
  double total = 0;
  double previous = zLow;
  int budget = 4000;
  for (double cut : cuts) {
    cut = std::clamp(cut, zLow, zHigh);
    if (cut > previous) total += integrate(integrand, previous, cut, 1e-15, budget);
    previous = std::max(previous, cut);
  }
  constexpr double kInvSqrt2Pi = 0.398942280401432677939946059934;
  return beyond + pool.waitProbability * kInvSqrt2Pi * total;
}

double responseTail(const Pool& pool, double t) {
  if (!pool.stable) return 1.0;
  if (t < 0) return 1.0;
  if (pool.cv == 1) return exponentialServiceTail(pool, t);
  if (pool.cv == 0) return deterministicServiceTail(pool, t);
  return lognormalServiceTail(pool, t);
}

double responsePercentile(const Pool& pool, double q) {
  if (!pool.stable) return kInfinity;
  double exceed = 1 - q;
  if (pool.cv == 0) {
    // T = E[S] + Wq exactly: the wait's atom at zero puts an atom at E[S].
    if (pool.waitProbability <= exceed) return pool.meanService;
    return pool.meanService + pool.theta * std::log(pool.waitProbability / exceed);
  }
  double lo = 0;
  double hi = pool.meanService + pool.theta;
  while (responseTail(pool, hi) > exceed) {
    lo = hi;
    hi *= 2;
  }
  // 1e-12 relative: ample for the 1e-9 promised, and bisection gets there in ~45 steps.
  while (hi - lo > 1e-12 * hi) {
    double mid = lo + (hi - lo) / 2;
    if (responseTail(pool, mid) > exceed)
      lo = mid;
    else
      hi = mid;
  }
  return hi;
}

void checkPercentile(double q) {
  require(q > 0 && q < 1, "queueing: percentile must lie in (0, 1)");
}

}  // namespace

double erlangB(int servers, double offeredErlangs) {
  require(servers >= 0, "queueing: servers must be >= 0");
  require(offeredErlangs >= 0 && std::isfinite(offeredErlangs),
          "queueing: offered load must be finite and >= 0");
  double blocking = 1.0;
  for (int k = 1; k <= servers; ++k) {
    double carried = offeredErlangs * blocking;
    blocking = carried / (k + carried);
  }
  return blocking;
}

double erlangC(int servers, double offeredErlangs) {
  double blocking = erlangB(servers, offeredErlangs);
  if (offeredErlangs >= servers) return 1.0;
  return servers * blocking / (servers - offeredErlangs * (1 - blocking));
}

PoolStats mmcStats(int servers, double arrivalRate, double meanServiceTime, double serviceCv) {
  Pool pool = describe(servers, arrivalRate, meanServiceTime, serviceCv);
  PoolStats stats;
  stats.utilisation = arrivalRate * meanServiceTime / servers;
  stats.waitProbability = pool.waitProbability;
  stats.stable = pool.stable;
  if (!pool.stable) {
    stats.meanWait = stats.meanResponse = kInfinity;
    stats.p95Response = stats.p99Response = kInfinity;
    return stats;
  }
  stats.meanWait = pool.waitProbability * pool.theta;  // = C/(cμ−λ)·(1 + Cs²)/2
  stats.meanResponse = stats.meanWait + meanServiceTime;
  stats.p95Response = responsePercentile(pool, 0.95);
  stats.p99Response = responsePercentile(pool, 0.99);
  return stats;
}

double mmcResponseTail(int servers, double arrivalRate, double meanServiceTime, double serviceCv,
                       double t) {
  return responseTail(describe(servers, arrivalRate, meanServiceTime, serviceCv), t);
}

double mmcResponsePercentile(int servers, double arrivalRate, double meanServiceTime,
                             double serviceCv, double q) {
  checkPercentile(q);
  return responsePercentile(describe(servers, arrivalRate, meanServiceTime, serviceCv), q);
}

int serversNeeded(double arrivalRate, double meanServiceTime, double serviceCv, double percentile,
                  double targetResponse, int maxServers) {
  checkPercentile(percentile);
  checkPool(1, arrivalRate, meanServiceTime, serviceCv);
  require(!std::isnan(targetResponse), "queueing: target response must be a number");
  // The q-quantile is at most the target exactly when P(T > target) ≤ 1 − q, which is one tail
  // evaluation per candidate instead of a percentile search.
  auto meets = [&](int servers) {
    Pool pool = describe(servers, arrivalRate, meanServiceTime, serviceCv);
    return pool.stable && responseTail(pool, targetResponse) <= 1 - percentile;
  };
  double offered = arrivalRate * meanServiceTime;
  // The smallest stable pool; fewer servers can only fail.
  double firstStable = std::floor(offered) + 1;
  if (firstStable > maxServers) return -1;
  int failing = static_cast<int>(firstStable);
  if (meets(failing)) return failing;
  if (!meets(maxServers)) return -1;
  // Gallop up (square-root staffing puts the answer about √a above a), then bisect.
  int passing = maxServers;
  for (long step = 1; failing + step < maxServers; step *= 2) {
    int candidate = static_cast<int>(failing + step);
    if (meets(candidate)) {
      passing = candidate;
      break;
    }
    failing = candidate;
  }
  while (passing - failing > 1) {
    int middle = failing + (passing - failing) / 2;
    if (meets(middle))
      passing = middle;
    else
      failing = middle;
  }
  return passing;
}

double mg1MeanWait(double arrivalRate, double meanServiceTime, double serviceCv) {
  checkPool(1, arrivalRate, meanServiceTime, serviceCv);
  double load = arrivalRate * meanServiceTime;
  if (load >= 1) return kInfinity;
  double secondMoment = meanServiceTime * meanServiceTime * (1 + serviceCv * serviceCv);
  return arrivalRate * secondMoment / (2 * (1 - load));
}

double processorSharingMeanResponse(double arrivalRate, double meanServiceTime) {
  checkPool(1, arrivalRate, meanServiceTime, 1.0);
  double load = arrivalRate * meanServiceTime;
  if (load >= 1) return kInfinity;
  return meanServiceTime / (1 - load);
}

}  // namespace tsunagu::queueing
