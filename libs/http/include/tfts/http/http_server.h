// HttpServer: an HTTP/1.1 listener (Boost.Beast) on a given io_context, answering each request
// through a Router. Bounded on every side so no client can hurt the displays sharing the
// thread: at most kMaxConnections at once, requests of at most 8 KiB of headers and 1 MiB of
// body, 10 s to send a request, keep-alive connections idle for at most 30 s. A malformed
// request gets 400 with the reason and the connection is closed.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tfts/http/router.h"

namespace tfts::http {
class HttpConnection;
}

namespace tfts::http {

// Takes over a WebSocket that a client opened on a registered path (already accepted).
using WebSocket = boost::beast::websocket::stream<boost::beast::tcp_stream>;
using WebSocketHandler = std::function<void(WebSocket socket, const Request& request)>;
using WebSocketRoutes = std::map<std::string, WebSocketHandler>;

class HttpServer {
 public:
  static constexpr int kMaxConnections = 64;

  HttpServer(boost::asio::io_context& io, Router router, WebSocketRoutes websockets = {});
  ~HttpServer();

  // Binds and starts accepting. False with a sentence in `error` when the address is bad or
  // the port cannot be bound. Port 0 picks a free port (see port()).
  bool listen(const std::string& bind, int port, std::string& error);
  // Stops accepting and closes every open connection. Call on the io_context's thread (or once
  // it has stopped).
  void close();

  uint16_t port() const { return port_; }

 private:
  void accept();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<const Router> router_;
  std::shared_ptr<const WebSocketRoutes> websockets_;
  std::shared_ptr<int> open_ = std::make_shared<int>(0);  // shared with connection coroutines
  std::vector<std::weak_ptr<HttpConnection>> connections_;  // to close them in close()
  uint16_t port_ = 0;
};

}  // namespace tfts::http
