#include "network.hpp"

#include <cstdlib>
#include <iostream>

#include "figures.hpp"

namespace ref {

using namespace ns3;

namespace {
constexpr uint32_t kSegmentSize = 1448;  // 1500-byte IP packets with the timestamp option
constexpr uint32_t kSocketBuffer = 64u << 20;
constexpr char kDeviceQueue[] = "100p";
constexpr char kFifoQdisc[] = "1000p";
constexpr char kDropTailQdisc[] = "100p";
constexpr char kSmallDeviceQueue[] = "1p";
}  // namespace

void ConfigureTcp() {
  Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpNewReno::GetTypeId()));
  Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(kSegmentSize));
  Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(10));
  Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(kSocketBuffer));
  Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(kSocketBuffer));
  Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(2));
  Config::SetDefault("ns3::TcpSocket::DelAckTimeout",
                     TimeValue(MilliSeconds(kDelayedAckTimeoutMs)));
  // ns-3 retries a SYN after 3 s by default; RFC 6298 and Linux use 1 s.
  Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(1)));
  Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(MilliSeconds(200)));
  Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(true));
  Config::SetDefault("ns3::TcpSocketBase::WindowScaling", BooleanValue(true));
  Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(true));
  Config::SetDefault("ns3::PointToPointNetDevice::Mtu", UintegerValue(1500));
  // TIME_WAIT of 60 s as in Linux (ns-3: 240 s); fewer lingering endpoints to demultiplex.
  Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(30));
}

void DescribeCommonSettings(Figures& figures) {
  figures.Param("simulator", "ns-3 3.37 (Debian libns3-dev 3.37)");
  figures.Param("tcp.congestion_control", "TcpNewReno (set explicitly)");
  figures.Param("tcp.recovery", "TcpPrrRecovery (ns-3 3.37 default)");
  figures.Param("tcp.segment_size_bytes", std::to_string(kSegmentSize));
  figures.Param("tcp.headers_per_segment_bytes", "20 IP + 20 TCP + 12 timestamp option");
  figures.Param("tcp.timestamps", "on");
  figures.Param("tcp.sack", "on");
  figures.Param("tcp.window_scaling", "on");
  figures.Param("tcp.initial_cwnd_segments", "10");
  figures.Param("tcp.initial_ssthresh", "unlimited (ns-3 default)");
  figures.Param("tcp.min_rto_ms", "200");
  figures.Param("tcp.initial_rto_ms", "1000 (ns-3 default RttEstimator InitialEstimation)");
  figures.Param("tcp.syn_retry_timeout_ms", "1000 (ConnTimeout; ns-3's default is 3000)");
  figures.Param("tcp.delayed_ack",
                "ACK every 2nd segment (ns-3 default DelAckCount 2); timeout " +
                    std::to_string(kDelayedAckTimeoutMs) +
                    " ms (Linux's minimum; ns-3's default 200 ms equals MinRto and makes the "
                    "sender's RTO fire spuriously on a lone last segment)");
  figures.Param("tcp.nagle", "off (ns-3 default TcpNoDelay)");
  figures.Param("tcp.pacing", "off (ns-3 default)");
  figures.Param("tcp.time_wait_s", "60 (MaxSegLifetime 30 s; ns-3's default is 240 s)");
  figures.Param("tcp.retries", "6 SYN retries, 6 data retransmissions (ns-3 defaults)");
  figures.Param("tcp.socket_buffers_bytes", std::to_string(kSocketBuffer) + " send and receive");
  figures.Param("link.type", "point-to-point, full duplex, PPP 2-byte header, MTU 1500");
  figures.Param("link.rate_counts", "every byte on the wire: PPP + IP + TCP headers + payload");
  figures.Param("queue.fifo", std::string("non-bottleneck egress: pfifo qdisc ") + kFifoQdisc +
                                  " over a DropTail device queue of " + kDeviceQueue);
  figures.Param("queue.droptail", std::string("bottleneck egress: pfifo qdisc (FifoQueueDisc) ") +
                                      kDropTailQdisc + " over a DropTail device queue of " +
                                      kSmallDeviceQueue + " (plus the packet on the wire)");
  figures.Param("queue.fq-codel",
                std::string("FqCoDelQueueDisc, ns-3 defaults: target 5 ms, interval 100 ms, "
                            "limit 10240p, 1024 flows, drop batch 64, quantum = MTU; its "
                            "UseEcn is on but TCP ECN is off (ns-3 default), so it drops; "
                            "over a DropTail device queue of ") +
                    kSmallDeviceQueue);
  figures.Param("routing", "Ipv4GlobalRouting (static shortest paths)");
  figures.Param("units", "KB = 1000 B, MB = 10^6 B, Mb/s = 10^6 bit/s");
}

