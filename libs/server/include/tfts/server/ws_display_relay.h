// A display in a browser: a WebSocket on the HTTP port (/ws/display) that carries the TFTS
// protocol, relayed byte for byte to the server's own display port on loopback. Every binary
// message from the browser is a chunk of the display's stream, every message to it a chunk of
// the server's, so the browser speaks exactly what a board speaks and the server treats it like
// any other display (session, credit window, limits, metrics). Network thread only.
#pragma once

#include <utility>  // before asio: its awaitable.hpp uses std::exchange without it

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <string>

#include "tfts/http/http_server.h"

namespace tfts::server {

class WsDisplayRelay : public std::enable_shared_from_this<WsDisplayRelay> {
 public:
  WsDisplayRelay(http::WebSocket socket, boost::asio::ip::tcp::endpoint display_port,
                 std::string peer);

  void start();
  void close();  // both sides; idempotent
  bool closed() const { return closed_; }

 private:
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<void> browser_to_server();
  boost::asio::awaitable<void> server_to_browser();

  http::WebSocket ws_;
  boost::asio::ip::tcp::socket tcp_;
  boost::asio::ip::tcp::endpoint display_port_;
  std::string peer_;
  bool closed_ = false;
};

}  // namespace tfts::server
