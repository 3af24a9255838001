// mirror_live_source HOST PORT NAME PICTURE WIDTH HEIGHT: the tfts_mirror C core as a device
// on a real TCP connection to `tftstream serve`: connects, waits for WELCOME, flushes PICTURE
// (native RGB565, little-endian u16) in 10-row partial strips with a padded stride through a
// non-blocking socket, and exits 0 once the server has ACKed the frame. mpy_mirror_test.py
// then compares the server's screenshot of NAME with the picture.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "live_link.h"

using namespace tfts::mirror::live;

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: mirror_live_source HOST PORT NAME PICTURE WIDTH HEIGHT\n");
    return 2;
  }
  std::ifstream f(argv[4], std::ios::binary);
  const std::vector<uint8_t> pic(std::istreambuf_iterator<char>(f), {});
  const int w = std::stoi(argv[5]), h = std::stoi(argv[6]);
  if (pic.size() != static_cast<size_t>(w * h * 2)) return 2;

  int fd = connect_to(argv[1], std::stoi(argv[2]));
  if (fd < 0) return 1;

  static uint8_t send_buf[6000];
  tfts_mirror_t m;
  if (!start_mirror(&m, &fd, argv[3], w, h, send_buf, sizeof send_buf)) return 2;
  const uint32_t deadline = now_ms() + 10000;
  bool flushed = false;
  uint32_t dropped_before = 0;
  while (now_ms() < deadline) {
    const tfts_mirror_state_t st = tfts_mirror_poll(&m, now_ms());
    if (st == TFTS_MIRROR_CLOSED) {
      std::fprintf(stderr, "closed: reason %d, server reason %d\n", tfts_mirror_close_reason(&m),
                   tfts_mirror_peer_reason(&m));
      return 1;
    }
    if (!flushed && tfts_mirror_take_refresh(&m)) {
      dropped_before = tfts_mirror_stats(&m)->frames_dropped;
      flush_picture(&m, pic, w, h);
      flushed = true;
    }
    const tfts_mirror_stats_t* s = tfts_mirror_stats(&m);
    if (flushed && s->frames_dropped != dropped_before) flushed = false;  // wait for the refresh
    if (flushed && s->frames_acked >= s->frames_sent && tfts_mirror_pending(&m) == 0) {
      std::printf("frames %u acked %u bytes %u\n", s->frames_sent, s->frames_acked,
                  s->bytes_written);
      tfts_mirror_close(&m);
      close(fd);
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::fprintf(stderr, "no ACK within 10 s\n");
  return 1;
}
