// One device sending its own screen (source role, docs/protocol.md §2.4), without I/O: the
// server's copy of that screen, decoded by the device decoder itself (the device's frames are
// the same messages a server sends a display), and the ACKs and REFRESHes to send back.
// Network thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "tfts/server/hello.h"
#include "tfts/sim/simulated_display.h"

namespace tfts::server {

struct SourceStats {
  uint64_t frames = 0;         // frames decoded (and ACKed)
  uint64_t bytes = 0;          // bytes received after the HELLO
  uint32_t last_decode_us = 0;
  uint64_t refreshes = 0;      // REFRESH requests sent
};

class SourceSession {
 public:
  // The largest RECT payload a device may declare; its HELLO is refused beyond it.
  static constexpr uint32_t kMaxPayload = 256 * 1024;
  // The largest screen a device may mirror (1024x1024; an 800x480 or 1280x720 panel fits):
  // the server keeps a copy per device and copies it whenever a frame changes it.
  static constexpr long kMaxPixels = 1024 * 1024;
  // A device sending more frames than this in a second is cut off (LVGL refreshes at most
  // every few ms; a peer sending empty frames in a loop must not keep the network thread busy).
  static constexpr int kMaxFramesPerSecond = 120;

  // `hello` is a source HELLO within kMaxPayload (check acceptable() first).
  SourceSession(uint32_t id, const Hello& hello, int max_in_flight, int keepalive_ms);

  // Empty when the HELLO is acceptable, else why not, and `reason` for the refusal.
  static std::string acceptable(const Hello& hello, proto::Reason& reason);

  uint32_t id() const { return id_; }
  const Hello& hello() const { return hello_; }
  const SourceStats& stats() const { return stats_; }
  const core::Rgb565Plane& picture() const { return display_.framebuffer(); }

  // The WELCOME to send first.
  std::vector<uint8_t> welcome() const;

  // Bytes from the device. False when the session must end: close_reason() and close_text()
  // say why (a bad frame, or the device's own BYE or ERROR, then peer_closed()).
  bool receive(std::span<const uint8_t> bytes);

  // Bytes to send (ACKs after frames, REFRESH); the caller sends them and clears the vector.
  std::vector<uint8_t>& output() { return output_; }
  // True once after frames that changed pixels (one or several): the picture is new since the
  // last call. Frames that drew nothing (a device that had to drop) do not count.
  bool take_new_picture();
  // Asks the device for every pixel again (queues REFRESH).
  void request_refresh();

  proto::Reason close_reason() const { return close_reason_; }
  const std::string& close_text() const { return close_text_; }
  bool peer_closed() const { return peer_closed_; }

 private:
  uint32_t id_;
  Hello hello_;
  int max_in_flight_;
  int keepalive_ms_;
  sim::SimulatedDisplay display_;
  std::vector<uint8_t> output_;
  bool new_picture_ = false;
  bool ended_ = false;
  bool peer_closed_ = false;
  proto::Reason close_reason_ = proto::Reason::normal;
  std::string close_text_;
  SourceStats stats_;
  uint64_t frame_work_ns_ = 0;  // decode time of the frame in progress, over its chunks
  uint64_t pixels_at_last_frame_ = 0;
  std::chrono::steady_clock::time_point window_start_{};  // the frame-rate window
  int window_frames_ = 0;
};

}  // namespace tfts::server
