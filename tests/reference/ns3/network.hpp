// Point-to-point networks for the ns-3 reference cases: nodes, links with a stated queue on
// each egress, and the TCP settings every case shares.
#pragma once

#include <string>

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

namespace ref {

class Figures;

// What sits on one device's egress.
//  kFifo:     pfifo qdisc of 1000 packets over a 100-packet device queue; used wherever the
//             link is not the one under study, so that nothing is lost there.
//  kDropTail: a 100-packet FIFO: pfifo qdisc of 100 packets over a 1-packet device queue
//             (with no qdisc at all, ns-3 drops silently in the traffic-control layer).
//  kFqCoDel:  FqCoDelQueueDisc with ns-3's defaults over a 1-packet device queue, so the AQM
//             and not the device holds the backlog.
enum class Egress { kFifo, kDropTail, kFqCoDel };

// Delayed-ACK timeout of every case. ns-3's default, 200 ms, equals MinRto, so a sender's RTO
// fires spuriously whenever the receiver holds back the ACK of a lone last segment; Linux's
// minimum delayed-ACK timeout (40 ms) avoids that.
constexpr int kDelayedAckTimeoutMs = 40;

// The TCP settings of every case (Config defaults); call before building any node.
void ConfigureTcp();
// Writes those settings and the queue kinds into the parameters of `figures`.
void DescribeCommonSettings(Figures& figures);

struct LinkEnds {
  ns3::Ptr<ns3::PointToPointNetDevice> a_device;
  ns3::Ptr<ns3::PointToPointNetDevice> b_device;
  ns3::Ipv4Address a_address;
  ns3::Ipv4Address b_address;
};

class Network {
 public:
  Network();
  ns3::Ptr<ns3::Node> AddNode();
  // A full-duplex link; `a_egress` applies to a's device (traffic a -> b).
  LinkEnds Connect(ns3::Ptr<ns3::Node> a, ns3::Ptr<ns3::Node> b, const std::string& rate,
                   const std::string& delay, Egress a_egress, Egress b_egress);
  // Call once, after the last link.
  void PopulateRoutes();

 private:
  void SetEgress(ns3::Ptr<ns3::PointToPointNetDevice> device, Egress egress);

  ns3::InternetStackHelper stack_;
  int subnet_ = 0;
};

// Packets held at an egress: the qdisc's and the device queue's.
uint32_t PacketsQueued(ns3::Ptr<ns3::PointToPointNetDevice> device);

// Packets dropped at an egress so far: the qdisc's and the device queue's.
uint64_t PacketsDropped(ns3::Ptr<ns3::PointToPointNetDevice> device);

}  // namespace ref
