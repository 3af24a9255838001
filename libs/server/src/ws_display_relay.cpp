#include "tfts/server/ws_display_relay.h"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <spdlog/spdlog.h>

namespace tfts::server {

namespace asio = boost::asio;
namespace beast = boost::beast;

WsDisplayRelay::WsDisplayRelay(http::WebSocket socket, asio::ip::tcp::endpoint display_port,
                               std::string peer)
    : ws_(std::move(socket)),
      tcp_(ws_.get_executor()),
      display_port_(display_port),
      peer_(std::move(peer)) {
  ws_.binary(true);
  // The HTTP deadlines no longer apply: the display's own keepalives and the server's
  // timeouts police the session; WebSocket pings are not needed for that.
  beast::get_lowest_layer(ws_).expires_never();
}

void WsDisplayRelay::start() {
  asio::co_spawn(ws_.get_executor(), run(),
                 [self = shared_from_this()](std::exception_ptr) { self->close(); });
}

asio::awaitable<void> WsDisplayRelay::run() {
  auto self = shared_from_this();
  boost::system::error_code ec;
  co_await tcp_.async_connect(display_port_, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    spdlog::warn("browser display {}: cannot reach the display port: {}", peer_, ec.message());
    close();
    co_return;
  }
  tcp_.set_option(asio::ip::tcp::no_delay(true), ec);
  spdlog::info("browser display {}: relaying to the display port", peer_);
  asio::co_spawn(tcp_.get_executor(), server_to_browser(),
                 [self](std::exception_ptr) { self->close(); });
  co_await browser_to_server();
}

asio::awaitable<void> WsDisplayRelay::browser_to_server() {
  auto self = shared_from_this();
  beast::flat_buffer buffer;
  while (!closed_) {
    boost::system::error_code ec;
    co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || closed_) break;
    co_await asio::async_write(tcp_, buffer.data(), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    buffer.consume(buffer.size());
  }
  close();
}

asio::awaitable<void> WsDisplayRelay::server_to_browser() {
  auto self = shared_from_this();
  std::array<uint8_t, 16384> chunk;
  while (!closed_) {
    boost::system::error_code ec;
    const size_t n = co_await tcp_.async_read_some(asio::buffer(chunk),
                                                   asio::redirect_error(asio::use_awaitable, ec));
    if (ec || closed_) break;
    // One write at a time: the next read waits for this one, so a slow browser slows the
    // socket, the server sees its credit window fill, and nothing queues here.
    co_await ws_.async_write(asio::buffer(chunk.data(), n),
                             asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
  }
  // The server ended the session (after its BYE, relayed above): end the WebSocket properly,
  // so the browser sees a close rather than a broken connection.
  if (!closed_) {
    boost::system::error_code ec;
    co_await ws_.async_close(beast::websocket::close_code::normal,
                             asio::redirect_error(asio::use_awaitable, ec));
  }
  close();
}

void WsDisplayRelay::close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ec;
  tcp_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  tcp_.close(ec);
  beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  beast::get_lowest_layer(ws_).close();
}

}  // namespace tfts::server
