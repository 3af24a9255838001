// The access guard's rules one by one (the server's end-to-end checks are in
// tests/unit/server/control_routes_test.cpp), and the screenshot rate limiter.
#include "tfts/http/access_guard.h"

#include <gtest/gtest.h>

#include "tfts/http/rate_limiter.h"

namespace tfts::http {
namespace {

Request request(const std::string& path, std::map<std::string, std::string> headers = {},
                std::map<std::string, std::string> query = {}) {
  Request r;
  r.method = "GET";
  r.path = path;
  r.target = path;
  r.headers = std::move(headers);
  r.headers.emplace("host", "127.0.0.1:8080");  // kept when the test gives its own
  r.query = std::move(query);
  return r;
}

int status(const Verdict& v) { return v.refusal ? v.refusal->status : 200; }

TEST(AccessGuard, LoopbackAddresses) {
  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("127.8.9.10"));
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_TRUE(is_loopback_address("::ffff:127.0.0.1"));
  EXPECT_FALSE(is_loopback_address("0.0.0.0"));
  EXPECT_FALSE(is_loopback_address("::"));
  EXPECT_FALSE(is_loopback_address("192.168.1.2"));
  EXPECT_FALSE(is_loopback_address("localhost"));  // names are not resolved: not trusted
}

TEST(AccessGuard, TokensGoIntoCookiesAndUrlsUnchanged) {
  EXPECT_TRUE(is_valid_token("Abc-1.2_3~"));
  EXPECT_FALSE(is_valid_token(""));
  EXPECT_FALSE(is_valid_token("a b"));
  EXPECT_FALSE(is_valid_token("a;b"));
  EXPECT_FALSE(is_valid_token(std::string(257, 'a')));
}

TEST(AccessGuard, WithoutATokenOnlyLoopbackHostsAndTheirOwnPagesGetIn) {
  const Guard g = make_access_guard({});
  EXPECT_EQ(status(g(request("/api/status"))), 200);
  EXPECT_EQ(status(g(request("/api/status", {{"origin", "http://127.0.0.1:8080"}}))), 200);
  EXPECT_EQ(status(g(request("/api/status", {{"host", "LocalHost:8080"},
                                             {"origin", "http://localhost:8080"}}))), 200);
  EXPECT_EQ(status(g(request("/api/status", {{"host", "[::1]:8080"}}))), 200);
  EXPECT_EQ(status(g(request("/api/status", {{"origin", "http://127.0.0.1:8081"}}))), 403);
  EXPECT_EQ(status(g(request("/api/status", {{"origin", "https://evil"}}))), 403);
  // Sandboxed frames and file:// pages say "null": of unknown origin, so refused.
  EXPECT_EQ(status(g(request("/ws/display", {{"origin", "null"}}))), 403);
  // DNS rebinding: evil.example now resolves to 127.0.0.1, and Origin matches Host.
  EXPECT_EQ(status(g(request("/api/config", {{"host", "evil.example:8080"},
                                             {"origin", "http://evil.example:8080"}}))), 403);
  EXPECT_EQ(status(g(request("/api/config", {{"host", "192.168.1.5:8080"}}))), 403);
}

TEST(AccessGuard, WithATokenAnyHostMayUseIt) {
  const Guard g = make_access_guard({"T0k"});
  EXPECT_EQ(status(g(request("/x", {{"host", "panel-server.lan:8080"},
                                    {"authorization", "Bearer T0k"}}))), 200);
}

TEST(AccessGuard, TheTokenComesAsBearerCookieOrQuery) {
  const Guard g = make_access_guard({"T0k"});
  EXPECT_EQ(status(g(request("/api/status"))), 401);
  EXPECT_EQ(status(g(request("/healthz"))), 200);
  EXPECT_EQ(status(g(request("/x", {{"authorization", "Bearer T0k"}}))), 200);
  EXPECT_EQ(status(g(request("/x", {{"authorization", "bearer T0k"}}))), 200);
  EXPECT_EQ(status(g(request("/x", {{"authorization", "Bearer T0"}}))), 401);
  EXPECT_EQ(status(g(request("/x", {{"authorization", "Basic T0k"}}))), 401);
  EXPECT_EQ(status(g(request("/x", {{"cookie", "tftstream_token=T0k"}}))), 200);
  EXPECT_EQ(status(g(request("/x", {{"cookie", "a=b;  tftstream_token=T0k; c=d"}}))), 200);
  EXPECT_EQ(status(g(request("/x", {{"cookie", "xtftstream_token=T0k"}}))), 401);
  const Verdict v = g(request("/x", {}, {{"token", "T0k"}}));
  EXPECT_EQ(status(v), 200);
  ASSERT_EQ(v.headers.size(), 1u);
  EXPECT_EQ(v.headers[0].first, "Set-Cookie");
  EXPECT_EQ(status(g(request("/x", {}, {{"token", "T0K"}}))), 401);
  const Verdict wrong = g(request("/x", {{"authorization", "Bearer nope"}}));
  EXPECT_EQ(wrong.refusal->body, "{\"error\":\"wrong token\"}\n");
}

TEST(RateLimiter, AllowsABurstThenTheRate) {
  RateLimiter limiter(10, 20);
  const auto t0 = RateLimiter::Clock::now();
  int allowed = 0;
  for (int i = 0; i < 30; ++i) allowed += limiter.allow(t0);
  EXPECT_EQ(allowed, 20);
  EXPECT_FALSE(limiter.allow(t0 + std::chrono::milliseconds(50)));  // half a token
  EXPECT_TRUE(limiter.allow(t0 + std::chrono::milliseconds(100)));
  EXPECT_FALSE(limiter.allow(t0 + std::chrono::milliseconds(100)));
  int later = 0;
  for (int i = 0; i < 30; ++i) later += limiter.allow(t0 + std::chrono::seconds(60));
  EXPECT_EQ(later, 20);  // refilled to the burst, not beyond
}

}  // namespace
}  // namespace tfts::http
