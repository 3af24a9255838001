// The tfts_mirror core on a real TCP connection, for the host tools that run it against
// `tftstream serve` (mirror_live_source, mirror_stall_source): a non-blocking socket as the
// core's write and read callbacks (what a WiFiClient on lwIP gives a device), a millisecond
// clock, and LVGL partial-mode flushing of a whole picture in padded 10-row strips.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tfts/mirror/tfts_mirror.h"

namespace tfts::mirror::live {

inline size_t sock_write(void* user, const uint8_t* p, size_t n) {
  const ssize_t r = send(*static_cast<int*>(user), p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
  return r > 0 ? static_cast<size_t>(r) : 0;
}

inline int sock_read(void* user, uint8_t* buf, size_t cap) {
  const ssize_t r = recv(*static_cast<int*>(user), buf, cap, MSG_DONTWAIT);
  if (r > 0) return static_cast<int>(r);
  if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
  return -1;
}

inline uint32_t now_ms() {
  using namespace std::chrono;
  return static_cast<uint32_t>(
      duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

// A connected TCP socket to host:port, or -1.
inline int connect_to(const char* host, int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, host, &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Initialises `m` for a w x h screen called `name` on socket `*fd` (2 KiB payloads, `buf` as
// the send buffer) and queues its HELLO. False when the core refuses the configuration.
inline bool start_mirror(tfts_mirror_t* m, int* fd, const char* name, int w, int h, uint8_t* buf,
                         size_t buf_size) {
  tfts_mirror_config_t cfg{};
  cfg.width = static_cast<uint16_t>(w);
  cfg.height = static_cast<uint16_t>(h);
  cfg.name = name;
  cfg.max_payload = 2048;
  cfg.buf = buf;
  cfg.buf_size = buf_size;
  cfg.write = sock_write;
  cfg.read = sock_read;
  cfg.user = fd;
  if (!tfts_mirror_init(m, &cfg)) return false;
  tfts_mirror_start(m, now_ms());
  return true;
}

// Flushes `pic` (native RGB565, w x h) as LVGL's partial mode does: 10-row strips in a buffer
// whose rows are padded 8 bytes, the last one marked. Returns the longest single flush call in
// microseconds (the core must never make LVGL wait).
inline long flush_picture(tfts_mirror_t* m, const std::vector<uint8_t>& pic, int w, int h) {
  const size_t stride = static_cast<size_t>(w) * 2 + 8;
  std::vector<uint8_t> strip(stride * 10);
  long longest_us = 0;
  for (int y = 0; y < h; y += 10) {
    const int rows = std::min(10, h - y);
    for (int r = 0; r < rows; ++r) {
      std::copy_n(&pic[static_cast<size_t>((y + r) * w) * 2], w * 2, &strip[r * stride]);
    }
    const auto t0 = std::chrono::steady_clock::now();
    tfts_mirror_flush(m, 0, static_cast<uint16_t>(y), static_cast<uint16_t>(w),
                      static_cast<uint16_t>(rows), strip.data(), stride, TFTS_MIRROR_RGB565,
                      y + rows >= h);
    const long us = static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(
                                          std::chrono::steady_clock::now() - t0)
                                          .count());
    longest_us = std::max(longest_us, us);
  }
  return longest_us;
}

}  // namespace tfts::mirror::live
