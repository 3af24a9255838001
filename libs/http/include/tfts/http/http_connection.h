// One client connection of HttpServer: reads requests with limits, answers each through the
// router, keeps the connection alive while the client wants it, and closes it on a deadline.
// Lives on the io_context's thread; shared_from_this keeps it alive while its coroutine runs.
#pragma once

#include <utility>  // before asio: its awaitable.hpp uses std::exchange without it

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <memory>

#include "tfts/http/http_server.h"
#include "tfts/http/router.h"

namespace tfts::http {

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  HttpConnection(boost::asio::ip::tcp::socket socket, std::shared_ptr<const Router> router,
                 std::shared_ptr<const WebSocketRoutes> websockets, std::shared_ptr<int> open_count);
  ~HttpConnection();

  void start();
  void close();

 private:
  boost::asio::awaitable<void> serve();

  boost::beast::tcp_stream stream_;
  std::shared_ptr<const Router> router_;
  std::shared_ptr<const WebSocketRoutes> websockets_;
  bool handed_over_ = false;  // the socket now belongs to a WebSocket handler
  std::shared_ptr<int> open_count_;
  std::string peer_;
};

}  // namespace tfts::http
