// `tftstream shot`: a PNG of what a mirrored device shows, from the live server
// (`--device NAME --server HOST:PORT`, the HTTP port) or from a raw RGB565 dump (`--raw FILE
// --size WxH --format rgb565be|rgb565le [--stride BYTES]`).
#pragma once

#include <string>

namespace tfts::app {

struct ShotOptions {
  std::string out_png;
  // Live: GET /api/devices/NAME/screenshot.png from the server's HTTP port.
  std::string device;
  std::string server = "127.0.0.1:8080";
  std::string token;  // server.http_token, when the server has one
  // Dump.
  std::string raw_file;
  int width = 0, height = 0;
  std::string format = "rgb565be";
  size_t stride = 0;  // 0 = 2 x width
};

int run_shot(const ShotOptions& options);

}  // namespace tfts::app
