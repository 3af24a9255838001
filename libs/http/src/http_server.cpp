#include "tfts/http/http_server.h"

#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

#include "tfts/http/http_connection.h"

namespace tfts::http {

namespace asio = boost::asio;
using asio::ip::tcp;

HttpServer::HttpServer(asio::io_context& io, Router router, WebSocketRoutes websockets)
    : io_(io),
      acceptor_(io),
      router_(std::make_shared<const Router>(std::move(router))),
      websockets_(std::make_shared<const WebSocketRoutes>(std::move(websockets))) {}

HttpServer::~HttpServer() { close(); }

bool HttpServer::listen(const std::string& bind, int port, std::string& error) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(bind, ec);
  if (ec) {
    error = "cannot listen on '" + bind + "': not an IP address";
    return false;
  }
  const tcp::endpoint ep(address, static_cast<uint16_t>(port));
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + bind + ":" + std::to_string(port) + " (HTTP): " + ec.message();
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return false;
  }
  port_ = acceptor_.local_endpoint().port();
  accept();
  return true;
}

void HttpServer::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // Out of descriptors and the like: try again shortly instead of spinning.
      spdlog::warn("HTTP accept failed: {}", ec.message());
      auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(100));
      timer->async_wait([this, timer](const boost::system::error_code& e) {
        if (!e && acceptor_.is_open()) accept();
      });
      return;
    }
    if (*open_ >= kMaxConnections) {
      boost::system::error_code ignored;
      socket.close(ignored);  // over the cap: refuse outright rather than queue
    } else {
      auto connection = std::make_shared<HttpConnection>(std::move(socket), router_, websockets_,
                                                         open_);
      connections_.push_back(connection);
      connection->start();
    }
    std::erase_if(connections_, [](const auto& w) { return w.expired(); });
    accept();
  });
}

void HttpServer::close() {
  boost::system::error_code ec;
  acceptor_.close(ec);
  for (auto& w : connections_) {
    if (auto c = w.lock()) c->close();
  }
  connections_.clear();
}

}  // namespace tfts::http
