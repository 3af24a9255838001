#include "tfts/prom/http_client.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <memory>
#include <optional>

namespace tfts::prom {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Prometheus' headers are a few hundred bytes; a proxy's a few KiB.
constexpr uint32_t kMaxHeaderBytes = 64 * 1024;
constexpr double kMaxTimeoutS = 24 * 3600;

// Concatenation by appending: GCC 12 warns falsely (-Wrestrict) about `a + b + c` at -O3.
std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) out.append(part);
  return out;
}

// "3", "0.5": seconds as a person writes them.
std::string format_seconds(double s) {
  char buf[32];
  snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// "8 MiB", "1 KiB", "1000 bytes".
std::string format_size(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) {
    return join({std::to_string(bytes >> 20), " MiB"});
  }
  if (bytes >= 1024 && bytes % 1024 == 0) return join({std::to_string(bytes >> 10), " KiB"});
  return join({std::to_string(bytes), " bytes"});
}

// "host:port", with brackets around an IPv6 address.
std::string authority(const Url& url) {
  if (url.host.find(':') != std::string::npos) return join({"[", url.host, "]:", url.port});
  return join({url.host, ":", url.port});
}

bool lower_starts_with(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// One GET in flight: the steps run as completion handlers on a private io_context, and a
// timer closes the socket when the deadline passes, which ends whichever step is waiting.
class Exchange {
 public:
  Exchange(const Url& url, std::string target, double timeout_s, size_t max_body)
      : url_(url),
        target_(std::move(target)),
        timeout_s_(timeout_s),
        max_body_(max_body),
        resolver_(ioc_),
        stream_(ioc_),
        timer_(ioc_) {}

  HttpResponse run(const std::vector<std::pair<std::string, std::string>>& headers) {
    request_.version(11);
    request_.method(http::verb::get);
    request_.target(target_);
    request_.set(http::field::host, url_.port == "80" ? url_.host : authority(url_));
    request_.set(http::field::user_agent, "tftstream");
    request_.set(http::field::accept, "application/json");
    request_.set(http::field::connection, "close");
    for (const auto& [name, value] : headers) request_.set(name, value);

    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(max_body_);

    // Clamped so that no timeout (NaN, 1e300) overflows the clock's integer ticks.
    const double timeout = timeout_s_ > 0 ? std::min(timeout_s_, kMaxTimeoutS) : 0.0;
    timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(timeout)));
    timer_.async_wait([this](const beast::error_code& ec) {
      if (ec || done_) return;
      timed_out_ = true;
      resolver_.cancel();
      beast::error_code ignored;
      stream_.socket().close(ignored);
    });

    // A literal address needs no lookup (and a lookup cannot be interrupted: see the header).
    beast::error_code ec;
    const auto address = asio::ip::make_address(url_.host, ec);
    if (!ec) {
      const auto port = static_cast<unsigned short>(std::stoul(url_.port));
      endpoints_.push_back(tcp::endpoint(address, port));
      connect();
    } else {
      stage_ = "resolving";
      resolver_.async_resolve(url_.host, url_.port,
                              [this](const beast::error_code& e, tcp::resolver::results_type r) {
                                if (e) return fail(e);
                                for (const auto& entry : r) endpoints_.push_back(entry.endpoint());
                                connect();
                              });
    }
    ioc_.run();
    return std::move(response_);
  }

 private:
  void connect() {
    stage_ = "connecting";
    stream_.async_connect(endpoints_, [this](const beast::error_code& e, const tcp::endpoint&) {
      if (e) return fail(e);
      stage_ = "sending the request";
      http::async_write(stream_, request_, [this](const beast::error_code& e2, size_t) {
        if (e2) return fail(e2);
        stage_ = "waiting for the answer";
        http::async_read(stream_, buffer_, *parser_, [this](const beast::error_code& e3, size_t) {
          if (e3) return fail(e3);
          finish();
        });
      });
    });
  }

  void finish() {
    done_ = true;
    timer_.cancel();
    response_.ok = true;
    response_.status = static_cast<int>(parser_->get().result_int());
    response_.body = std::move(parser_->get().body());
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  void fail(const beast::error_code& ec) {
    done_ = true;
    timer_.cancel();
    response_.ok = false;
    response_.error = describe(ec);
  }

  std::string describe(const beast::error_code& ec) const {
    const std::string where = authority(url_);
    if (timed_out_) {
      return join(
          {"timed out after ", format_seconds(timeout_s_), " s (", stage_, ", ", where, ")"});
    }
    if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again ||
        ec == asio::error::no_data || stage_ == std::string_view("resolving")) {
      return join({"cannot resolve host '", url_.host, "'"});
    }
    if (ec == asio::error::connection_refused) return join({"connection refused (", where, ")"});
    if (ec == asio::error::host_unreachable || ec == asio::error::network_unreachable) {
      return join({"no route to ", where});
    }
    if (ec == http::error::body_limit) {
      return join({"response body over ", format_size(max_body_)});
    }
    if (ec == http::error::header_limit) {
      return join({"response headers over ", format_size(kMaxHeaderBytes)});
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset) {
      return join({"connection closed by ", where, " before it answered"});
    }
    if (ec == http::error::partial_message) {
      return join({"the answer from ", where, " was cut short"});
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return join({"not an HTTP answer from ", where, " (", ec.message(), ")"});
    }
    return join({stage_, " ", where, ": ", ec.message()});
  }

  const Url& url_;
  const std::string target_;
  const double timeout_s_;
  const size_t max_body_;
  asio::io_context ioc_;
  tcp::resolver resolver_;
  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  std::vector<tcp::endpoint> endpoints_;
  http::request<http::empty_body> request_;
  std::optional<http::response_parser<http::string_body>> parser_;
  beast::flat_buffer buffer_;
  HttpResponse response_;
  std::string_view stage_ = "connecting";
  bool timed_out_ = false;
  bool done_ = false;
};

}  // namespace

