#include "tfts/server/display_session.h"

#include <chrono>

#include "tfts/metrics/histogram.h"

namespace tfts::server {
namespace {

codec::DisplayCaps caps_of(const Hello& h) {
  return {h.width, h.height, h.codecs, h.max_payload, h.framebuffer};
}

std::array<uint8_t, 5> marker(proto::MessageType type, uint32_t seq) {
  return {static_cast<uint8_t>(type), static_cast<uint8_t>(seq >> 24),
          static_cast<uint8_t>(seq >> 16), static_cast<uint8_t>(seq >> 8),
          static_cast<uint8_t>(seq)};
}

}  // namespace

DisplaySession::DisplaySession(uint32_t id, Hello hello, const SessionSettings& settings)
    : id_(id),
      hello_(std::move(hello)),
      settings_(settings),
      encoder_(caps_of(hello_)),
      credit_(settings.max_in_flight),
      shadow_(hello_.width, hello_.height),
      dirty_(hello_.width, hello_.height) {}

void DisplaySession::offer(ScreenFramePtr frame, const pipeline::TileMask& damage) {
  // Invariant: shadow_ differs from frame_ only inside dirty_. The new frame differs from the
  // old one only inside `damage`, so the union keeps the invariant (principle 2).
  if (frame_) dirty_ |= damage;
  frame_ = std::move(frame);
  fresh_ = true;
  ++stats_.frames_offered;
}

void DisplaySession::switch_feed() {
  // Frame ids belong to a feed: forget the old feed's, and keep the invariant (shadow_ differs
  // from the next frame only inside dirty_) by marking everything.
  frame_.reset();
  synced_id_ = 0;
  dirty_.set_all();
  fresh_ = false;
}

bool DisplaySession::receive(std::span<const uint8_t> bytes, Clock::time_point now) {
  if (ended_) return false;
  now_ = now;
  if (now - window_start_ >= std::chrono::seconds(1)) {
    window_start_ = now;
    window_messages_ = 0;
  }
  if (!input_.feed(bytes, *this) && !ended_) violation(input_.error());
  if (!ended_ && window_messages_ > settings_.max_messages_per_second) {
    violation("display sends faster than allowed (" + std::to_string(window_messages_) +
              " messages in a second)");
  }
  return !ended_;
}

void DisplaySession::violation(std::string why) {
  ended_ = true;
  close_reason_ = proto::Reason::protocol_violation;
  close_text_ = std::move(why);
}

void DisplaySession::on_ack(const AckMessage& ack) {
  ++window_messages_;
  if (ended_) return;
  if (in_flight_.empty()) {
    return violation("ACK for seq " + std::to_string(ack.seq) + " with no frame in flight");
  }
  if (in_flight_.front().seq != ack.seq) {
    return violation("ACK for seq " + std::to_string(ack.seq) + ", expected " +
                     std::to_string(in_flight_.front().seq));
  }
  const InFlight done = in_flight_.front();
  in_flight_.pop_front();
  ++stats_.frames_acked;
  stats_.last_ack = ack;
  stats_.latency_ms.add(std::chrono::duration<double, std::milli>(now_ - done.captured).count());
  if (metrics_) {
    metrics_->acked(ack, std::chrono::duration<double>(now_ - done.captured).count(), now_);
    metrics_->in_flight->set(static_cast<double>(in_flight_.size()));
  }
  credit_.on_ack(now_ - done.sent, (ack.decode_us + static_cast<double>(ack.draw_us)) / 1000.0,
                 done.alone, now_);
}

void DisplaySession::on_refresh() {
  ++window_messages_;
  need_full_ = true;  // frames in flight are not affected (§3.4)
}

void DisplaySession::on_close(proto::MessageType type, proto::Reason reason, std::string text) {
  // The text is the display's own bytes, bound for our log: keep it printable.
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  ended_ = true;
  peer_closed_ = true;
  peer_error_ = type == proto::MessageType::error;
  close_reason_ = reason;
  close_text_ = (type == proto::MessageType::error ? "display reported error: " : "display said bye: ") +
                std::string(proto::reason_name(reason)) + (text.empty() ? "" : " (" + text + ")");
}

bool DisplaySession::ready(Clock::time_point now) const {
  return !ended_ && frame_ && in_flight_.size() < static_cast<size_t>(credit_.window(now)) &&
         (need_full_ || dirty_.any());
}

std::shared_ptr<const EncodedFrame> DisplaySession::encode_own(bool full, int max_error) {
  const auto start = Clock::now();
  auto enc = std::make_shared<EncodedFrame>();
  enc->stats = encoder_.encode(frame_->target.view(), shadow_, max_error, 0, enc->bytes, full,
                               full ? nullptr : &dirty_);
  if (metrics_) {
    metrics_->screen->encode->observe(std::chrono::duration<double>(Clock::now() - start).count());
  }
  return enc;
}

std::optional<OutgoingFrame> DisplaySession::next_frame(EncodeCache& cache,
                                                        Clock::time_point now) {
  // Lossy only while the picture moves; once it holds still the remaining error is refined
  // away with exact frames (principle 5).
  const bool lossy = settings_.max_error > 0 && fresh_ && !need_full_;
  std::shared_ptr<const EncodedFrame> enc;
  if (lossy) {
    enc = encode_own(false, settings_.max_error);
    synced_id_ = 0;
    dirty_.clear();
    pipeline::mark_changed_tiles(frame_->target.view(), shadow_.view(), dirty_);
  } else {
    const bool shareable = need_full_ || synced_id_ != 0;
    const EncodeKey key{need_full_ ? 0 : synced_id_, frame_->id, caps().codecs,
                        caps().max_payload, caps().framebuffer};
    if (shareable && (enc = cache.find(key))) {
      shadow_ = frame_->target;  // an exact encode leaves the display holding the target
      ++stats_.shared_encodes;
    } else {
      enc = encode_own(need_full_, 0);
      if (shareable) cache.store(key, enc);
    }
    synced_id_ = frame_->id;
    dirty_.clear();
  }
  const bool full = need_full_;
  if (need_full_) ++stats_.full_refreshes;
  need_full_ = false;
  fresh_ = false;
  if (enc->bytes.empty()) return std::nullopt;  // the damage changed back: nothing to send

  OutgoingFrame out;
  out.seq = next_seq_++;
  out.begin = marker(proto::MessageType::frame_begin, out.seq);
  out.end = marker(proto::MessageType::frame_end, out.seq);
  out.encoded = std::move(enc);
  in_flight_.push_back({out.seq, frame_->id, frame_->captured, now, in_flight_.empty()});
  ++stats_.frames_sent;
  stats_.bytes_sent += out.size();
  stats_.last_sent_frame_id = frame_->id;
  if (metrics_) {
    metrics_->frame_sent(out.encoded->stats, out.size(), full);
    metrics_->in_flight->set(static_cast<double>(in_flight_.size()));
  }
  return out;
}

}  // namespace tfts::server
