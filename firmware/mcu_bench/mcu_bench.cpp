// mcu_bench: replays a stream recorded by `tftstream bench --record` through the device
// decoder on rv32imc under qemu, and counts retired instructions inside Decoder::feed().
//
//   qemu-system-riscv32 -M virt -cpu rv32,a=false,f=false,d=false -bios none -nographic
//     -icount shift=0 -semihosting-config enable=on,target=native,arg=NAME[,arg=--framebuffer]
//     -kernel mcu_bench       (the output line goes to qemu's stderr; see scripts/mcu-report)
//
// run in the directory holding NAME.tfts and NAME.rgb565 (semihosting opens host files
// relative to qemu's cwd; bare names avoid qemu's comma escaping in paths). picolibc's
// semihost crt0 supplies argv[0] itself, so the first arg= is argv[1].
// Prints one line of key=value pairs; exits 0 only when the decoder accepted the whole stream
// and the final framebuffer equals NAME.rgb565 byte for byte.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tfts/client/decoder.h"

using tfts::client::DecodeStatus;
using tfts::client::Decoder;
using tfts::client::DisplayConfig;
using tfts::client::DisplaySink;
using tfts::client::FeedResult;
using tfts::client::Rect;

extern "C" void __cxa_pure_virtual() { abort(); }

namespace {

const uint16_t kWidth = 320;
const uint16_t kHeight = 240;
const uint32_t kMaxPayload = 8192;  // what `tftstream bench` declares by default
const size_t kChunk = 1460;         // one TCP segment: the device never sees bigger pieces

// With -icount shift=0 qemu derives minstret from the instruction count, so this is exact.
// "+zicsr" only here: -march must stay plain rv32imc to pick the right multilib.
inline uint32_t instret() {
  uint32_t v;
  asm volatile(".option push\n.option arch, +zicsr\ncsrr %0, minstret\n.option pop"
               : "=r"(v)::"memory");
  return v;
}

#ifdef MCU_BENCH_SPLIT_SINK
uint64_t g_sink_instructions = 0;
struct SinkTimer {  // attributes a sink call's own instructions to the sink
  uint32_t t0;
  SinkTimer() : t0(instret()) {}
  ~SinkTimer() { g_sink_instructions += instret() - t0; }
};
#define SINK_TIMER SinkTimer sink_timer_
#else
#define SINK_TIMER
#endif

// Big-endian RGB565 bytes, the order of the .rgb565 reference and of the panel.
alignas(4) uint8_t g_fb[kWidth * kHeight * 2];
alignas(4) uint8_t g_chunk[kChunk];

inline uint8_t* at(unsigned x, unsigned y) { return g_fb + (y * kWidth + x) * 2; }

// A framebuffer display, written the way a device with a framebuffer would do it cheaply.
// Its cost is inside feed() and so inside the count, like the panel push would be.
class FramebufferSink : public DisplaySink {
 public:
  uint32_t frames = 0;

  void write_pixels(const Rect& r, const uint8_t* px, size_t stride) override {
    SINK_TIMER;
    for (unsigned i = 0; i < r.h; ++i) memcpy(at(r.x, r.y + i), px + i * stride, r.w * 2u);
  }

  void fill(const Rect& r, uint16_t rgb565) override {
    SINK_TIMER;
    // One row by 16-bit stores of the wire-order token, then whole-row copies.
    const uint8_t be[2] = {static_cast<uint8_t>(rgb565 >> 8), static_cast<uint8_t>(rgb565)};
    uint16_t token;
    memcpy(&token, be, 2);
    uint16_t* row = reinterpret_cast<uint16_t*>(at(r.x, r.y));
    for (unsigned x = 0; x < r.w; ++x) row[x] = token;
    for (unsigned i = 1; i < r.h; ++i) memcpy(at(r.x, r.y + i), row, r.w * 2u);
  }

  void copy(const Rect& r, uint16_t sx, uint16_t sy) override {
    SINK_TIMER;
    // Walk rows away from the overlap (up when moving up); memmove covers sideways overlap.
    const size_t n = r.w * 2u;
    if (r.y <= sy) {
      for (unsigned i = 0; i < r.h; ++i) memmove(at(r.x, r.y + i), at(sx, sy + i), n);
    } else {
      for (unsigned i = r.h; i-- > 0;) memmove(at(r.x, r.y + i), at(sx, sy + i), n);
    }
  }

