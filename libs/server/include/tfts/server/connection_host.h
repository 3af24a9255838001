// What a display connection needs from the server: admission after a good HELLO (which screen,
// which settings, or a refusal), and a way to leave. Implemented by Server; tests may fake it.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "tfts/server/display_session.h"
#include "tfts/server/feed_fanout.h"
#include "tfts/server/hello.h"

namespace tfts::server {

class DisplayConnection;

struct Admission {
  FeedFanout* fanout = nullptr;      // null = refused
  SessionSettings settings;
  std::string screen;                // the screen's name, for logs
  DisplayMetrics* metrics = nullptr;  // where the session reports (null: not measured)
  uint32_t session_id = 0;
  proto::Reason refusal_reason = proto::Reason::normal;
  std::string refusal;               // why, when refused
};

class ConnectionHost {
 public:
  virtual ~ConnectionHost() = default;
  virtual Admission admit(const Hello& hello) = 0;
  // A HELLO with the source role (a device sending its screen, protocol §2.4): the host takes
  // the socket over, with the bytes that already followed the HELLO. The connection then
  // leaves as if closed, without a word on the socket.
  virtual void adopt_source(boost::asio::ip::tcp::socket socket, const std::string& peer,
                            const Hello& hello, std::vector<uint8_t> early) = 0;
  // The connection has closed; it must be forgotten (and its feed detached when unused).
  virtual void leave(DisplayConnection& connection, FeedFanout* fanout) = 0;
  // A connection ended with a protocol error (bad handshake, violation, timeout); `session` is
  // null when it failed before its handshake completed.
  virtual void protocol_error(const DisplaySession* session, const std::string& screen,
                              proto::Reason reason) = 0;
};

}  // namespace tfts::server
