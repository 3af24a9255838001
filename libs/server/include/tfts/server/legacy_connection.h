// A seed-firmware display on TCP (docs/protocol.md §8). It writes one batch of packets at a
// time and builds the next batch only when the previous one is in the socket, whose send buffer
// is kept small, so a slow link gets fewer, newer updates instead of a backlog. Whatever the
// display sends is read and dropped (the seed firmware sends nothing). Network thread only.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tfts/server/feed_fanout.h"
#include "tfts/server/legacy_session.h"

namespace tfts::server {

class LegacyConnection final : public std::enable_shared_from_this<LegacyConnection>,
                               public FeedMember {
 public:
  using LeaveFn = std::function<void(LegacyConnection&)>;

  LegacyConnection(boost::asio::ip::tcp::socket socket, FeedFanout& fanout, int max_packet,
                   LeaveFn leave);

  void start();
  void close(const std::string& why);
  void deliver(const ScreenFramePtr& frame, const pipeline::TileMask& damage) override;

  FeedFanout& fanout() { return fanout_; }
  const LegacySession& session() const { return session_; }
  const std::string& peer() const { return peer_; }

 private:
  void read_some();
  void pump();
  void arm_watchdog();

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer watchdog_;
  FeedFanout& fanout_;
  LegacySession session_;
  LeaveFn leave_;
  std::string peer_;
  std::array<uint8_t, 512> discard_{};
  std::vector<uint8_t> batch_;
  bool writing_ = false;
  bool closed_ = false;
  std::chrono::steady_clock::time_point write_started_;
};

}  // namespace tfts::server
