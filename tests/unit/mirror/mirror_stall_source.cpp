// mirror_stall_source HOST PORT NAME WIDTH HEIGHT: the tfts_mirror C core as a device whose
// server stops answering (mirror_stall_test.py stops it with SIGSTOP). It sends one complete
// frame, prints "READY" once that is ACKed, waits for a line on stdin (the server is stopped
// then), flushes 40 different pictures 10 ms apart the way LVGL would, whatever happens, and
// then keeps polling until the core asks for a full refresh, flushes the last picture whole and
// has it ACKed. Prints one JSON line: frames sent, dropped, acked, full refreshes, and the
// longest flush call in microseconds (the core must never make LVGL wait).
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "live_link.h"

using namespace tfts::mirror::live;

namespace {

// Picture k: bands and a moving block, different for every k.
std::vector<uint8_t> picture(int w, int h, int k) {
  std::vector<uint8_t> px(static_cast<size_t>(w * h) * 2);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      uint16_t v = static_cast<uint16_t>(((y / 8 + k) % 4) * 0x2104 + x * 3);
      if (x / 16 == k % (w / 16) && y > h / 3) v = static_cast<uint16_t>(0xF800 | k);
      px[static_cast<size_t>(y * w + x) * 2] = static_cast<uint8_t>(v);
      px[static_cast<size_t>(y * w + x) * 2 + 1] = static_cast<uint8_t>(v >> 8);
    }
  }
  return px;
}

// Polls until `done` or `ms` pass; false on a closed session or the deadline.
template <typename Done>
bool poll_until(tfts_mirror_t* m, uint32_t ms, Done done) {
  const uint32_t deadline = now_ms() + ms;
  while (now_ms() < deadline) {
    if (tfts_mirror_poll(m, now_ms()) == TFTS_MIRROR_CLOSED) return false;
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: mirror_stall_source HOST PORT NAME WIDTH HEIGHT\n");
    return 2;
  }
  const int w = std::stoi(argv[4]), h = std::stoi(argv[5]);
  int fd = connect_to(argv[1], std::stoi(argv[2]));
  if (fd < 0) return 1;
  static uint8_t send_buf[8192];
  tfts_mirror_t m;
  if (!start_mirror(&m, &fd, argv[3], w, h, send_buf, sizeof send_buf)) return 2;
  const tfts_mirror_stats_t* s = tfts_mirror_stats(&m);
  if (!poll_until(&m, 5000, [&] { return tfts_mirror_take_refresh(&m); })) return 1;
  flush_picture(&m, picture(w, h, 0), w, h);
  if (!poll_until(&m, 5000, [&] { return s->frames_acked == 1 && tfts_mirror_pending(&m) == 0; })) {
    return 1;
  }
  std::printf("READY\n");
  std::fflush(stdout);
  std::string line;
  std::getline(std::cin, line);  // the server is stopped now

  long longest_us = 0;
  const int kPictures = 40;
  for (int k = 1; k <= kPictures; ++k) {
    if (tfts_mirror_take_refresh(&m)) {
      // The core wants the whole screen (after a drop): LVGL would invalidate it, so the next
      // flush is the whole picture anyway.
    }
    longest_us = std::max(longest_us, flush_picture(&m, picture(w, h, k), w, h));
    poll_until(&m, 10, [] { return false; });
  }
  // The server comes back (SIGCONT): the core offers a full refresh once it has drained and
  // has credit; the last picture goes whole and must be ACKed.
  bool refreshed = false;
  const auto last = picture(w, h, kPictures);
  const bool ok = poll_until(&m, 15000, [&] {
    if (!refreshed && tfts_mirror_take_refresh(&m)) {
      longest_us = std::max(longest_us, flush_picture(&m, last, w, h));
      refreshed = true;
    }
    return refreshed && s->frames_acked == s->frames_sent && tfts_mirror_pending(&m) == 0;
  });
  std::printf("{\"ok\": %s, \"frames_sent\": %u, \"frames_dropped\": %u, \"frames_acked\": %u, "
              "\"full_refreshes\": %u, \"longest_flush_us\": %ld}\n",
              ok ? "true" : "false", s->frames_sent, s->frames_dropped, s->frames_acked,
              s->full_refreshes, longest_us);
  tfts_mirror_close(&m);
  close(fd);
  return ok ? 0 : 1;
}
