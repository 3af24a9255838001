#include "tfts/server/server_routes.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "tfts/core/png_io.h"
#include "tfts/http/access_guard.h"
#include "tfts/http/rate_limiter.h"
#include "tfts/server/control_routes.h"
#include "tfts/server/server.h"
#include "tfts/webui/assets.h"

namespace tfts::server {
namespace {

using nlohmann::json;

// Display names are UTF-8 (the HELLO reader checks), but a source's error text may not be.
std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

json display_json(const DisplayStatus& d) {
  return {{"name", d.name},
          {"screen", d.screen},
          {"peer", d.peer},
          {"session", d.session_id},
          {"width", d.width},
          {"height", d.height},
          {"frames_in_flight", d.in_flight},
          {"frames_sent", d.frames_sent},
          {"frames_acked", d.frames_acked},
          {"bytes_sent", d.bytes_sent},
          {"latency_p50_ms", d.latency_p50_ms},
          {"latency_p95_ms", d.latency_p95_ms},
          {"last_ack",
           {{"decode_us", d.last_ack.decode_us},
            {"draw_us", d.last_ack.draw_us},
            {"free_heap", d.last_ack.free_heap},
            {"rssi", d.last_ack.rssi}}}};
}

json screens_json(const ServerStatus& s) {
  json screens = json::array();
  for (const auto& sc : s.screens) {
    screens.push_back({{"name", sc.name},
                       {"source", sc.source},
                       {"source_ok", sc.counters.last_error.empty()},
                       {"source_error", sc.counters.last_error},
                       {"source_finished", sc.counters.finished},
                       {"grabs", sc.counters.grabs},
                       {"source_frames", sc.counters.source_frames},
                       {"source_errors", sc.counters.source_errors}});
  }
  return screens;
}

// A web UI file read from a directory (TFTSTREAM_WEB_DIR), typed like the embedded ones.
http::Response web_file_from_disk(const std::string& dir, std::string_view rel) {
  std::ifstream in(dir + "/" + std::string(rel), std::ios::binary);
  if (!in) return http::Response::error(404, "no such file: " + std::string(rel));
  http::Response r;
  r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  const std::string_view ext = rel.substr(std::min(rel.size(), rel.rfind('.')));
  r.content_type = ext == ".html"                  ? "text/html; charset=utf-8"
                   : ext == ".js" || ext == ".mjs" ? "text/javascript"
                   : ext == ".css"                 ? "text/css"
                   : ext == ".png"                 ? "image/png"
                   : ext == ".svg"                 ? "image/svg+xml"
                   : ext == ".json"                ? "application/json"
                                                   : "application/octet-stream";
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

// 302 to `path` with the request's query string, so ?name=... or ?token=... pass through.
http::Response redirect_keeping_query(const http::Request& req, std::string location) {
  http::Response r;
  r.status = 302;
  const size_t q = req.target.find('?');
  if (q != std::string::npos) location += req.target.substr(q);
  r.headers.emplace_back("Location", location);
  r.body = "see " + location + "\n";
  return r;
}

}  // namespace

http::Router make_server_routes(Server& server) {
  http::Router router;
  const auto started = std::chrono::steady_clock::now();

  router.add("GET", "/metrics", [&server](const http::Request&) {
    http::Response r;
    r.content_type = metrics::Registry::kContentType;
    r.body = server.metrics().expose();
    return r;
  });

  // Liveness: answering at all means the network thread runs. A failing source is reported,
  // not turned into a 503, so an orchestrator does not restart the server because, say, a
  // Prometheus it shows is down.
  router.add("GET", "/healthz", [&server, started](const http::Request&) {
    const ServerStatus s = server.status_now();
    const double uptime =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    json j{{"status", "ok"},
           {"uptime_seconds", uptime},
           {"displays", s.displays.size()},
           {"legacy_displays", s.legacy_displays},
           {"screens", screens_json(s)}};
    return http::Response::json(200, dump(j));
  });

  router.add("GET", "/api/status", [&server](const http::Request&) {
    const ServerStatus s = server.status_now();
    json j{{"screens", screens_json(s)}, {"displays", json::array()}, {"viewers", json::array()}};
    for (const auto& d : s.displays) j["displays"].push_back(display_json(d));
    for (const auto& v : s.viewers) j["viewers"].push_back(display_json(v));
    j["devices"] = json::array();
    for (const auto& d : s.devices) {
      j["devices"].push_back({{"name", d.name},
                              {"peer", d.peer},
                              {"session", d.session_id},
                              {"width", d.width},
                              {"height", d.height},
                              {"frames", d.stats.frames},
                              {"bytes", d.stats.bytes},
                              {"last_decode_us", d.stats.last_decode_us},
                              {"refreshes_requested", d.stats.refreshes}});
    }
    return http::Response::json(200, dump(j));
  });

  // Screenshots, PNG-encoded on the network thread (1-2 ms each): bounded over all clients.
  // /api/displays/NAME/screenshot.png is what the server knows display NAME holds;
  // /api/devices/NAME/screenshot.png the newest picture device NAME sent.
  auto screenshots = std::make_shared<http::RateLimiter>(10.0, 20.0);
  const auto screenshot_route = [&server, screenshots](std::string_view prefix, bool device) {
    return [&server, screenshots, prefix, device](const http::Request& req) {
      constexpr std::string_view kShot = "/screenshot.png";
      const std::string_view rest = std::string_view(req.path).substr(prefix.size());
      if (!rest.ends_with(kShot) || rest.size() == kShot.size()) {
        return http::Response::error(404, "no such page: " + req.path + " (try " +
                                              std::string(prefix) + "NAME/screenshot.png)");
      }
      if (!screenshots->allow()) {
        http::Response r = http::Response::error(429, "too many screenshots: at most 10 a second");
        r.headers.emplace_back("Retry-After", "1");
        return r;
      }
      const std::string name(rest.substr(0, rest.size() - kShot.size()));
      core::Rgb565Plane picture;
      if (device ? !server.device_picture(name, picture) : !server.display_picture(name, picture)) {
        return http::Response::error(404, device ? "no device called '" + name + "' has sent a frame"
                                                 : "no display called '" + name + "' is connected");
      }
      http::Response r;
      r.content_type = "image/png";
      r.headers.emplace_back("Cache-Control", "no-store");
      std::string error;
      if (!core::encode_png(picture, r.body, error)) {
        return http::Response::error(500, "cannot encode the screenshot: " + error);
      }
      return r;
    };
  };
  router.add_prefix("GET", "/api/displays/", screenshot_route("/api/displays/", false));
  router.add_prefix("GET", "/api/devices/", screenshot_route("/api/devices/", true));
  router.add_prefix("POST", "/api/devices/", [&server](const http::Request& req) {
    if (auto refused = http::require_json(req)) return std::move(*refused);
    constexpr std::string_view kPrefix = "/api/devices/", kRefresh = "/refresh";
    const std::string_view rest = std::string_view(req.path).substr(kPrefix.size());
    if (!rest.ends_with(kRefresh) || rest.size() == kRefresh.size()) {
      return http::Response::error(404, "no such page: " + req.path +
                                            " (try /api/devices/NAME/refresh)");
    }
    const std::string name(rest.substr(0, rest.size() - kRefresh.size()));
    if (!server.refresh_device(name)) {
      return http::Response::error(404, "no device called '" + name + "' is connected");
    }
    return http::Response::json(200, "{\"refresh\": \"requested\"}\n");
  });

  // The web UI's files, embedded at build time (libs/webui): /app/ui/display.html, ... For
  // work on the UI, TFTSTREAM_WEB_DIR=web serves web/ui and web/decoder from that directory
  // instead, so an edit (or a new file) shows on reload without a rebuild. The target parser
  // has already refused ".." segments.
  const char* web_dir = std::getenv("TFTSTREAM_WEB_DIR");
  router.add_prefix("GET", "/app/", [web_dir = std::string(web_dir ? web_dir : "")](
                                        const http::Request& req) {
    const std::string_view rel = std::string_view(req.path).substr(5);
    if (!web_dir.empty() && (rel.starts_with("ui/") || rel.starts_with("decoder/"))) {
      return web_file_from_disk(web_dir, rel);
    }
    const webui::WebAsset* asset = webui::find_web_asset(rel);
    if (!asset) return http::Response::error(404, "no such file: " + req.path);
    http::Response r;
    r.content_type = std::string(asset->content_type);
    r.body = std::string(asset->bytes);
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  });

  // "Open a display here": a browser virtual display (web/ui/display.html) that connects over
  // /ws/display like a board; ?name=NAME&size=WxH&zoom=N pass through.
  router.add("GET", "/display", [](const http::Request& req) {
    return redirect_keeping_query(req, "/app/ui/display.html");
  });

  // The overview page (web/ui/index.html); the query string (?token=...) passes through.
  router.add("GET", "/", [](const http::Request& req) {
    return redirect_keeping_query(req, "/app/ui/index.html");
  });
  add_control_routes(router, server);
  return router;
}

}  // namespace tfts::server
