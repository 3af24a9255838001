// A device sending its screen on TCP (source role, docs/protocol.md §2.4): the transport around
// a SourceSession. Takes the socket over from the DisplayConnection that read the HELLO, sends
// WELCOME, decodes what the device sends, publishes each new picture to the DeviceRegistry,
// ACKs every frame, keeps the connection alive both ways, and ends it with ERROR on a bad frame
// or silence. Network thread only.
#pragma once

#include <utility>  // before asio: its awaitable.hpp uses std::exchange without it

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tfts/server/source_session.h"
#include "tfts/source/device_registry.h"

namespace tfts::server {

class SourceConnection final : public std::enable_shared_from_this<SourceConnection> {
 public:
  using GoneFn = std::function<void(SourceConnection&)>;

  // `early` holds what the device sent right after its HELLO (already read from the socket).
  // `gone` runs once the connection has closed; it must forget the connection.
  // The session is made here (a decoder cannot move): id, HELLO and terms as for SourceSession.
  SourceConnection(boost::asio::ip::tcp::socket socket, std::string peer, uint32_t session_id,
                   const Hello& hello, int max_in_flight, std::vector<uint8_t> early,
                   source::DeviceRegistry& devices, std::chrono::milliseconds keepalive,
                   GoneFn gone);

  void start();
  // Sends BYE(reason) and closes (the server stopping).
  void shutdown(proto::Reason reason, const std::string& text);
  // Asks the device for a complete frame (REFRESH).
  void request_refresh();

  const SourceSession& session() const { return session_; }
  const std::string& peer() const { return peer_; }

 private:
  using Bytes = std::vector<uint8_t>;

  boost::asio::awaitable<void> read_loop();
  // Feeds device bytes to the session; false once the connection is ending.
  bool take(std::span<const uint8_t> bytes);
  void send(Bytes bytes);
  void pump();
  void close_with(proto::MessageType type, proto::Reason reason, const std::string& text);
  void close_now(const std::string& why);
  void arm_watchdog();
  void on_watchdog();
  std::string who() const;

  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer watchdog_;
  boost::asio::steady_timer drained_;  // cancelled when queued_bytes_ falls to kMaxQueued
  std::string peer_;
  SourceSession session_;
  Bytes early_;
  source::DeviceRegistry& devices_;
  std::chrono::milliseconds keepalive_;
  GoneFn gone_;
  std::deque<Bytes> queue_;
  // Bytes waiting in queue_ and the write. Beyond kMaxQueued the read loop waits for writes
  // (a device that does not read its ACKs then stops being read: TCP pushes back on it).
  static constexpr size_t kMaxQueued = 64 * 1024;
  size_t queued_bytes_ = 0;
  Bytes writing_bytes_;
  bool writing_ = false;
  bool closing_ = false;  // close once queue_ is written
  bool closed_ = false;
  std::string close_note_;
  std::chrono::steady_clock::time_point last_rx_, last_tx_;
};

}  // namespace tfts::server
