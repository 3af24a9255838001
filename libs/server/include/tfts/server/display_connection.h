// A display on TCP: the transport around a DisplaySession. It reads the handshake and the
// display's messages, writes frames only when the session has credit and nothing else is being
// written (so frames are encoded at send time from the newest screen frame, never queued), sends
// KEEPALIVE when idle, and ends the connection on timeouts, protocol errors or a display that
// stops reading, with an ERROR or BYE carrying the reason where the socket still allows it.
// All of it runs on the server's network thread.
#pragma once

#include <utility>  // before asio: its awaitable.hpp uses std::exchange without it

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfts/server/connection_host.h"

namespace tfts::server {

class DisplayConnection final : public std::enable_shared_from_this<DisplayConnection>,
                                public FeedMember {
 public:
  DisplayConnection(boost::asio::ip::tcp::socket socket, ConnectionHost& host, int keepalive_ms);

  void start();
  // Sends BYE(reason) if the socket is free, then closes. Used when the server stops.
  void shutdown(proto::Reason reason, const std::string& text);

  void deliver(const ScreenFramePtr& frame, const pipeline::TileMask& damage) override;

  // Moves an admitted connection to another screen's feed (the caller has removed it from the
  // old one): it gets the new feed's current frame as a diff against what it shows.
  void move_to(FeedFanout& fanout, const std::string& screen, DisplayMetrics* metrics);
  // The screen's quality setting changed (admitted connections only).
  void set_max_error(int max_error) { session_->set_max_error(max_error); }
  FeedFanout* fanout() const { return admission_.fanout; }

  const std::string& peer() const { return peer_; }
  // Null until the handshake is done.
  const DisplaySession* session() const { return session_ ? &*session_ : nullptr; }
  const std::string& screen() const { return admission_.screen; }

 private:
  using Bytes = std::vector<uint8_t>;

  boost::asio::awaitable<void> read_loop();
  // After a complete HELLO: admit or refuse.
  void on_hello(const Hello& hello);
  // After a source HELLO: the socket goes to the host (ConnectionHost::adopt_source).
  void hand_over_source(const Hello& hello, std::span<const uint8_t> early);
  void pump();           // starts the next write if any: control bytes first, then a frame
  void write_frame(const OutgoingFrame& frame);
  void write_bytes(Bytes bytes);
  void on_written(const boost::system::error_code& ec, size_t bytes);
  // Sends `type`(reason, text) after the current write, then closes.
  void close_with(proto::MessageType type, proto::Reason reason, const std::string& text);
  void close_now(const std::string& why);
  // Counts a protocol error (bad handshake, violation, timeout) with the server.
  void count_error(proto::Reason reason);
  void arm_watchdog();
  std::chrono::milliseconds watchdog_tick() const;
  std::function<size_t(const boost::system::error_code&, size_t)> progress();
  void on_watchdog();
  std::string who() const;

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer watchdog_;
  ConnectionHost& host_;
  std::chrono::milliseconds keepalive_;
  std::string peer_;

  Admission admission_;
  std::optional<DisplaySession> session_;
  std::deque<Bytes> control_;  // small messages waiting for the socket (keepalive, error, bye)
  OutgoingFrame writing_frame_;  // keeps the shared body alive during its write
  Bytes writing_bytes_;
  bool writing_ = false;
  bool closing_ = false;  // no more frames; close once control_ is written
  std::string close_note_;  // why, for the log line when it closes
  bool closed_ = false;
  bool error_counted_ = false;  // a connection counts as at most one protocol error
  Clock::time_point started_, last_rx_, last_tx_;
  Clock::time_point write_started_;  // the current write's start, or its last progress
  Clock::time_point frame_write_started_;  // when the frame being written began (send time)
};

}  // namespace tfts::server
