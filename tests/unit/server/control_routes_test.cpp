// The control API and access rules over real HTTP (docs/http-api.md): what a browser or a
// script sends, byte for byte, and what comes back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http_get.h"
#include "server_fixture.h"
#include "support/temp_dir.h"

namespace tfts::server {
namespace {

using nlohmann::json;
using testing::http_exchange;
using testing::http_get;
using testing::HttpAnswer;
using testing::loopback_config;
using testing::RunningServer;

HttpAnswer post(uint16_t port, const std::string& path, const std::string& body,
                const std::string& extra_headers = "Content-Type: application/json\r\n") {
  return http_exchange(port, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers +
                                 "Content-Length: " + std::to_string(body.size()) +
                                 "\r\nConnection: close\r\n\r\n" + body);
}

HttpAnswer get_with(uint16_t port, const std::string& target, const std::string& headers) {
  return http_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                                 "Connection: close\r\n\r\n");
}

TEST(ControlRoutes, SchemaConfigAndSourcesDescribeWhatTheFormNeeds) {
  RunningServer server(loopback_config("test:64x48"));
  const uint16_t port = server->http_port();
  const json schema = json::parse(http_get(port, "/api/schema").body);
  json gamma;
  for (const json& k : schema["keys"]) {
    if (k["key"] == "screens.*.gamma") gamma = k;
  }
  EXPECT_EQ(gamma["kind"], "real");
  EXPECT_EQ(gamma["min"], 0.1);
  EXPECT_EQ(gamma["max"], 5.0);
  EXPECT_EQ(gamma["runtime"], true);
  const json config = json::parse(http_get(port, "/api/config").body);
  EXPECT_EQ(config["screens"]["main"]["source"], "test:64x48");
  EXPECT_EQ(config["screens"]["main"]["white_balance"], "1,1,1");
  EXPECT_TRUE(config["path"].is_null());
  const json sources = json::parse(http_get(port, "/api/sources").body);
  ASSERT_GE(sources["sources"].size(), 6u);
  EXPECT_EQ(sources["sources"][0]["kind"], "test");
}

TEST(ControlRoutes, PostChangesAScreenOrSaysWhatIsWrong) {
  RunningServer server(loopback_config("test:64x48"));
  const uint16_t port = server->http_port();
  HttpAnswer a = post(port, "/api/screens/main",
                      R"({"gamma": 2.2, "dither": true, "crop": [0, 0, 32, 24], "source": "bios"})");
  ASSERT_EQ(a.status, 200) << a.body;
  json screen = json::parse(a.body)["screen"];
  EXPECT_EQ(screen["gamma"], "2.2");
  EXPECT_EQ(screen["dither"], "true");
  EXPECT_EQ(screen["crop"], "0,0,32,24");
  EXPECT_EQ(screen["source"], "bios");
  EXPECT_EQ(json::parse(http_get(port, "/api/status").body)["screens"][0]["source"],
            "bios:320x240");

  a = post(port, "/api/screens/main", R"({"gamma": "lots", "rotation": 45, "crop": null})");
  ASSERT_EQ(a.status, 400) << a.body;
  const json errors = json::parse(a.body)["errors"];
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0]["key"], "gamma");
  EXPECT_EQ(errors[1]["key"], "rotation");
  EXPECT_EQ(json::parse(http_get(port, "/api/config").body)["screens"]["main"]["crop"],
            "0,0,32,24");  // all or nothing

  EXPECT_EQ(post(port, "/api/screens/nowhere", "{}").status, 404);
  EXPECT_EQ(post(port, "/api/screens/main", "{gamma").status, 400);
  EXPECT_EQ(post(port, "/api/screens/main", "[1]").status, 400);
  EXPECT_EQ(post(port, "/api/screens/main", R"({"gamma": {"a": 1}})").status, 400);
  // A cross-site form cannot send JSON: anything else is refused before it is read.
  EXPECT_EQ(post(port, "/api/screens/main", R"({"gamma": 1})",
                 "Content-Type: text/plain\r\n").status, 415);
  EXPECT_EQ(post(port, "/api/config/save", "{}").status, 409);  // started without --config
}

