// The metrics of one display (labels: screen, display — the name from its HELLO), kept across
// reconnects so counters stay monotonic. Network thread only for the methods; the values are
// atomics the scrape reads. Nothing here allocates.
#pragma once

#include <array>

#include "tfts/codec/frame_encoder.h"
#include "tfts/metrics/counter.h"
#include "tfts/metrics/gauge.h"
#include "tfts/metrics/histogram.h"
#include "tfts/server/display_input.h"
#include "tfts/server/screen_frame.h"
#include "tfts/server/screen_metrics.h"

namespace tfts::server {

// Two sessions of the same name (a board reconnecting before the server noticed the old
// connection die) share one set: counters add up, and the gauges show the last writer.
struct DisplayMetrics {
  ScreenMetrics* screen = nullptr;  // the screen it shows (encode and send stage timings)
  metrics::Counter* connects = nullptr;
  metrics::Counter* disconnects = nullptr;
  metrics::Counter* frames_sent = nullptr;
  metrics::Counter* frames_acked = nullptr;
  metrics::Counter* bytes_sent = nullptr;
  metrics::Counter* full_refreshes = nullptr;
  std::array<metrics::Counter*, proto::kCodecCount> codec_bytes{};
  std::array<metrics::Counter*, proto::kCodecCount> codec_rects{};
  metrics::Gauge* connected = nullptr;  // sessions of this name now connected
  metrics::Gauge* in_flight = nullptr;
  metrics::Gauge* acked_fps = nullptr;
  metrics::Gauge* free_heap = nullptr;  // bytes, from the display's last ACK
  metrics::Gauge* rssi = nullptr;       // dBm, from the last ACK (0: not reported)
  metrics::Histogram* latency = nullptr;         // screen capture -> ACK received
  metrics::Histogram* display_decode = nullptr;  // the display's own reported decode time
  metrics::Histogram* display_draw = nullptr;    // ... and draw time

  // A frame went out: its codec split and size.
  void frame_sent(const codec::FrameStats& stats, size_t bytes, bool full_refresh);
  // An ACK arrived `latency_s` after the frame's capture.
  void acked(const AckMessage& ack, double latency_s, Clock::time_point now);
  // Acknowledged frames per second over the last second or so; decays to 0 when ACKs stop
  // (called from the collector before each scrape as well).
  void update_fps(Clock::time_point now);
  // The last session of this name left: nothing in flight, no frame rate, nothing counted
  // toward the next rate. Free heap and RSSI keep the last reported values ("last ACK").
  void gone();

 private:
  Clock::time_point fps_window_start_{};
  int fps_window_acks_ = 0;
};

}  // namespace tfts::server
