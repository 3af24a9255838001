// A virtual display on TCP that behaves like a board: it connects, sends HELLO with a board's
// limits, decodes with the real device decoder into a framebuffer, ACKs every frame after
// "drawing" it (optionally slowly), sends KEEPALIVE when idle, reports decoder errors with BYE,
// and can reconnect. Used by `tftstream emulate`, the end-to-end tests and the benchmarks.
// Blocking POSIX sockets on the caller's thread; one object per display.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "tfts/core/plane.h"
#include "tfts/proto/wire.h"

namespace tfts::sim {

struct TcpDisplayOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8888;
  std::string name = "emulator";
  int width = 320;
  int height = 240;
  uint32_t max_payload = 8192;          // an ESP32-C3's receive buffer
  uint16_t codecs = proto::kAllCodecs;  // COPY counts only with `framebuffer`
  bool framebuffer = false;             // boards without a framebuffer cannot COPY
  long max_frames = 0;                  // stop after this many frames drawn; 0 = no limit
  double max_seconds = 0;               // stop after this long; 0 = no limit
  int draw_delay_ms = 0;                // sleep per frame, like a slow panel
  bool reconnect = false;               // come back after the server leaves or errs
  bool ack = true;                      // false: never ACK (a broken display, for tests)
  proto::Role role = proto::Role::display;  // viewer: watch `name` without being a display
};

struct TcpDisplayStats {
  uint64_t frames = 0;          // frames drawn
  uint64_t bytes = 0;           // bytes received
  uint64_t connects = 0;        // successful handshakes
  double seconds = 0;           // wall time of run()
  // Per frame: FRAME_BEGIN received -> drawn (after the delay); the last 100,000 frames. This
  // is the display's share of latency; the server measures capture -> ACK.
  std::vector<double> latency_ms;
  uint32_t session_id = 0;
  std::string last_error;       // the last reason a session ended abnormally
};

class TcpDisplay {
 public:
  explicit TcpDisplay(const TcpDisplayOptions& options);

  // Runs until max_frames or max_seconds is reached, `stop` becomes true, or the session ends
  // (without reconnect). Returns true when it stopped for one of the first three reasons.
  bool run(const std::atomic<bool>* stop = nullptr);

  const core::Rgb565Plane& framebuffer() const { return framebuffer_; }
  const TcpDisplayStats& stats() const { return stats_; }

 private:
  enum class SessionEnd { done, closed, failed };
  SessionEnd session(const std::atomic<bool>* stop, double deadline_s);

  TcpDisplayOptions opt_;
  core::Rgb565Plane framebuffer_;  // survives reconnects, as a panel's pixels do
  TcpDisplayStats stats_;
};

}  // namespace tfts::sim
