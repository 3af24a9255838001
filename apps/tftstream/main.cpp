// tftstream: one binary, subcommands. Wiring only: each command lives in its own file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_command.h"
#include "emulate_command.h"
#include "render_command.h"
#include "serve_command.h"
#include "shot_command.h"
#include "tfts/config/config_loader.h"
#include "tfts/source/source_factory.h"

namespace {

// Parses "WxH" into positive dimensions.
bool parse_size(const std::string& s, int& w, int& h) {
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%dx%d%n", &w, &h, &consumed) != 2) return false;
  return consumed == static_cast<int>(s.size()) && w > 0 && h > 0 && w <= 4096 && h <= 4096;
}

// Splits "HOST:PORT" (the last ':' separates, so "[::1]:8888" style is not needed for IPv4).
bool parse_endpoint(const std::string& s, std::string& host, uint16_t& port) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  int p = 0, consumed = 0;
  if (std::sscanf(s.c_str() + colon + 1, "%d%n", &p, &consumed) != 1) return false;
  if (consumed != static_cast<int>(s.size() - colon - 1) || p < 1 || p > 65535) return false;
  host = s.substr(0, colon);
  port = static_cast<uint16_t>(p);
  return true;
}

std::string sources_help() {
  std::string text = "Sources:\n";
  for (const auto& u : tfts::source::source_usages()) text += "  " + u + "\n";
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tftstream: live pictures to small displays, and back"};
  app.require_subcommand(1);

  tfts::app::BenchOptions bench;
  std::string bench_size = "320x240";
  CLI::App* bench_cmd = app.add_subcommand(
      "bench", "Stream PNG sequences through the pipeline into a simulated display");
  bench_cmd->add_option("--frames", bench.frame_dirs, "Directory of frame_*.png (repeatable)")
      ->required()
      ->check(CLI::ExistingDirectory);
  bench_cmd->add_option("--size", bench_size, "Display size WxH")->capture_default_str();
  bench_cmd->add_flag("--framebuffer", bench.framebuffer,
                      "The display holds a framebuffer (enables copy/scroll rectangles)");
  bench_cmd->add_option("--max-error", bench.max_error,
                        "Per-channel error (8-bit units) that may wait while the picture moves")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  bench_cmd->add_flag("--dither", bench.dither, "Ordered dithering to RGB565");
  bench_cmd->add_option("--max-payload", bench.max_payload, "The display's payload limit (bytes)")
      ->check(CLI::Range(256u, 1u << 24))
      ->capture_default_str();
  bench_cmd->add_option("--record", bench.record_dir,
                        "Write each workload's byte stream and final image here");
  bench_cmd->add_flag("--json", bench.json, "Print JSON");

  tfts::app::ServeOptions serve;
  bool help_config = false;
  CLI::App* serve_cmd = app.add_subcommand(
      "serve", "Stream screens to displays over TCP (TFTS protocol, and the seed's legacy one)");
  serve_cmd->footer(sources_help() + "Every config key: tftstream serve --help-config");
  serve_cmd->add_option("--config", serve.config.config_file, "TOML configuration file")
      ->check(CLI::ExistingFile);
  serve_cmd->add_option("--source", serve.config.source,
                        "Source of the default screen, e.g. test or images:DIR");
  serve_cmd->add_option("--port", serve.config.port, "Display port (default 8888; 0 = any free port)")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--http-port", serve.config.http_port, "HTTP port for metrics and the web UI")
      ->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--set", serve.config.overrides, "Any config key: --set screens.main.gamma=2.2");
  serve_cmd->add_flag("--legacy", serve.config.legacy,
                      "Also serve seed-firmware displays (legacy.port, default 8889)");
  serve_cmd->add_option("--seconds", serve.seconds, "Stop after this many seconds (0 = never)");
  serve_cmd->add_option("--ready-file", serve.ready_file,
                        "Write {\"port\":..,\"legacy_port\":..} here once listening");
  serve_cmd->add_option("--stats-json", serve.stats_json,
                        "Write sessions and their latency here when stopping");
  serve_cmd->add_flag("--help-config", help_config, "Print every configuration key and exit");

  tfts::app::EmulateOptions emulate;
  std::string emulate_size = "320x240", emulate_connect = "127.0.0.1:8888";
  std::string emulate_frames;
  CLI::App* emulate_cmd = app.add_subcommand(
      "emulate",
      "A virtual display: connects like a board, decodes with the device decoder (or, with "
      "--role source, a virtual device that mirrors its screen to the server)");
  emulate_cmd->add_option("--role", emulate.role,
                          "display; viewer (watch display NAME without being one); source (a "
                          "device sending --frames DIR, *.png in name order)")
      ->check(CLI::IsMember({"display", "viewer", "source"}))
      ->capture_default_str();
  emulate_cmd->add_option("--connect", emulate_connect, "Server HOST:PORT")->capture_default_str();
  emulate_cmd->add_option("--size", emulate_size, "Display size WxH")->capture_default_str();
  emulate_cmd->add_option("--name", emulate.display.name, "Display name sent in HELLO")
      ->capture_default_str();
  emulate_cmd->add_option("--frames", emulate_frames,
                          "display/viewer: stop after N frames drawn; source: the directory of "
                          "PNG pictures to flush");
  emulate_cmd->add_option("--seconds", emulate.display.max_seconds,
                          "display/viewer: stop after S seconds; source: stay connected S "
                          "seconds after the last picture (default 1)");
  emulate_cmd->add_option("--fps", emulate.device.fps, "source: pictures per second")
      ->check(CLI::Range(0.1, 240.0))
      ->capture_default_str();
  emulate_cmd->add_option("--strip-rows", emulate.device.strip_rows,
                          "source: rows per flush, like LVGL's partial render buffer")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  emulate_cmd->add_option("--out", emulate.out_png, "Write the framebuffer here at the end (PNG)");
  emulate_cmd->add_option("--stats-json", emulate.stats_json,
                          "Write frames, bytes, fps and latency here at the end");
  emulate_cmd->add_option("--max-payload", emulate.display.max_payload,
                          "Largest payload the display buffers (bytes)")
      ->check(CLI::Range(256u, 1u << 24))
      ->capture_default_str();
  emulate_cmd->add_flag("--framebuffer", emulate.display.framebuffer,
                        "Declare a framebuffer (allows copy/scroll rectangles)");
  emulate_cmd->add_option("--draw-delay-ms", emulate.display.draw_delay_ms,
                          "Sleep this long per frame, like a slow panel")
      ->check(CLI::Range(0, 60000));
  emulate_cmd->add_flag("--reconnect", emulate.display.reconnect,
                        "Reconnect when the server goes away, like a board");

  tfts::app::RenderOptions render;
  std::string render_size = "320x240";
  CLI::App* render_cmd = app.add_subcommand(
      "render", "Write what a screen sends a display of a given size as PNG (no server needed)");
  render_cmd->add_option("--config", render.config.config_file, "TOML configuration file")
      ->check(CLI::ExistingFile);
  render_cmd->add_option("--source", render.config.source, "Source of the default screen");
  render_cmd->add_option("--set", render.config.overrides, "Any config key, as for serve");
  render_cmd->add_option("--screen", render.screen, "Screen name (default: the default screen)");
  render_cmd->add_option("--size", render_size, "Display size WxH")->capture_default_str();
  render_cmd->add_option("--seconds", render.seconds, "Source time to sample at")
      ->capture_default_str();
  render_cmd->add_option("--out", render.out_png, "PNG to write")->required();
  render_cmd->add_option("--at", render.at_unix,
                         "Dashboards: evaluate queries at this Unix time (default: now)");
  render_cmd->add_option("--state-json", render.state_json,
                         "Write the source's state (a dashboard's values and errors) as JSON");

  tfts::app::ShotOptions shot;
  std::string shot_size;
  CLI::App* shot_cmd = app.add_subcommand(
      "shot", "A PNG of a mirrored device's screen: live from the server, or from a raw RGB565 "
              "dump (instead of ffmpeg -f rawvideo -pix_fmt rgb565be ...)");
  shot_cmd->add_option("--out", shot.out_png, "PNG to write")->required();
  auto* device_opt = shot_cmd->add_option("--device", shot.device, "Device name (live)");
  shot_cmd->add_option("--server", shot.server, "The server's HTTP HOST:PORT (live)")
      ->capture_default_str();
  shot_cmd->add_option("--token", shot.token, "server.http_token, if the server has one");
  auto* raw_opt = shot_cmd->add_option("--raw", shot.raw_file, "Raw RGB565 dump")
                      ->check(CLI::ExistingFile)
                      ->excludes(device_opt);
  shot_cmd->add_option("--size", shot_size, "Dump: WxH")->needs(raw_opt);
  shot_cmd->add_option("--format", shot.format, "Dump: byte order")
      ->check(CLI::IsMember({"rgb565be", "rgb565le"}))
      ->capture_default_str();
  shot_cmd->add_option("--stride", shot.stride, "Dump: bytes per row (default 2 x width)");

  CLI11_PARSE(app, argc, argv);

  if (*shot_cmd) {
    if (shot.raw_file.empty() && shot.device.empty()) {
      std::fprintf(stderr, "tftstream shot: give --device NAME (live) or --raw FILE --size WxH\n");
      return 2;
    }
    if (!shot.raw_file.empty() && !parse_size(shot_size, shot.width, shot.height)) {
      std::fprintf(stderr, "tftstream shot: --raw needs --size WxH (got '%s')\n",
                   shot_size.c_str());
      return 2;
    }
    return tfts::app::run_shot(shot);
  }

  if (*render_cmd) {
    if (!parse_size(render_size, render.width, render.height)) {
      std::fprintf(stderr, "tftstream render: --size must be WxH (got '%s')\n",
                   render_size.c_str());
      return 2;
    }
    return tfts::app::run_render(render);
  }

  if (*serve_cmd) {
    if (help_config) {
      std::fputs(tfts::config::schema_help().c_str(), stdout);
      return 0;
    }
    return tfts::app::run_serve(serve);
  }
  if (*emulate_cmd) {
    if (!parse_size(emulate_size, emulate.display.width, emulate.display.height)) {
      std::fprintf(stderr, "tftstream emulate: --size must be WxH (got '%s')\n",
                   emulate_size.c_str());
      return 2;
    }
    if (!parse_endpoint(emulate_connect, emulate.display.host, emulate.display.port)) {
      std::fprintf(stderr, "tftstream emulate: --connect must be HOST:PORT (got '%s')\n",
                   emulate_connect.c_str());
      return 2;
    }
    if (emulate.display.max_seconds > 0 && !emulate_frames.empty() && emulate.role != "source") {
      std::fprintf(stderr, "tftstream emulate: --frames and --seconds exclude each other\n");
      return 2;
    }
    if (emulate.role == "source") {
      emulate.frames_dir = emulate_frames;
    } else if (!emulate_frames.empty()) {
      char* end = nullptr;
      emulate.display.max_frames = std::strtol(emulate_frames.c_str(), &end, 10);
      if (*end != '\0' || emulate.display.max_frames < 1) {
        std::fprintf(stderr, "tftstream emulate: --frames must be a number of frames (got '%s')\n",
                     emulate_frames.c_str());
        return 2;
      }
    }
    return tfts::app::run_emulate(emulate);
  }

  if (*bench_cmd) {
    if (!parse_size(bench_size, bench.width, bench.height)) {
      std::fprintf(stderr, "tftstream bench: --size must be WxH, e.g. 320x240 (got '%s')\n",
                   bench_size.c_str());
      return 2;
    }
    return tfts::app::run_bench(bench);
  }
  return 0;
}
