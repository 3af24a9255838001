// Routing and request-target parsing (the part of HTTP handling that is ours; Beast parses the
// message itself). Over a real socket: tests/unit/server/server_metrics_test.cpp.
#include <gtest/gtest.h>

#include <stdexcept>

#include "tfts/http/router.h"
#include "tfts/http/target_parser.h"

namespace tfts::http {
namespace {

Request get(std::string path) {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  return r;
}

TEST(Router, ExactBeatsPrefixAndLongestPrefixWins) {
  Router router;
  router.add("GET", "/api/x", [](const Request&) { return Response::text(200, "exact"); });
  router.add_prefix("GET", "/api/", [](const Request&) { return Response::text(200, "api"); });
  router.add_prefix("GET", "/api/x", [](const Request&) { return Response::text(200, "x*"); });
  EXPECT_EQ(router.dispatch(get("/api/x")).body, "exact");
  EXPECT_EQ(router.dispatch(get("/api/xy")).body, "x*");
  EXPECT_EQ(router.dispatch(get("/api/z")).body, "api");
}

TEST(Router, UnknownPathIs404WithReasonAndWrongMethod405WithAllow) {
  Router router;
  router.add("GET", "/metrics", [](const Request&) { return Response::text(200, "m"); });
  const Response missing = router.dispatch(get("/nope"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "{\"error\":\"no such page: /nope\"}\n");
  Request post = get("/metrics");
  post.method = "POST";
  const Response wrong = router.dispatch(post);
  EXPECT_EQ(wrong.status, 405);
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0].second, "GET");
  Request head = get("/metrics");
  head.method = "HEAD";
  EXPECT_EQ(router.dispatch(head).status, 200);  // HEAD is answered like GET
}

TEST(Router, AThrowingHandlerAnswers500AndBadUtf8InReasonsIsReplaced) {
  Router router;
  router.add("GET", "/boom", [](const Request&) -> Response { throw std::runtime_error("boom"); });
  const Response r = router.dispatch(get("/boom"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, "{\"error\":\"internal error: boom\"}\n");
  const Response missing = router.dispatch(get("/x\xFF"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "{\"error\":\"no such page: /x\xEF\xBF\xBD\"}\n");
}

TEST(TargetParser, SplitsAndDecodesPathAndQuery) {
  std::string path, error;
  std::map<std::string, std::string> query;
  ASSERT_TRUE(parse_target("/api/displays/desk%20one/screenshot.png?full=1&name=a+b%26c&flag",
                           path, query, error));
  EXPECT_EQ(path, "/api/displays/desk one/screenshot.png");
  EXPECT_EQ(query.at("full"), "1");
  EXPECT_EQ(query.at("name"), "a b&c");
  EXPECT_EQ(query.at("flag"), "");
}

TEST(TargetParser, RefusesWhatNoRouteShouldSee) {
  std::string path, error;
  std::map<std::string, std::string> query;
  for (const char* bad : {"", "metrics", "http://x/metrics", "/a/%2", "/a/%zz", "/a%00b",
                          "/..", "/a/../b", "/a/%2e%2e/b", "/x?q=%"}) {
    EXPECT_FALSE(parse_target(bad, path, query, error)) << bad;
    EXPECT_FALSE(error.empty());
  }
  EXPECT_FALSE(parse_target("/" + std::string(5000, 'a'), path, query, error));
  EXPECT_EQ(error, "request target longer than 4096 bytes");
  EXPECT_TRUE(parse_target("/a/..b/c.", path, query, error));  // not a ".." segment
}

}  // namespace
}  // namespace tfts::http
