#include "tfts/server/server_routes.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "tfts/core/png_io.h"
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
    json j{{"screens", screens_json(s)}, {"displays", json::array()}};
    for (const auto& d : s.displays) j["displays"].push_back(display_json(d));
    return http::Response::json(200, dump(j));
  });

  router.add_prefix("GET", "/api/displays/", [&server](const http::Request& req) {
    constexpr std::string_view kPrefix = "/api/displays/";
    constexpr std::string_view kShot = "/screenshot.png";
    const std::string_view rest = std::string_view(req.path).substr(kPrefix.size());
    if (!rest.ends_with(kShot) || rest.size() == kShot.size()) {
      return http::Response::error(404, "no such page: " + req.path +
                                            " (try /api/displays/NAME/screenshot.png)");
    }
    const std::string name(rest.substr(0, rest.size() - kShot.size()));
    core::Rgb565Plane picture;
    if (!server.display_picture(name, picture)) {
      return http::Response::error(404, "no display called '" + name + "' is connected");
    }
    http::Response r;
    r.content_type = "image/png";
    r.headers.emplace_back("Cache-Control", "no-store");
    std::string error;
    if (!core::encode_png(picture, r.body, error)) {
      return http::Response::error(500, "cannot encode the screenshot: " + error);
    }
    return r;
  });

  // The web UI's files, embedded at build time (libs/webui): /app/ui/display.html, ...
  router.add_prefix("GET", "/app/", [](const http::Request& req) {
    const webui::WebAsset* asset = webui::find_web_asset(std::string_view(req.path).substr(5));
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
    http::Response r;
    r.status = 302;
    const size_t q = req.target.find('?');
    std::string location = "/app/ui/display.html";
    if (q != std::string::npos) location += req.target.substr(q);
    r.headers.emplace_back("Location", location);
    r.body = "see " + location + "\n";
    return r;
  });

  router.add("GET", "/", [](const http::Request&) {
    http::Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body =
        "<!doctype html><title>tftstream</title><h1>tftstream</h1><ul>"
        "<li><a href=\"/metrics\">/metrics</a> (Prometheus)</li>"
        "<li><a href=\"/healthz\">/healthz</a></li>"
        "<li><a href=\"/api/status\">/api/status</a></li>"
        "<li><a href=\"/display\">a display in this browser</a> (320x240; "
        "<code>/display?name=NAME&amp;size=WxH&amp;zoom=N</code>)</li></ul>\n";
    return r;
  });
  return router;
}

}  // namespace tfts::server
