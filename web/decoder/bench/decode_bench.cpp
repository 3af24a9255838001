// The C++ display decoder on the streams bench_decode.mjs times, for the JS-vs-WASM-vs-native
// comparison in web/decoder/README.md. Sink: drops the pixels (decoder cost only).
//   decode_bench WIDTH HEIGHT MAX_PAYLOAD FRAMEBUFFER(0|1) CODECS FILE...
// Native:  g++ -O2 -std=c++17 -I firmware/TftStream/src web/decoder/bench/decode_bench.cpp \
//            firmware/TftStream/src/tfts/client/{decoder,decode_rle,decode_palette,decode_predict,decode_status}.cpp
// WASM:    em++ with the same arguments plus -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1, run with node.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "tfts/client/decoder.h"

namespace {

using tfts::client::DecodeStatus;

struct NullSink final : tfts::client::DisplaySink {
  void write_pixels(const tfts::client::Rect&, const uint8_t* p, size_t) override { sum += p[0]; }
  void fill(const tfts::client::Rect&, uint16_t c) override { sum += c; }
  void copy(const tfts::client::Rect&, uint16_t, uint16_t) override {}
  void frame_done(uint32_t) override {}
  unsigned sum = 0;  // keeps the calls from being optimised away
};

// Decodes the whole stream once; returns the pixels decoded, or 0 on an error.
uint32_t decode_once(const tfts::client::DisplayConfig& cfg, std::vector<uint8_t>& work,
                     const std::vector<uint8_t>& stream, NullSink& sink) {
  tfts::client::Decoder dec(sink, cfg, work.data(), work.size());
  size_t off = 0;
  while (off < stream.size()) {
    const tfts::client::FeedResult r = dec.feed(stream.data() + off, stream.size() - off);
    off += r.consumed;
    if (tfts::client::is_error(r.status)) return 0;
    if (r.status == DecodeStatus::bye) break;
  }
  return dec.pixels_decoded();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 7) {
    std::fprintf(stderr, "usage: decode_bench W H MAX_PAYLOAD FB CODECS FILE...\n");
    return 2;
  }
  tfts::client::DisplayConfig cfg;
  cfg.width = static_cast<uint16_t>(std::atoi(argv[1]));
  cfg.height = static_cast<uint16_t>(std::atoi(argv[2]));
  cfg.max_payload = static_cast<uint32_t>(std::strtoul(argv[3], nullptr, 10));
  cfg.has_framebuffer = std::atoi(argv[4]) != 0;
  cfg.codecs = static_cast<uint16_t>(std::atoi(argv[5]));
  std::vector<uint8_t> work(tfts::client::Decoder::work_size_for(cfg.width, cfg.max_payload));
  NullSink sink;
  for (int i = 6; i < argc; ++i) {
    std::ifstream f(argv[i], std::ios::binary);
    std::vector<uint8_t> stream((std::istreambuf_iterator<char>(f)), {});
    uint32_t pixels = decode_once(cfg, work, stream, sink);
    if (pixels == 0) {
      std::fprintf(stderr, "%s: does not decode\n", argv[i]);
      return 1;
    }
    using clock = std::chrono::steady_clock;
    long runs = 0;
    const auto t0 = clock::now();
    auto t = t0;
    while (t - t0 < std::chrono::milliseconds(300)) {
      for (int k = 0; k < 10; ++k) decode_once(cfg, work, stream, sink);
      runs += 10;
      t = clock::now();
    }
    const double us = std::chrono::duration<double, std::micro>(t - t0).count() / runs;
    std::printf("%-50s %9zu bytes %9u px %11.1f us %7.2f ms/MP\n", argv[i], stream.size(), pixels,
                us, us / 1000.0 / (pixels / 1e6));
  }
  return sink.sum == 12345 ? 3 : 0;
}
