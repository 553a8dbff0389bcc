#pragma once

#include <cmath>

namespace tsunagu::test {

// M/M/c by hand, from the definitions, independent of models/queueing (what the tests check it
// and the engine against).

// Erlang C: the probability that an arrival waits, c servers, a erlangs offered.
inline double erlangC(int c, double a) {
  double term = 1, sum = 0;
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  double top = term * c / (c - a);
  return top / (sum + top);
}

// P(response > t): no wait with probability 1 - C, else an exponential wait of rate
// c mu - lambda; plus an exponential service of rate mu.
inline double responseTail(int c, double lambda, double mu, double t) {
  double C = erlangC(c, lambda / mu), theta = c * mu - lambda;
  double both = std::abs(theta - mu) < 1e-12
                    ? std::exp(-mu * t) * (1 + mu * t)
                    : (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
  return (1 - C) * std::exp(-mu * t) + C * both;
}

// The q-quantile of the response, by bisection on the tail.
inline double responsePercentile(int c, double lambda, double mu, double q) {
  double low = 0, high = 100 / mu;
  for (int i = 0; i < 200; ++i) {
    double mid = (low + high) / 2;
    (responseTail(c, lambda, mu, mid) > 1 - q ? low : high) = mid;
  }
  return (low + high) / 2;
}

}  // namespace tsunagu::test
