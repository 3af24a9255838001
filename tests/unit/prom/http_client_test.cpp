// http_get, parse_url and url_encode: the error paths against a small scripted server run in
// the test (refused, silent, oversize, not HTTP, a proxy's 502), the good path against a real
// Prometheus (prometheus_fixture.h).
#include "tfts/prom/http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "prom/prometheus_fixture.h"
#include "tfts/prom/api_response.h"

namespace tfts::prom {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// Accepts connections on 127.0.0.1 on a thread of its own and lets `reply` do what it wants
// with each, one after the other. The request head is read first and kept for the test.
class ScriptedServer {
 public:
  using Reply = std::function<void(tcp::socket&)>;

  explicit ScriptedServer(Reply reply)
      : reply_(std::move(reply)),
        acceptor_(ioc_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    stopping_ = true;
    boost::system::error_code ec;
    tcp::socket poke(ioc_);
    poke.connect(acceptor_.local_endpoint(), ec);  // wakes accept()
    thread_.join();
  }

  Url url() const {
    Url u;
    u.host = "127.0.0.1";
    u.port = std::to_string(acceptor_.local_endpoint().port());
    return u;
  }
  std::string request() const {
    std::lock_guard lock(mutex_);
    return request_;
  }

 private:
  void serve() {
    for (;;) {
      tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      asio::streambuf head;
      const size_t n = asio::read_until(socket, head, "\r\n\r\n", ec);
      {
        std::lock_guard lock(mutex_);
        request_.assign(asio::buffers_begin(head.data()), asio::buffers_begin(head.data()) + n);
      }
      reply_(socket);
    }
  }

  Reply reply_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::string request_;
  std::thread thread_;
};

void send(tcp::socket& socket, const std::string& bytes) {
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
}

// Waits for the client to hang up (it never will answer).
void drain(tcp::socket& socket) {
  char buf[256];
  boost::system::error_code ec;
  while (!ec) socket.read_some(asio::buffer(buf), ec);
}

// A port nothing listens on: bound for a moment, then released.
Url closed_port() {
  asio::io_context ioc;
  tcp::acceptor a(ioc, tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  Url u;
  u.host = "127.0.0.1";
  u.port = std::to_string(a.local_endpoint().port());
  return u;
}

TEST(ParseUrl, SplitsHostPortAndBasePath) {
  Url u;
  std::string error;
  ASSERT_TRUE(parse_url("http://127.0.0.1:9090", u, error)) << error;
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, "9090");
  EXPECT_EQ(u.base_path, "");
  ASSERT_TRUE(parse_url("HTTP://prom.lan/prometheus/", u, error)) << error;
  EXPECT_EQ(u.host, "prom.lan");
  EXPECT_EQ(u.port, "80");
  EXPECT_EQ(u.base_path, "/prometheus");
  ASSERT_TRUE(parse_url("http://[::1]:9090/", u, error)) << error;
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, "9090");
  EXPECT_EQ(u.base_path, "");
}

TEST(ParseUrl, RefusesWhatItCannotUseWithASentence) {
  Url u;
  std::string error;
  EXPECT_FALSE(parse_url("https://prom.example.com", u, error));
  EXPECT_NE(error.find("https is not supported"), std::string::npos) << error;
  EXPECT_FALSE(parse_url("prom.lan:9090", u, error));
  EXPECT_NE(error.find("must start with http://"), std::string::npos) << error;
  EXPECT_FALSE(parse_url("http://:9090", u, error));
  EXPECT_NE(error.find("no host"), std::string::npos) << error;
  for (const char* bad : {"http://h:0", "http://h:65536", "http://h:90x", "http://h:"}) {
    EXPECT_FALSE(parse_url(bad, u, error)) << bad;
    EXPECT_NE(error.find("bad port"), std::string::npos) << error;
  }
  EXPECT_FALSE(parse_url("http://user:pw@h", u, error));
  EXPECT_NE(error.find("bearer_token"), std::string::npos) << error;
  EXPECT_FALSE(parse_url("http://h/api?x=1", u, error));
  EXPECT_FALSE(parse_url("http://[::1:9090", u, error));
}

