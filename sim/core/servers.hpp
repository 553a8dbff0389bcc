#pragma once

namespace tsunagu::core {

// The service level of one server pool at its busy hour: the response percentile within a
// budget (the service's target, less the network's round trip where the caller counts it), and
// the utilisation target.
struct PoolLevel {
  double arrivalsPerSecond = 0;
  double serviceSeconds = 0;
  double serviceCv = 1;
  double percentile = 0;        // 0: no response target
  double budgetSeconds = 0;     // for the pool's response at that percentile
  double roundTripSeconds = 0;  // the network's part of the end-to-end response
  double utilisationTarget = 0.7;
};

// The most servers one pool is sized to (planning.servers' own maximum); a load needing more
// is reported as a breach at this count.
inline constexpr int kMaxServers = 1'000'000;

struct ServerCount {
  int servers = 1;
  // False when no count meets the response budget (the service time alone exceeds it); then
  // `servers` keeps the busy hour within the utilisation target.
  bool reachable = true;
};

// The one rule for servers needed, used by the planner, the DES and the sizer: enough servers
// to keep the busy hour within the utilisation target and, where the service has a target
// percentile, to meet it (M/M/c with the Allen-Cunneen correction). One server when nothing
// arrives.
ServerCount serversNeeded(const PoolLevel& level);

}  // namespace tsunagu::core
