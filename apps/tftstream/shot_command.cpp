#include "shot_command.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include "tfts/core/png_io.h"
#include "tfts/core/raw565.h"
#include "tfts/prom/http_client.h"

namespace tfts::app {
namespace {

int fail(const std::string& why) {
  std::fprintf(stderr, "tftstream shot: %s\n", why.c_str());
  return 1;
}

int shot_from_server(const ShotOptions& o) {
  prom::Url url;
  std::string error;
  if (!prom::parse_url("http://" + o.server, url, error)) return fail("--server: " + error);
  std::vector<std::pair<std::string, std::string>> headers;
  if (!o.token.empty()) headers.emplace_back("Authorization", "Bearer " + o.token);
  const prom::HttpResponse r = prom::http_get(
      url, "/api/devices/" + prom::url_encode(o.device) + "/screenshot.png", 10, headers);
  if (!r.ok) return fail("cannot reach the server at " + o.server + ": " + r.error);
  if (r.status != 200) {
    return fail("the server answered " + std::to_string(r.status) + ": " + r.body);
  }
  std::ofstream out(o.out_png, std::ios::binary);
  out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
  if (!out) return fail("cannot write " + o.out_png);
  std::fprintf(stderr, "tftstream shot: device '%s' -> %s\n", o.device.c_str(), o.out_png.c_str());
  return 0;
}

int shot_from_dump(const ShotOptions& o) {
  std::ifstream in(o.raw_file, std::ios::binary);
  if (!in) return fail("cannot read " + o.raw_file);
  const std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  const core::ByteOrder order =
      o.format == "rgb565le" ? core::ByteOrder::little : core::ByteOrder::big;
  core::Rgb565Plane picture;
  std::string error;
  if (!core::read_raw565(data, o.width, o.height, o.stride, order, picture, error)) {
    return fail(o.raw_file + ": " + error);
  }
  if (!core::save_png(o.out_png, picture, error)) return fail(error);
  std::fprintf(stderr, "tftstream shot: %s (%dx%d %s) -> %s\n", o.raw_file.c_str(), o.width,
               o.height, o.format.c_str(), o.out_png.c_str());
  return 0;
}

}  // namespace

int run_shot(const ShotOptions& o) {
  return o.raw_file.empty() ? shot_from_server(o) : shot_from_dump(o);
}

}  // namespace tfts::app