bool parse_url(const std::string& text, Url& out, std::string& error) {
  if (lower_starts_with(text, "https://")) {
    error =
        "https is not supported: point url at Prometheus' plain http listener, or at a "
        "local proxy that adds TLS";
    return false;
  }
  if (!lower_starts_with(text, "http://")) {
    error = join({"url must start with http:// (got '", text, "')"});
    return false;
  }
  const std::string rest = text.substr(7);
  const size_t slash = rest.find('/');
  const std::string host_port = rest.substr(0, slash);
  std::string path = slash == std::string::npos ? std::string() : rest.substr(slash);
  if (host_port.find('@') != std::string::npos) {
    error = "credentials in the url are not supported: use bearer_token";
    return false;
  }
  if (path.find_first_of("?#") != std::string::npos ||
      host_port.find_first_of("?#") != std::string::npos) {
    error = "url must not have a query (?) or fragment (#): give the base path only";
    return false;
  }
  Url url;
  std::string port;
  if (!host_port.empty() && host_port[0] == '[') {  // [IPv6]:port
    const size_t close = host_port.find(']');
    if (close == std::string::npos) {
      error = join({"url has an unclosed '[' in '", host_port, "'"});
      return false;
    }
    url.host = host_port.substr(1, close - 1);
    const std::string after = host_port.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') {
        error = join({"url has text after ']' in '", host_port, "'"});
        return false;
      }
      port = after.substr(1);
    }
  } else {
    const size_t colon = host_port.find(':');
    url.host = host_port.substr(0, colon);
    if (colon != std::string::npos) port = host_port.substr(colon + 1);
  }
  if (url.host.empty()) {
    error = join({"url has no host: '", text, "'"});
    return false;
  }
  if (url.host.find_first_of(" \t\r\n/\\") != std::string::npos) {
    error = join({"url has a bad host: '", url.host, "'"});
    return false;
  }
  if (!port.empty() || host_port.back() == ':') {
    const bool digits = !port.empty() && port.size() <= 5 &&
                        port.find_first_not_of("0123456789") == std::string::npos;
    const unsigned long number = digits ? std::stoul(port) : 0;
    if (number < 1 || number > 65535) {
      error = join({"url has a bad port '", port, "' (1 to 65535)"});
      return false;
    }
    url.port = std::to_string(number);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  url.base_path = path;
  out = std::move(url);
  return true;
}

HttpResponse http_get(const Url& url, const std::string& target, double timeout_s,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      size_t max_body) {
  // Asio and Beast throw only for resource exhaustion (no memory, no descriptors); a library
  // must not let that escape into the poller thread.
  try {
    Exchange exchange(url, join({url.base_path, target}), timeout_s, max_body);
    return exchange.run(headers);
  } catch (const std::exception& e) {
    HttpResponse r;
    r.error = join({"cannot ask ", authority(url), ": ", e.what()});
    return r;
  }
}

std::string url_encode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

}  // namespace tfts::prom
