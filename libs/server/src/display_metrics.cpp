#include "tfts/server/display_metrics.h"

namespace tfts::server {
namespace {
constexpr auto kFpsWindow = std::chrono::seconds(1);
}

void DisplayMetrics::frame_sent(const codec::FrameStats& stats, size_t bytes, bool full_refresh) {
  frames_sent->add();
  bytes_sent->add(bytes);
  if (full_refresh) full_refreshes->add();
  for (size_t c = 0; c < proto::kCodecCount; ++c) {
    if (stats.rects_by_codec[c] == 0) continue;
    codec_rects[c]->add(static_cast<uint64_t>(stats.rects_by_codec[c]));
    codec_bytes[c]->add(stats.bytes_by_codec[c]);
  }
}

void DisplayMetrics::acked(const AckMessage& ack, double latency_s, Clock::time_point now) {
  frames_acked->add();
  latency->observe(latency_s);
  display_decode->observe(ack.decode_us / 1e6);
  display_draw->observe(ack.draw_us / 1e6);
  free_heap->set(ack.free_heap);
  rssi->set(ack.rssi);
  ++fps_window_acks_;
  update_fps(now);
}

void DisplayMetrics::update_fps(Clock::time_point now) {
  if (fps_window_start_ == Clock::time_point{}) fps_window_start_ = now;
  const auto elapsed = now - fps_window_start_;
  if (elapsed < kFpsWindow) return;
  acked_fps->set(fps_window_acks_ / std::chrono::duration<double>(elapsed).count());
  fps_window_start_ = now;
  fps_window_acks_ = 0;
}

void DisplayMetrics::gone() {
  in_flight->set(0);
  acked_fps->set(0);
  fps_window_start_ = Clock::time_point{};
  fps_window_acks_ = 0;
}

}  // namespace tfts::server