Network::Network() = default;

Ptr<Node> Network::AddNode() {
  Ptr<Node> node = CreateObject<Node>();
  stack_.Install(node);
  return node;
}

LinkEnds Network::Connect(Ptr<Node> a, Ptr<Node> b, const std::string& rate,
                          const std::string& delay, Egress a_egress, Egress b_egress) {
  PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", StringValue(rate));
  p2p.SetChannelAttribute("Delay", StringValue(delay));
  p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(kDeviceQueue));
  NetDeviceContainer devices = p2p.Install(a, b);

  ++subnet_;
  Ipv4AddressHelper addresses;
  const std::string base =
      "10." + std::to_string(subnet_ / 256) + "." + std::to_string(subnet_ % 256) + ".0";
  addresses.SetBase(base.c_str(), "255.255.255.0");
  // Assign() installs ns-3's default qdisc (FqCoDel in 3.37); SetEgress replaces it.
  Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

  LinkEnds ends{DynamicCast<PointToPointNetDevice>(devices.Get(0)),
                DynamicCast<PointToPointNetDevice>(devices.Get(1)), interfaces.GetAddress(0),
                interfaces.GetAddress(1)};
  SetEgress(ends.a_device, a_egress);
  SetEgress(ends.b_device, b_egress);
  return ends;
}

void Network::SetEgress(Ptr<PointToPointNetDevice> device, Egress egress) {
  TrafficControlHelper tc;
  tc.Uninstall(device);
  switch (egress) {
    case Egress::kFifo:
      tc.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", StringValue(kFifoQdisc));
      tc.Install(device);
      break;
    case Egress::kDropTail:
      device->GetQueue()->SetMaxSize(QueueSize(kSmallDeviceQueue));
      tc.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", StringValue(kDropTailQdisc));
      tc.Install(device);
      break;
    case Egress::kFqCoDel:
      device->GetQueue()->SetMaxSize(QueueSize(kSmallDeviceQueue));
      tc.SetRootQueueDisc("ns3::FqCoDelQueueDisc");
      tc.Install(device);
      break;
  }
  Ptr<TrafficControlLayer> layer = device->GetNode()->GetObject<TrafficControlLayer>();
  if (!layer->GetRootQueueDiscOnDevice(device)) {
    std::cerr << "network.cpp: the qdisc on a device is not the one asked for\n";
    std::exit(1);
  }
}

void Network::PopulateRoutes() {
  Ipv4GlobalRoutingHelper::PopulateRoutingTables();
}

uint32_t PacketsQueued(Ptr<PointToPointNetDevice> device) {
  uint32_t packets = device->GetQueue()->GetNPackets();
  Ptr<TrafficControlLayer> layer = device->GetNode()->GetObject<TrafficControlLayer>();
  if (Ptr<QueueDisc> qdisc = layer->GetRootQueueDiscOnDevice(device)) {
    packets += qdisc->GetNPackets();
  }
  return packets;
}

uint64_t PacketsDropped(Ptr<PointToPointNetDevice> device) {
  uint64_t drops = device->GetQueue()->GetTotalDroppedPackets();
  Ptr<TrafficControlLayer> layer = device->GetNode()->GetObject<TrafficControlLayer>();
  if (Ptr<QueueDisc> qdisc = layer->GetRootQueueDiscOnDevice(device)) {
    drops += qdisc->GetStats().nTotalDroppedPackets;
  }
  return drops;
}

}  // namespace ref
