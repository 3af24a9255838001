// MCU conformance on the host: the decoder, built as on the device (gnu++11, no exceptions,
// no RTTI), decodes every golden vector while malloc, calloc, realloc and operator new abort
// the test. Files are read before the trap is armed (stdio allocates).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <new>

#include "tfts/client/decoder.h"

extern "C" void* __libc_malloc(size_t);
extern "C" void* __libc_calloc(size_t, size_t);
extern "C" void* __libc_realloc(void*, size_t);

namespace {

bool g_trap_armed = false;

void trap(const char* what) {
  if (!g_trap_armed) return;
  fprintf(stderr, "no_heap_test: the decoder called %s\n", what);
  abort();
}

}  // namespace

extern "C" void* malloc(size_t n) {
  trap("malloc");
  return __libc_malloc(n);
}
extern "C" void* calloc(size_t n, size_t k) {
  trap("calloc");
  return __libc_calloc(n, k);
}
extern "C" void* realloc(void* p, size_t n) {
  trap("realloc");
  return __libc_realloc(p, n);
}
void* operator new(size_t n) {
  trap("operator new");
  return __libc_malloc(n);
}
void* operator new[](size_t n) {
  trap("operator new[]");
  return __libc_malloc(n);
}
void operator delete(void* p) noexcept { free(p); }
void operator delete[](void* p) noexcept { free(p); }
void operator delete(void* p, size_t) noexcept { free(p); }
void operator delete[](void* p, size_t) noexcept { free(p); }

namespace {

using tfts::client::DecodeStatus;

// Draws into a fixed framebuffer and folds every pixel into a checksum.
class StaticSink : public tfts::client::DisplaySink {
 public:
  uint16_t fb[64 * 64];
  uint16_t width;
  void write_pixels(const tfts::client::Rect& r, const uint8_t* px, size_t stride) {
    for (int y = 0; y < r.h; ++y)
      for (int x = 0; x < r.w; ++x) {
        const uint8_t* p = px + y * stride + 2 * x;
        fb[(r.y + y) * width + r.x + x] = static_cast<uint16_t>(p[0] << 8 | p[1]);
      }
  }
  void fill(const tfts::client::Rect& r, uint16_t v) {
    for (int y = 0; y < r.h; ++y)
      for (int x = 0; x < r.w; ++x) fb[(r.y + y) * width + r.x + x] = v;
  }
  void copy(const tfts::client::Rect& r, uint16_t sx, uint16_t sy) {
    static uint16_t tmp[64 * 64];
    for (int y = 0; y < r.h; ++y)
      for (int x = 0; x < r.w; ++x) tmp[y * r.w + x] = fb[(sy + y) * width + sx + x];
    for (int y = 0; y < r.h; ++y)
      for (int x = 0; x < r.w; ++x) fb[(r.y + y) * width + r.x + x] = tmp[y * r.w + x];
  }
  void frame_done(uint32_t) { ++frames; }
  int frames = 0;
};

uint8_t g_stream[1 << 20];
uint32_t g_work[(8192 + 64 * 2 * 16) / 4];
StaticSink g_sink;

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: no_heap_test VECTOR_DIR\n");
    return 2;
  }
  char path[512];
  snprintf(path, sizeof path, "%s/vectors.txt", argv[1]);
  FILE* list = fopen(path, "r");
  if (!list) {
    fprintf(stderr, "no_heap_test: cannot open %s\n", path);
    return 2;
  }
  int passed = 0, failed = 0;
  char line[256];
  while (fgets(line, sizeof line, list)) {
    char name[64];
    int w, h, fb;
    unsigned max_payload;
    if (line[0] == '#' || sscanf(line, "%63s %d %d %u %d", name, &w, &h, &max_payload, &fb) != 5) continue;
    snprintf(path, sizeof path, "%s/%s.tfts", argv[1], name);
    FILE* f = fopen(path, "rb");
    const size_t n = f ? fread(g_stream, 1, sizeof g_stream, f) : 0;
    if (f) fclose(f);
    if (n == 0 || w > 64 || h > 64) {
      fprintf(stderr, "no_heap_test: %s unreadable or too large\n", name);
      ++failed;
      continue;
    }
    memset(g_sink.fb, 0, sizeof g_sink.fb);
    g_sink.width = static_cast<uint16_t>(w);
    g_sink.frames = 0;
    tfts::client::DisplayConfig cfg = {static_cast<uint16_t>(w), static_cast<uint16_t>(h),
                                       max_payload, 0x7F, fb != 0};
    g_trap_armed = true;
    tfts::client::Decoder dec(g_sink, cfg, reinterpret_cast<uint8_t*>(g_work), sizeof g_work);
    size_t pos = 0;
    bool ok = true;
    while (pos < n && ok) {
      // Odd-sized chunks exercise the buffered payload path too.
      const size_t chunk = n - pos < 97 ? n - pos : 97;
      const tfts::client::FeedResult r = dec.feed(g_stream + pos, chunk);
      pos += r.consumed;
      ok = !tfts::client::is_error(r.status) && r.status != DecodeStatus::bye;
    }
    g_trap_armed = false;
    ok = ok && g_sink.frames > 0;
    printf("%-18s %s (%d frames)\n", name, ok ? "ok" : "FAILED", g_sink.frames);
    ok ? ++passed : ++failed;
  }
  fclose(list);
  printf("no_heap_test: %d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