TEST(Access, ACrossOriginRequestIsRefusedEvenOnLoopback) {
  RunningServer server(loopback_config("test:64x48"));
  const uint16_t port = server->http_port();
  EXPECT_EQ(get_with(port, "/api/status", "Origin: http://evil.example\r\n").status, 403);
  EXPECT_EQ(get_with(port, "/api/status", "Origin: http://127.0.0.1\r\n").status, 200);
  EXPECT_EQ(post(port, "/api/screens/main", R"({"gamma": 2})",
                 "Content-Type: application/json\r\nOrigin: http://evil.example\r\n").status,
            403);
}

TEST(Access, WithATokenEveryRequestButHealthzNeedsIt) {
  auto cfg = loopback_config("test:64x48");
  cfg.http_token = "s3cret-T0ken";
  RunningServer server(cfg);
  const uint16_t port = server->http_port();
  EXPECT_EQ(http_get(port, "/healthz").status, 200);
  HttpAnswer a = http_get(port, "/api/status");
  EXPECT_EQ(a.status, 401);
  EXPECT_EQ(a.headers["www-authenticate"], "Bearer realm=\"tftstream\"");
  EXPECT_EQ(get_with(port, "/api/status", "Authorization: Bearer wrong\r\n").status, 401);
  EXPECT_EQ(get_with(port, "/api/status", "Authorization: Bearer s3cret-T0ken\r\n").status, 200);
  EXPECT_EQ(get_with(port, "/metrics", "Cookie: a=1; tftstream_token=s3cret-T0ken\r\n").status,
            200);
  a = http_get(port, "/?token=s3cret-T0ken");
  EXPECT_EQ(a.status, 302);
  EXPECT_EQ(a.headers["set-cookie"], "tftstream_token=s3cret-T0ken; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(post(port, "/api/screens/main", R"({"gamma": 2})").status, 401);
  EXPECT_EQ(post(port, "/api/screens/main", R"({"gamma": 2})",
                 "Content-Type: application/json\r\nAuthorization: Bearer s3cret-T0ken\r\n")
                .status,
            200);
  // A WebSocket upgrade is a request like any other.
  a = http_exchange(port,
                    "GET /ws/display HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
  EXPECT_EQ(a.status, 401);
}

TEST(Access, OffLoopbackTheServerWillNotStartWithoutAToken) {
  auto cfg = loopback_config("test:64x48");
  cfg.http_bind = "0.0.0.0";
  std::string error;
  auto server = Server::create(cfg, error);
  ASSERT_TRUE(server) << error;
  EXPECT_FALSE(server->start(error));
  EXPECT_NE(error.find("server.http_token"), std::string::npos) << error;
  server->stop();

  cfg.http_token = "has spaces";
  server = Server::create(cfg, error);
  EXPECT_FALSE(server->start(error));
  EXPECT_NE(error.find("letters, digits"), std::string::npos) << error;
  server->stop();

  cfg.http_token = "ok-token";
  RunningServer running(cfg);
  EXPECT_EQ(http_get(running->http_port(), "/api/status").status, 401);
}

TEST(Access, ScreenshotsAreRateLimited) {
  RunningServer server(loopback_config("test:64x48"));
  int limited = 0, answered = 0;
  for (int i = 0; i < 40; ++i) {
    const HttpAnswer a = http_get(server->http_port(), "/api/displays/none/screenshot.png");
    if (a.status == 429) {
      ++limited;
      EXPECT_EQ(a.headers.at("retry-after"), "1");
    } else {
      ++answered;
      EXPECT_EQ(a.status, 404);
    }
  }
  EXPECT_GE(answered, 20);  // the burst
  EXPECT_GE(limited, 1);
}

}  // namespace
}  // namespace tfts::server
