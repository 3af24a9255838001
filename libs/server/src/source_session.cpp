#include "tfts/server/source_session.h"

#include <chrono>

#include "tfts/client/decode_status.h"
#include "tfts/client/display_messages.h"

namespace tfts::server {
namespace {

client::DisplayConfig config_for(const Hello& hello) {
  // The server decodes every v1 codec, and keeps a framebuffer, so COPY works too.
  return {static_cast<uint16_t>(hello.width), static_cast<uint16_t>(hello.height),
          hello.max_payload, proto::kAllCodecs, true};
}

}  // namespace

SourceSession::SourceSession(uint32_t id, const Hello& hello, int max_in_flight,
                             int keepalive_ms)
    : id_(id),
      hello_(hello),
      max_in_flight_(max_in_flight),
      keepalive_ms_(keepalive_ms),
      display_(config_for(hello)) {
  // The decoder expects a WELCOME before frames: it gets the one this session sends, so it
  // knows the same terms the device does.
  const std::vector<uint8_t> w = welcome();
  display_.feed(w.data(), w.size());
}

std::string SourceSession::acceptable(const Hello& hello, proto::Reason& reason) {
  reason = proto::Reason::protocol_violation;
  if (static_cast<long>(hello.width) * hello.height > kMaxPixels) {
    return std::to_string(hello.width) + "x" + std::to_string(hello.height) +
           " is more than this server mirrors (" + std::to_string(kMaxPixels) + " pixels)";
  }
  reason = proto::Reason::payload_too_large;
  if (hello.max_payload > kMaxPayload) {
    return "max_payload " + std::to_string(hello.max_payload) + " is above this server's " +
           std::to_string(kMaxPayload);
  }
  return {};
}

std::vector<uint8_t> SourceSession::welcome() const {
  return make_welcome(proto::kAllCodecs, max_in_flight_, keepalive_ms_, id_);
}

bool SourceSession::receive(std::span<const uint8_t> bytes) {
  if (ended_) return false;
  stats_.bytes += bytes.size();
  const uint8_t* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    const auto start = std::chrono::steady_clock::now();
    const client::FeedResult r = display_.feed_until_event(p, left);
    frame_work_ns_ += static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                std::chrono::steady_clock::now() - start)
                                                .count());
    p += r.consumed;
    left -= r.consumed;
    if (client::is_error(r.status)) {
      ended_ = true;
      close_reason_ = client::reason_for(r.status);
      close_text_ = std::string("bad frame from the device: ") + client::status_name(r.status);
      return false;
    }
    if (r.status == client::DecodeStatus::bye) {
      ended_ = peer_closed_ = true;
      close_reason_ = display_.decoder().reason();
      close_text_ = std::string("the device said goodbye: ") + proto::reason_name(close_reason_);
      return false;
    }
    if (r.status == client::DecodeStatus::frame_done) {
      const auto now = std::chrono::steady_clock::now();
      if (now - window_start_ >= std::chrono::seconds(1)) {
        window_start_ = now;
        window_frames_ = 0;
      }
      if (++window_frames_ > kMaxFramesPerSecond) {
        ended_ = true;
        close_reason_ = proto::Reason::protocol_violation;
        close_text_ = "the device sends more than " + std::to_string(kMaxFramesPerSecond) +
                      " frames a second";
        return false;
      }
      ++stats_.frames;
      stats_.last_decode_us = static_cast<uint32_t>(frame_work_ns_ / 1000);
      frame_work_ns_ = 0;
      uint8_t ack[proto::kAckBytes];
      const client::AckStats s{stats_.last_decode_us, 0, 0, 127};
      const size_t n = client::write_ack(ack, sizeof ack, display_.decoder().frame_seq(), s);
      output_.insert(output_.end(), ack, ack + n);
      const uint64_t pixels = display_.sink().pixels_written();
      new_picture_ = new_picture_ || pixels != pixels_at_last_frame_;
      pixels_at_last_frame_ = pixels;
    }
  }
  return true;
}

bool SourceSession::take_new_picture() {
  const bool fresh = new_picture_;
  new_picture_ = false;
  return fresh;
}

void SourceSession::request_refresh() {
  uint8_t b[1];
  const size_t n = client::write_refresh(b, sizeof b);
  output_.insert(output_.end(), b, b + n);
  ++stats_.refreshes;
}

}  // namespace tfts::server
