#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace tsunagu::core {

// A typed index: a LinkId cannot be passed where a PoolId is meant. The value is the element's
// position in the table that owns it (NetworkIndex, RouteSet, Workload).
template <typename Tag>
struct Id {
  std::uint32_t value = 0;

  constexpr Id() = default;
  constexpr explicit Id(std::size_t v) : value(std::uint32_t(v)) {}
  constexpr std::size_t index() const { return value; }
  constexpr auto operator<=>(const Id&) const = default;
};

using LinkId = Id<struct LinkTag>;        // a tracked infrastructure link
using PoolId = Id<struct PoolTag>;        // a server pool the planner follows
using OriginId = Id<struct OriginTag>;    // a group of origins that route alike
using ServiceId = Id<struct ServiceTag>;  // a service the scenario models (its position there)
using EntryId = Id<struct EntryTag>;      // a row of demand (service x origin kind)

}  // namespace tsunagu::core

template <typename Tag>
struct std::hash<tsunagu::core::Id<Tag>> {
  std::size_t operator()(tsunagu::core::Id<Tag> id) const noexcept { return id.value; }
};
