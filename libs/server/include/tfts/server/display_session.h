// One connected display, without any I/O (the transport feeds it bytes and sends what it makes).
// It holds the shadow framebuffer (what the display shows), the damage accumulated since its
// last frame, and the credit window; it encodes the newest screen frame only when the display
// has room for it (design principles 1-5). Network thread only.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "tfts/codec/frame_encoder.h"
#include "tfts/server/credit_window.h"
#include "tfts/server/display_input.h"
#include "tfts/server/display_metrics.h"
#include "tfts/server/encode_cache.h"
#include "tfts/server/hello.h"
#include "tfts/server/latency_window.h"
#include "tfts/server/screen_frame.h"

namespace tfts::server {

struct SessionSettings {
  int max_in_flight = 2;
  int max_error = 0;                 // lossy bound while the picture moves; 0 = always exact
  int max_messages_per_second = 500;  // a display sending more is cut off (flooding)
};

// A frame ready to write: begin marker, the shared encoded body, end marker.
struct OutgoingFrame {
  uint32_t seq = 0;
  std::array<uint8_t, 5> begin{};
  std::array<uint8_t, 5> end{};
  std::shared_ptr<const EncodedFrame> encoded;  // body = encoded->bytes[5, size - 5)
  size_t size() const { return encoded->bytes.size(); }
};

struct SessionStats {
  uint64_t frames_offered = 0;  // screen frames this session was told about
  uint64_t frames_sent = 0;
  uint64_t frames_acked = 0;
  uint64_t bytes_sent = 0;
  uint64_t full_refreshes = 0;
  uint64_t shared_encodes = 0;  // frames whose bytes came from the fan-out cache
  uint64_t last_sent_frame_id = 0;
  AckMessage last_ack;
  LatencyWindow latency_ms;  // screen capture -> ACK received
};

class DisplaySession final : private DisplayInputHandler {
 public:
  DisplaySession(uint32_t id, Hello hello, const SessionSettings& settings);

  // Where the session reports what it sends and what the display acknowledges (may stay
  // null); must outlive the session.
  void set_metrics(DisplayMetrics* metrics) { metrics_ = metrics; }

  uint32_t id() const { return id_; }
  const Hello& hello() const { return hello_; }
  const codec::DisplayCaps& caps() const { return encoder_.caps(); }
  const SessionStats& stats() const { return stats_; }
  // What the display holds once every frame sent so far is drawn.
  const core::Rgb565Plane& shadow() const { return shadow_; }
  size_t in_flight() const { return in_flight_.size(); }
  // When the oldest frame still waiting for its ACK was sent; nullopt when none waits.
  std::optional<Clock::time_point> oldest_unacked_since() const {
    if (in_flight_.empty()) return std::nullopt;
    return in_flight_.front().sent;
  }

  // The feed's newest frame and the damage since the previous frame offered.
  void offer(ScreenFramePtr frame, const pipeline::TileMask& damage);

  // The display now shows another feed (its screen changed at runtime): the next frame offered
  // is diffed against what the display holds, so it gets what differs, not a full refresh.
  void switch_feed();
  // The screen's quality setting changed; applies from the next frame.
  void set_max_error(int max_error) { settings_.max_error = max_error; }

  // Bytes from the display. Returns false when the session must end: close_reason() and
  // close_text() then say why (a protocol violation, or the display's own ERROR/BYE).
  bool receive(std::span<const uint8_t> bytes, Clock::time_point now);

  // True when a frame may go out now: credit left and something to send.
  bool ready() const { return ready(Clock::now()); }
  bool ready(Clock::time_point now) const;
  const CreditWindow& credit() const { return credit_; }
  // Encodes the next frame (ready() must be true) and counts it in flight.
  // Returns nothing when the damage turned out to change nothing. `now` is the same clock as
  // receive()'s: the credit window times round trips with it.
  std::optional<OutgoingFrame> next_frame(EncodeCache& cache, Clock::time_point now);
  std::optional<OutgoingFrame> next_frame(EncodeCache& cache) {
    return next_frame(cache, Clock::now());
  }

  proto::Reason close_reason() const { return close_reason_; }
  const std::string& close_text() const { return close_text_; }
  // True when the display itself said ERROR or BYE (nothing more should be sent).
  bool peer_closed() const { return peer_closed_; }
  // True when that was an ERROR (the display failed), not a BYE.
  bool peer_reported_error() const { return peer_error_; }

 private:
  struct InFlight {
    uint32_t seq;
    uint64_t frame_id;
    Clock::time_point captured;
    Clock::time_point sent;
    bool alone;  // nothing else was in flight when it was sent
  };

  void on_ack(const AckMessage& ack) override;
  void on_refresh() override;
  void on_keepalive() override { ++window_messages_; }
  void on_close(proto::MessageType type, proto::Reason reason, std::string text) override;
  void violation(std::string why);
  std::shared_ptr<const EncodedFrame> encode_own(bool full, int max_error);

  uint32_t id_;
  Hello hello_;
  SessionSettings settings_;
  codec::FrameEncoder encoder_;
  DisplayInput input_;
  CreditWindow credit_;

  core::Rgb565Plane shadow_;
  pipeline::TileMask dirty_;   // tiles where shadow_ may differ from frame_
  ScreenFramePtr frame_;       // the newest frame offered
  uint64_t synced_id_ = 0;     // shadow_ equals this frame exactly; 0 = unknown
  bool need_full_ = true;      // the display's contents are unknown (new, or REFRESH)
  bool fresh_ = false;         // a frame arrived since the last one sent (the picture moves)
  uint32_t next_seq_ = 0;
  std::deque<InFlight> in_flight_;

  Clock::time_point now_{};
  Clock::time_point window_start_{};
  int window_messages_ = 0;
  bool ended_ = false;
  bool peer_closed_ = false;
  bool peer_error_ = false;
  proto::Reason close_reason_ = proto::Reason::normal;
  std::string close_text_;
  SessionStats stats_;
  DisplayMetrics* metrics_ = nullptr;
};

}  // namespace tfts::server
