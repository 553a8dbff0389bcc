#pragma once

#include <Random123/threefry.h>

#include <cstdint>

namespace tsunagu {

// Counter-based random numbers (Random123 Threefry): the value for (seed, purpose, index) is
// fixed, so every facility draws the same numbers whatever else the run does, and two scenarios
// with the same seed see the same facilities behave alike (common random numbers).
enum class RandomPurpose : std::uint64_t {
  Readiness = 1,       // when a facility adopts services (its rank against adoption curves)
  LineTechnology = 2,  // which access line it starts with
  Migration = 3,       // whether a migration event moves it (the event index is added)
  Membership = 4,      // whether it belongs to a regional network
  HubChoice = 5,       // which of its prefecture's regional networks
  MemberLine = 6,      // the technology of its regional-network line
};

inline double uniform01(std::uint64_t seed, RandomPurpose purpose, std::uint64_t index,
                        std::uint64_t extra = 0) {
  using Generator = r123::Threefry2x64;
  Generator generator;
  Generator::key_type key = {{seed, static_cast<std::uint64_t>(purpose) + (extra << 8)}};
  Generator::ctr_type counter = {{index, 0}};
  auto bits = generator(counter, key);
  return double(bits[0] >> 11) * 0x1.0p-53;  // 53 random bits in [0, 1)
}

}  // namespace tsunagu
