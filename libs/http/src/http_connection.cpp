#include "tfts/http/http_connection.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cctype>
#include <optional>

#include "tfts/http/target_parser.h"

namespace tfts::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

namespace {

constexpr auto kRequestDeadline = 10s;  // to send one whole request once it has begun
constexpr auto kIdleDeadline = 30s;     // between requests on a kept-alive connection
constexpr size_t kHeaderLimit = 8 * 1024;
constexpr size_t kBodyLimit = 1024 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bhttp::response<bhttp::string_body> to_beast(const Response& r, unsigned version,
                                             bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "tftstream");
  out.set(bhttp::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(r.body.size());
  } else {
    out.body() = r.body;
    out.prepare_payload();
  }
  return out;
}

}  // namespace

HttpConnection::HttpConnection(asio::ip::tcp::socket socket, std::shared_ptr<const Router> router,
                               std::shared_ptr<const WebSocketRoutes> websockets,
                               std::shared_ptr<int> open_count)
    : stream_(std::move(socket)),
      router_(std::move(router)),
      websockets_(std::move(websockets)),
      open_count_(std::move(open_count)) {
  ++*open_count_;
  boost::system::error_code ec;
  const auto ep = stream_.socket().remote_endpoint(ec);
  peer_ = ec ? "unknown" : ep.address().to_string() + ":" + std::to_string(ep.port());
}

HttpConnection::~HttpConnection() { --*open_count_; }

void HttpConnection::start() {
  asio::co_spawn(stream_.get_executor(), serve(),
                 [self = shared_from_this()](std::exception_ptr) { self->close(); });
}

void HttpConnection::close() {
  if (handed_over_) return;
  boost::system::error_code ec;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
}

asio::awaitable<void> HttpConnection::serve() {
  auto self = shared_from_this();
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(kBodyLimit);
    boost::system::error_code ec;
    // The idle deadline covers the wait for a request's first byte; the request deadline then
    // bounds the rest, so a client trickling bytes cannot hold the slot for long.
    if (buffer.size() == 0) {
      stream_.expires_after(kIdleDeadline);
      const size_t n = co_await stream_.async_read_some(
          buffer.prepare(kHeaderLimit), asio::redirect_error(asio::use_awaitable, ec));
      buffer.commit(n);
    }
    if (!ec) {
      stream_.expires_after(kRequestDeadline);
      co_await bhttp::async_read(stream_, buffer, parser,
                                 asio::redirect_error(asio::use_awaitable, ec));
    }
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::bad_descriptor) {
      break;
    }
    Response response;
    bool keep_alive = false;
    unsigned version = 11;
    bool head = false;
    if (ec) {
      // Beast's parser refused it (bad syntax, limits): say why and close.
      response = Response::error(400, "bad request: " + ec.message());
    } else {
      const auto& msg = parser.get();
      version = msg.version();
      keep_alive = msg.keep_alive();
      Request request;
      request.method = std::string(msg.method_string());
      head = request.method == "HEAD";
      request.peer = peer_;
      request.body = msg.body();
      for (const auto& field : msg) {
        const auto name = field.name_string();
        request.headers[lower({name.data(), name.size()})] = std::string(field.value());
      }
      std::string why;
      const auto target = msg.target();
      request.target.assign(target.data(), target.size());
      const bool parsed =
          parse_target({target.data(), target.size()}, request.path, request.query, why);
      const auto ws = parsed ? websockets_->find(request.path) : websockets_->end();
      const bool upgrade = ws != websockets_->end() && boost::beast::websocket::is_upgrade(msg);
      std::optional<Response> refused;
      if (parsed && upgrade) refused = router_->check(request).refusal;
      if (parsed && upgrade && !refused) {
        // The connection becomes the WebSocket's: accept the upgrade and hand it over.
        handed_over_ = true;
        WebSocket socket(std::move(stream_));
        socket.read_message_max(1 << 20);
        co_await socket.async_accept(msg, asio::redirect_error(asio::use_awaitable, ec));
        if (!ec) ws->second(std::move(socket), request);
        co_return;
      }
      if (!parsed) {
        response = Response::error(400, why);
      } else if (refused) {
        response = std::move(*refused);
        keep_alive = false;  // the client asked for an upgrade, not for more requests
      } else {
        response = router_->dispatch(request);
      }
    }
    auto out = to_beast(response, version, keep_alive, head);
    stream_.expires_after(kRequestDeadline);
    co_await bhttp::async_write(stream_, out, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  close();
}

}  // namespace tfts::http
