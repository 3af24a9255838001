// How many frames a display may have in flight right now, between 1 and the configured
// maximum (design principle 4, made latency-aware).
//
// A second frame in flight keeps the link busy while the display draws, which only pays when
// the transfer takes a real share of a frame's time. When the display's drawing dominates (a slow
// SPI panel), the second frame just waits in its socket and shows up one draw time old: on the
// slow-display benchmark (200 ms per frame) two in flight gave 420 ms capture-to-ACK latency
// for 100 frames, one in flight 223 ms for 98 (bench/results, 2026-11-21).
//
// So the window drops to 1 when the measured transfer time is under a quarter of the display's
// busy time (decode + draw, from its ACKs): at most a 20% frame-rate cost for half the latency.
// Transfer time is only measurable on frames sent with nothing else in flight (their round trip
// minus the display's busy time); with a window above 1 such a frame is arranged every few
// seconds as a probe.
#pragma once

#include <chrono>
#include <cstdint>

namespace tfts::server {

class CreditWindow {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kProbeInterval = std::chrono::seconds(5);

  explicit CreditWindow(int max_in_flight) : max_(max_in_flight < 1 ? 1 : max_in_flight) {}

  // The number of frames that may be in flight now.
  int window(Clock::time_point now) const {
    if (max_ == 1 || !measured_) return max_;
    if (draw_bound()) return 1;
    return now - last_sample_ >= kProbeInterval ? 1 : max_;  // let one frame go alone
  }

  // A frame's ACK: its round trip, the display's own busy time for it, and whether it was
  // sent with nothing else in flight (only then does the round trip show the transfer time).
  void on_ack(Clock::duration round_trip, double busy_ms, bool sent_alone, Clock::time_point now) {
    busy_ms_ = measured_busy_ ? busy_ms_ + kAlpha * (busy_ms - busy_ms_) : busy_ms;
    measured_busy_ = true;
    if (!sent_alone) return;
    const double rtt_ms = std::chrono::duration<double, std::milli>(round_trip).count();
    const double transfer = rtt_ms > busy_ms ? rtt_ms - busy_ms : 0.0;
    transfer_ms_ = measured_ ? transfer_ms_ + kAlpha * (transfer - transfer_ms_) : transfer;
    measured_ = true;
    last_sample_ = now;
  }

  bool draw_bound() const { return measured_ && transfer_ms_ < 0.25 * busy_ms_; }
  double transfer_ms() const { return transfer_ms_; }
  double busy_ms() const { return busy_ms_; }

 private:
  static constexpr double kAlpha = 0.25;  // smoothing of the running estimates

  int max_;
  bool measured_ = false;
  bool measured_busy_ = false;
  double transfer_ms_ = 0;
  double busy_ms_ = 0;
  Clock::time_point last_sample_{};
};

}  // namespace tfts::server