  void frame_done(uint32_t) override { ++frames; }
};

FramebufferSink g_sink;

int fail(const char* name, const char* what) {
  printf("workload=%s error=%s match=0\n", name, what);
  return 1;
}

// Byte-exact comparison of the framebuffer with NAME.rgb565, read in chunks.
bool matches_reference(FILE* ref, size_t* first_diff) {
  size_t off = 0, n;
  while ((n = fread(g_chunk, 1, kChunk, ref)) > 0) {
    if (off + n > sizeof g_fb) return false;
    for (size_t i = 0; i < n; ++i) {
      if (g_chunk[i] != g_fb[off + i]) {
        *first_diff = (off + i) / 2;
        return false;
      }
    }
    off += n;
  }
  return off == sizeof g_fb;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    printf("usage: mcu_bench NAME [--framebuffer]  (reads NAME.tfts and NAME.rgb565)\n");
    return 2;
  }
  const char* name = argv[1];
  const bool has_fb = argc > 2 && strcmp(argv[2], "--framebuffer") == 0;
  char path[96];

  const size_t work_bytes = Decoder::work_size_for(kWidth, kMaxPayload);
  // Sized by the formula in decoder.cpp; checked below so a change there cannot go unnoticed.
  alignas(4) static uint8_t work[8192 + kWidth * 2 * 8];
  if (work_bytes > sizeof work) return fail(name, "work_buffer_too_small");

  // The codecs `tftstream bench` declares: all seven with a framebuffer, copy only with one.
  const DisplayConfig cfg = {kWidth, kHeight, kMaxPayload,
                             static_cast<uint16_t>(has_fb ? 0x7F : 0x3F), has_fb};
  Decoder decoder(g_sink, cfg, work, sizeof work);

  snprintf(path, sizeof path, "%s.tfts", name);
  FILE* in = fopen(path, "rb");
  if (!in) return fail(name, "cannot_open_tfts");

  uint64_t instructions = 0;
  uint32_t feeds = 0;
  size_t n;
  bool done = false;
  while (!done && (n = fread(g_chunk, 1, kChunk, in)) > 0) {
    size_t off = 0;
    while (off < n) {  // events (welcome, frame_done) return early: feed the rest again
      const uint32_t t0 = instret();
      const FeedResult r = decoder.feed(g_chunk + off, n - off);
      instructions += instret() - t0;
      ++feeds;
      off += r.consumed;
      if (tfts::client::is_error(r.status)) {
        fclose(in);
        printf("workload=%s status=%s offset_in_chunk=%u\n", name,
               tfts::client::status_name(r.status), static_cast<unsigned>(off));
        return fail(name, "decoder");
      }
      if (r.status == DecodeStatus::bye) {  // nothing after BYE is for us
        done = true;
        break;
      }
    }
  }
  fclose(in);

  snprintf(path, sizeof path, "%s.rgb565", name);
  FILE* ref = fopen(path, "rb");
  if (!ref) return fail(name, "cannot_open_rgb565");
  size_t first_diff = 0;
  const bool match = matches_reference(ref, &first_diff);
  fclose(ref);

  printf("workload=%s framebuffer=%d frames=%lu feeds=%lu pixels=%lu instret=%llu",
         name, has_fb ? 1 : 0, static_cast<unsigned long>(g_sink.frames),
         static_cast<unsigned long>(feeds), static_cast<unsigned long>(decoder.pixels_decoded()),
         static_cast<unsigned long long>(instructions));
#ifdef MCU_BENCH_SPLIT_SINK
  printf(" sink_instret=%llu", static_cast<unsigned long long>(g_sink_instructions));
#endif
  printf(" work_buffer_bytes=%lu match=%d", static_cast<unsigned long>(work_bytes), match ? 1 : 0);
  if (!match) printf(" first_diff_pixel=%lu", static_cast<unsigned long>(first_diff));
  printf("\n");
  return match ? 0 : 1;
}
