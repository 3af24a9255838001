// mirror_stream_check STREAM PICTURE WIDTH HEIGHT: decodes what a source device sent (HELLO,
// then frames) with the server's HelloReader and the project's real decoder, and compares the
// result bit-exact with PICTURE (WIDTH x HEIGHT native RGB565 values, little-endian u16).
// Used by mpy_mirror_test.py to check the MicroPython module's encoder. Exit 0 when equal.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "tfts/server/hello.h"
#include "tfts/sim/simulated_display.h"

namespace {

std::vector<uint8_t> read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tfts;
  if (argc != 5) {
    std::fprintf(stderr, "usage: mirror_stream_check STREAM PICTURE WIDTH HEIGHT\n");
    return 2;
  }
  const auto stream = read_file(argv[1]);
  const auto picture = read_file(argv[2]);
  const int w = std::stoi(argv[3]), h = std::stoi(argv[4]);
  server::HelloReader reader;
  const size_t used = reader.consume(stream);
  if (reader.state() != server::HelloReader::State::done) {
    std::fprintf(stderr, "HELLO not accepted: %s\n", reader.error().c_str());
    return 1;
  }
  const server::Hello& hello = reader.hello();
  if (hello.role != proto::Role::source || hello.width != w || hello.height != h ||
      (hello.codecs & ~0x7u) != 0) {
    std::fprintf(stderr, "unexpected HELLO: role %d %dx%d codecs %x\n",
                 static_cast<int>(hello.role), hello.width, hello.height, hello.codecs);
    return 1;
  }
  sim::SimulatedDisplay display(client::DisplayConfig{static_cast<uint16_t>(w),
                                                      static_cast<uint16_t>(h),
                                                      hello.max_payload, 0x7, false});
  display.feed(sim::make_welcome(0x7));
  const auto status = display.feed(stream.data() + used, stream.size() - used);
  if (status != client::DecodeStatus::need_more || display.decoder().in_frame()) {
    std::fprintf(stderr, "decoder status %d (in frame %d)\n", static_cast<int>(status),
                 display.decoder().in_frame());
    return 1;
  }
  if (picture.size() != static_cast<size_t>(w * h * 2)) return 2;
  int wrong = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const size_t i = static_cast<size_t>(y * w + x) * 2;
      const uint16_t want = static_cast<uint16_t>(picture[i] | picture[i + 1] << 8);
      if (display.framebuffer().at(x, y) != want && wrong++ < 5)
        std::fprintf(stderr, "pixel (%d,%d): %04x, want %04x\n", x, y,
                     display.framebuffer().at(x, y), want);
    }
  std::printf("frames %u, %d wrong pixels\n", display.sink().frames(), wrong);
  return wrong ? 1 : 0;
}
