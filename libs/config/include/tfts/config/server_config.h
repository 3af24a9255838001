// The server's configuration as plain values. Filled by load_config() (config_loader.h) from
// one TOML file plus command-line overrides; every key, its type, default, range and help text
// live in one schema table (config_schema.h), so the structs below carry no rules of their own.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tfts::config {

// A crop of the source picture, in source pixels.
struct CropRect {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
  bool operator==(const CropRect&) const = default;
};

// One picture, shown on any number of displays ([screens.NAME] in TOML).
struct ScreenConfig {
  std::string name;                   // the NAME of [screens.NAME]
  std::string source = "test";        // "test", "images:DIR", later "x11:...", "bios", ...
  double fps = 30.0;                  // how often the source is sampled
  bool loop = true;                   // images: start again after the last file
  std::string theme;                  // rendered sources: "" = the source's own default,
                                      // else a built-in theme or a key of ServerConfig::themes
  double interval = 0;                // rendered sources: seconds between new values; 0 = theirs
  int history = 120;                  // rendered sources: samples a graph keeps
  std::optional<CropRect> crop;       // none = the whole source picture
  int rotation = 0;                   // clockwise degrees: 0, 90, 180 or 270
  double gamma = 1.0;                 // output = input^(1/gamma)
  std::array<double, 3> white_balance{1.0, 1.0, 1.0};  // gains for r, g, b
  bool dither = false;                // 4x4 ordered dither before RGB565
  int max_error = 0;                  // quality: 0 = exact; else per-channel error allowed
                                      // while the picture moves (refined when it stops)
  std::vector<std::string> displays;  // display names (from HELLO) shown on this screen
  // A [screens.NAME.prometheus] table kept as TOML text: the dashboard of a `prometheus`
  // source (docs/prometheus.md). Checked when the source is built, not here.
  std::string prometheus;
  bool operator==(const ScreenConfig&) const = default;
};

// The look of rendered sources (CPU monitor, BIOS screen, dashboards): [themes.NAME] in TOML,
// chosen by ScreenConfig::theme. It starts from a built-in theme (builtin_themes() in
// config_schema.h); an empty string or a zero size keeps the base theme's value.
struct ThemeConfig {
  std::string name;          // the NAME of [themes.NAME]
  std::string base = "dark";  // a built-in theme
  std::string background;    // colours "#RRGGBB"; "" = as in the base
  std::string panel;
  std::string text;
  std::string muted;
  std::string accent;
  std::string good;
  std::string warn;
  std::string bad;
  std::string grid;
  std::string font;          // font family names; "" = as in the base
  std::string mono_font;
  int title_size = 0;        // pixels; 0 = as in the base
  int body_size = 0;
  int small_size = 0;
  int mono_size = 0;
  int padding = 0;
  int gap = 0;
  int radius = 0;
  double line_width = 0;       // graph lines in pixels; 0 = as in the base
  std::string text_rendering;  // "smooth" or "crisp" (bitmap fonts); "" = as in the base
  bool operator==(const ThemeConfig&) const = default;
};

// The seed's protocol for existing firmware (docs/protocol.md §8): a listener of its own.
struct LegacyConfig {
  bool enabled = false;
  std::string bind = "0.0.0.0";
  int port = 8889;
  int width = 320;             // the display size is configured, not negotiated
  int height = 240;
  int max_packet = 8192;       // most data bytes per packet (the seed firmware buffers 10 KiB)
  std::string screen;          // empty = server.default_screen
  bool operator==(const LegacyConfig&) const = default;
};

struct ServerConfig {
  std::string bind = "0.0.0.0";       // display listener address
  int port = 8888;                    // display listener port (TFTS protocol)
  std::string http_bind = "127.0.0.1";
  int http_port = 8080;               // metrics, API and web UI
  std::string http_token;             // "" = none; required off loopback (server.cpp)
  int max_in_flight = 2;              // frames sent to a display before its ACK
  int keepalive_ms = 2000;            // idle interval for KEEPALIVE; silence > 3x closes
  int max_displays = 64;              // connections beyond this are refused
  int max_viewers = 16;               // viewer connections (role 2), counted apart
  std::string default_screen = "main";  // screen for display names no screen lists
  std::string log_level = "info";     // trace, debug, info, warn, error
  std::map<std::string, ScreenConfig> screens;  // by name; never empty after loading
  std::map<std::string, ThemeConfig> themes;    // by name; may be empty
  LegacyConfig legacy;
  bool operator==(const ServerConfig&) const = default;
};

}  // namespace tfts::config