TEST(UrlEncode, KeepsUnreservedAndEscapesTheRest) {
  EXPECT_EQ(url_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(url_encode(R"(rate(x{a="b c"}[5m]) / 2+1&y=°)"),
            "rate%28x%7Ba%3D%22b%20c%22%7D%5B5m%5D%29%20%2F%202%2B1%26y%3D%C2%B0");
}

TEST(HttpGet, ReadsStatusAndBodyAndSendsHeaders) {
  ScriptedServer server([](tcp::socket& s) {
    send(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
  });
  Url url = server.url();
  url.base_path = "/prom";
  const HttpResponse r =
      http_get(url, "/api/v1/query?query=up", 2, {{"Authorization", "Bearer s3cret"}});
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{}");
  const std::string request = server.request();
  EXPECT_EQ(request.rfind("GET /prom/api/v1/query?query=up HTTP/1.1\r\n", 0), 0u) << request;
  EXPECT_NE(request.find("Authorization: Bearer s3cret\r\n"), std::string::npos) << request;
  EXPECT_NE(request.find("Host: 127.0.0.1:" + url.port + "\r\n"), std::string::npos) << request;
}

TEST(HttpGet, ReadsChunkedAndCloseDelimitedBodies) {
  ScriptedServer chunked([](tcp::socket& s) {
    send(s,
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  });
  HttpResponse r = http_get(chunked.url(), "/", 2);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.body, "abcde");
  ScriptedServer closing([](tcp::socket& s) { send(s, "HTTP/1.0 200 OK\r\n\r\nuntil close"); });
  r = http_get(closing.url(), "/", 2);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.body, "until close");
}

TEST(HttpGet, RefusedConnectionSaysWhere) {
  const Url url = closed_port();
  const HttpResponse r = http_get(url, "/", 2);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "connection refused (127.0.0.1:" + url.port + ")");
}

TEST(HttpGet, SilentServerTimesOutOnTime) {
  ScriptedServer server(drain);
  const auto start = SteadyClock::now();
  const HttpResponse r = http_get(server.url(), "/", 0.3);
  const double took = std::chrono::duration<double>(SteadyClock::now() - start).count();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("timed out after 0.3 s (waiting for the answer, 127.0.0.1:", 0), 0u)
      << r.error;
  EXPECT_GE(took, 0.29);
  EXPECT_LT(took, 1.0);
}

TEST(HttpGet, OversizeBodiesAreRefused) {
  // Announced by Content-Length: refused before reading it.
  ScriptedServer announced([](tcp::socket& s) {
    send(s, "HTTP/1.1 200 OK\r\nContent-Length: 8388609\r\n\r\n");
    drain(s);
  });
  HttpResponse r = http_get(announced.url(), "/", 2);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "response body over 8 MiB");
  // Not announced: refused when the limit is passed.
  ScriptedServer streamed(
      [](tcp::socket& s) { send(s, "HTTP/1.0 200 OK\r\n\r\n" + std::string(5000, 'x')); });
  r = http_get(streamed.url(), "/", 2, {}, 4096);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "response body over 4 KiB");
}

TEST(HttpGet, ProxyErrorPageIsAnAnswerTheParserExplains) {
  ScriptedServer server([](tcp::socket& s) {
    const std::string page =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>\r\n";
    send(s, "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: " +
                std::to_string(page.size()) + "\r\n\r\n" + page);
  });
  const HttpResponse r = http_get(server.url(), "/api/v1/query?query=up", 2);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(parse_api_response(r.body, r.status, {}).error, "HTTP 502: 502 Bad Gateway");
}

TEST(HttpGet, HangUpAndNonHttpAnswersAreErrors) {
  ScriptedServer hang_up([](tcp::socket& s) { s.close(); });
  HttpResponse r = http_get(hang_up.url(), "/", 2);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error,
            "connection closed by 127.0.0.1:" + hang_up.url().port + " before it answered");
  ScriptedServer ssh([](tcp::socket& s) { send(s, "SSH-2.0-OpenSSH_9.2\r\n"); });
  r = http_get(ssh.url(), "/", 2);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("not an HTTP answer from 127.0.0.1:", 0), 0u) << r.error;
}

TEST(HttpGet, UnknownHostCannotBeResolved) {
  Url url;
  url.host = "no-such-host.invalid";
  url.port = "9090";
  const HttpResponse r = http_get(url, "/", 3);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "cannot resolve host 'no-such-host.invalid'");
}

TEST(HttpGet, RealPrometheusAnswersQueriesErrorsAndUnknownPaths) {
  if (!test::PrometheusFixture::available()) GTEST_SKIP() << "prometheus is not installed";
  test::PrometheusFixture prom;
  ASSERT_TRUE(prom.start(false));
  HttpResponse r = prom.get("/api/v1/query?query=" + url_encode("vector(42)"));
  ASSERT_TRUE(r.ok) << r.error;
  QueryResult q = parse_api_response(r.body, r.status, {});
  ASSERT_TRUE(q.ok) << q.error;
  ASSERT_EQ(q.series.size(), 1u);
  EXPECT_EQ(q.series[0].name, "{}");
  EXPECT_EQ(q.series[0].values[0], 42);

  r = prom.get("/api/v1/query?query=" + url_encode("sum(rate(up[1m])"));
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.status, 400);
  q = parse_api_response(r.body, r.status, {});
  EXPECT_FALSE(q.ok);
  EXPECT_EQ(q.error.rfind("bad_data: ", 0), 0u) << q.error;

  r = prom.get("/no/such/path");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(parse_api_response(r.body, r.status, {}).error, "HTTP 404: 404 page not found");
}

}  // namespace
}  // namespace tfts::prom
