// Golden vectors (docs/protocol.md §10): byte streams with the image a display must show after
// them, shared by every decoder (C++ host, firmware host build, browser).
//   golden_vectors DIR                 decode every vector in DIR/vectors.txt and compare
//   golden_vectors DIR --update-golden write the vectors anew from their definitions below
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../unit/support/stream_builder.h"
#include "../unit/support/test_images.h"
#include "tfts/codec/frame_encoder.h"
#include "tfts/core/png_io.h"

namespace tfts {
namespace {

struct Vector {
  std::string name;
  int width, height;
  uint32_t max_payload;
  bool framebuffer;
  std::vector<uint8_t> stream;
};

std::vector<uint8_t> px(std::initializer_list<uint8_t> b) { return b; }

// A stream from the real encoder: full refresh then every test image in turn.
std::vector<uint8_t> encoded_sequence(int w, int h, uint32_t max_payload) {
  codec::FrameEncoder enc({w, h, proto::kAllCodecs, max_payload, false});
  core::Rgb565Plane shadow(w, h);
  std::vector<uint8_t> out = sim::make_welcome(proto::kAllCodecs);
  uint32_t seq = 0;
  for (const test::NamedImage& img : test::all_test_images(w, h)) {
    (void)enc.encode(img.image.view(), shadow, 0, seq, out, seq == 0);
    ++seq;
  }
  return out;
}

std::vector<Vector> definitions() {
  using proto::Codec;
  std::vector<Vector> v;
  v.push_back({"fill", 8, 4, 256, false,
               test::StreamBuilder().begin(0).rect(Codec::fill, 0, 0, 8, 4, px({0xF8, 0x00}))
                   .rect(Codec::fill, 2, 1, 3, 2, px({0x07, 0xE0})).end(0).bytes()});
  v.push_back({"raw", 3, 2, 256, false,
               test::StreamBuilder().begin(7).rect(Codec::raw, 0, 0, 3, 2,
                   px({0xF8, 0, 0x07, 0xE0, 0, 0x1F, 0xFF, 0xFF, 0, 0, 0x84, 0x10})).end(7).bytes()});
  v.push_back({"rle", 5, 2, 256, false,
               test::StreamBuilder().begin(0).rect(Codec::rle, 0, 0, 5, 2,
                   px({0x85, 0x00, 0x1F, 0x01, 0xFF, 0xFF, 0xF8, 0x00, 0x81, 0x07, 0xE0})).end(0).bytes()});
  v.push_back({"palette", 5, 2, 256, false,
               test::StreamBuilder().begin(0).rect(Codec::palette, 0, 0, 5, 2,
                   px({3, 0, 0, 0xFF, 0xFF, 0xF8, 0, 0b00011000, 0b01000000, 0b10100101, 0b10000000}))
                   .end(0).bytes()});
  v.push_back({"palette_rle", 20, 1, 256, false,
               test::StreamBuilder().begin(0).rect(Codec::palette_rle, 0, 0, 20, 1,
                   px({2, 0x00, 0x1F, 0xFF, 0xE0, 0x02, 0x1F, 0x00, 0x10})).end(0).bytes()});
  v.push_back({"predict", 6, 1, 256, false,
               test::StreamBuilder().begin(0).rect(Codec::predict, 0, 0, 6, 1,
                   px({0xFE, 0x84, 0x10, 0x6A, 0x80 + 32 + 4, 0x88, 0x01, 0xFE, 0x00, 0x00}))
                   .end(0).bytes()});
  v.push_back({"copy", 4, 4, 256, true,
               test::StreamBuilder().begin(0).rect(Codec::fill, 0, 0, 4, 4, px({0, 0}))
                   .rect(Codec::fill, 0, 0, 2, 2, px({0xF8, 0})).end(0).begin(1)
                   .rect(Codec::copy, 1, 1, 3, 3, px({0, 0, 0, 0})).end(1).bytes()});
  v.push_back({"encoded_sequence", 48, 40, 256, false, encoded_sequence(48, 40, 256)});
  return v;
}

bool read_file(const std::string& path, std::vector<uint8_t>& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  out.assign(std::istreambuf_iterator<char>(f), {});
  return true;
}

int run(const std::string& dir, bool update) {
  int passed = 0, failed = 0;
  std::ofstream manifest;
  if (update) manifest.open(dir + "/vectors.txt");
  if (update) manifest << "# name width height max_payload framebuffer\n";
  for (const Vector& v : definitions()) {
    sim::SimulatedDisplay display({static_cast<uint16_t>(v.width), static_cast<uint16_t>(v.height),
                                   v.max_payload, proto::kAllCodecs, v.framebuffer});
    const std::string base = dir + "/" + v.name;
    std::string error;
    if (update) {
      if (display.feed(v.stream) != client::DecodeStatus::need_more) {
        std::fprintf(stderr, "%s: the definition does not decode\n", v.name.c_str());
        return 1;
      }
      std::ofstream(base + ".tfts", std::ios::binary)
          .write(reinterpret_cast<const char*>(v.stream.data()),
                 static_cast<std::streamsize>(v.stream.size()));
      if (!core::save_png(base + ".png", display.framebuffer(), error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
      }
      manifest << v.name << ' ' << v.width << ' ' << v.height << ' ' << v.max_payload << ' '
               << (v.framebuffer ? 1 : 0) << '\n';
      continue;
    }
    std::vector<uint8_t> stream;
    core::RgbPlane expected;
    const bool ok = read_file(base + ".tfts", stream) && core::load_png(base + ".png", expected, error) &&
                    display.feed(stream) == client::DecodeStatus::need_more &&
                    expected.width() == v.width && expected.height() == v.height;
    bool same = ok;
    for (int y = 0; same && y < v.height; ++y)
      for (int x = 0; same && x < v.width; ++x)
        same = core::expand565(display.framebuffer().at(x, y)) == expected.at(x, y);
    std::printf("%-18s %s\n", v.name.c_str(), same ? "ok" : "FAILED");
    same ? ++passed : ++failed;
  }
  if (!update) std::printf("golden vectors: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace tfts

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: golden_vectors DIR [--update-golden]\n");
    return 2;
  }
  return tfts::run(argv[1], argc > 2 && std::string(argv[2]) == "--update-golden");
}
