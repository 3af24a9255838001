// A virtual device that mirrors its screen to a server (source role, docs/protocol.md §2.4),
// running the device core itself (tfts_mirror, firmware/TftStream/src/tfts/mirror) as an
// LVGL device does: it "renders" a sequence of pictures and flushes each one in horizontal
// strips, as LVGL's partial render mode does, only the strips that changed, each cut to its
// changed columns (LVGL flushes invalidated areas); a frame is one picture. It waits for each
// frame's ACK before the next picture, answers the core's refreshes with the whole picture,
// keeps the connection alive and says BYE at the end. For tests and demos: `tftstream emulate
// --role source`.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "tfts/core/plane.h"

namespace tfts::sim {

struct TcpDeviceOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8888;
  std::string name = "device";
  std::vector<core::Rgb565Plane> pictures;  // all of the screen's size; the first sets it
  int strip_rows = 24;       // rows per flush (LVGL's partial buffer, e.g. a tenth of 240)
  double fps = 10;           // pictures per second
  double hold_seconds = 1;   // stay connected after the last picture (answers REFRESH)
  uint32_t max_payload = 16 * 1024;  // largest RECT payload sent; strips are split to fit
};

struct TcpDeviceStats {
  uint64_t frames = 0;          // frames sent (a picture that changed nothing sends none)
  uint64_t acks = 0;            // ACKs received
  uint64_t refreshes = 0;       // REFRESH requests received (each answered by a full frame)
  uint64_t bytes = 0;           // bytes sent, HELLO included
  std::string last_error;       // why the session ended early ("" when it ended as planned)
};

class TcpDevice {
 public:
  explicit TcpDevice(TcpDeviceOptions options);
  // Connects, sends the pictures, holds, says BYE. False when the session failed (last_error).
  bool run(const std::atomic<bool>* stop = nullptr);
  const TcpDeviceStats& stats() const { return stats_; }

 private:
  TcpDeviceOptions opt_;
  TcpDeviceStats stats_;
};

}  // namespace tfts::sim
