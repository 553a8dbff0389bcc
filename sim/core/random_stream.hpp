#pragma once

#include <Random123/threefry.h>

#include <cmath>
#include <cstdint>
#include <string_view>

namespace tsunagu::core {

// One independent, reproducible stream of random numbers (Random123 Threefry): the numbers of
// stream (seed, id) do not depend on how many other streams exist or what they drew.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t id) : key_{{seed, id}} {}

  double uniform() {  // in (0, 1)
    if (left_ == 0) refill();
    std::uint64_t bits = block_[--left_];
    return (double(bits >> 11) + 0.5) * 0x1.0p-53;
  }
  double exponential(double mean) { return -mean * std::log(uniform()); }
  double normal() {  // Box-Muller; one draw per call keeps streams simple
    double u = uniform(), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
  // A lognormal with the given mean and coefficient of variation.
  double lognormal(double mean, double cv) {
    double sigma2 = std::log1p(cv * cv);
    return mean * std::exp(std::sqrt(sigma2) * normal() - sigma2 / 2);
  }

 private:
  void refill() {
    r123::Threefry2x64::ctr_type counter = {{counter_++, 0}};
    auto out = r123::Threefry2x64()(counter, key_);
    block_[0] = out[0];
    block_[1] = out[1];
    left_ = 2;
  }
  r123::Threefry2x64::key_type key_;
  std::uint64_t counter_ = 0;
  std::uint64_t block_[2] = {0, 0};
  int left_ = 0;
};

// The key of the stream of one element for one purpose, from names that do not depend on the
// order in which a run builds its routes, pools or failures (FNV-1a, 64 bits): two scenarios that
// differ in one link draw the same numbers everywhere else (common random numbers). The top bit
// is set so that no key meets those of the facility draws (models/core/random.hpp).
constexpr std::uint64_t streamKey(std::string_view purpose, std::string_view identity) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  auto mix = [&hash](std::string_view text) {
    for (char c : text) hash = (hash ^ std::uint8_t(c)) * 0x100000001b3ull;
    hash = (hash ^ 0xffu) * 0x100000001b3ull;  // a separator no name contains
  };
  mix(purpose);
  mix(identity);
  return hash | (std::uint64_t(1) << 63);
}

// Service and size distributions by mean and coefficient of variation: 0 is deterministic,
// 1 exponential, anything else lognormal.
inline double drawByCv(RandomStream& stream, double mean, double cv) {
  if (cv == 0) return mean;
  if (cv == 1) return stream.exponential(mean);
  return stream.lognormal(mean, cv);
}

}  // namespace tsunagu::core
