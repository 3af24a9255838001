// The server -> display stream state machine (docs/protocol.md §2, §3). Headers are gathered
// byte by byte into header_; a RECT payload is decoded straight from the caller's chunk when
// it is all there, and gathered in the work buffer otherwise.
#include "tfts/client/decoder.h"

#include <string.h>

#include "byte_order.h"
#include "codec_decoders.h"

namespace tfts {
namespace client {
namespace {

using proto::Codec;
using proto::MessageType;

const size_t kAlign = 4;

size_t align_up(size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }

size_t strip_bytes_for(uint16_t width) {
  return static_cast<size_t>(width) * 2 * TFTS_CLIENT_STRIP_ROWS;
}

}  // namespace

size_t Decoder::work_size_for(uint16_t width, uint32_t max_payload) {
  return align_up(max_payload) + strip_bytes_for(width);
}

Decoder::Decoder(DisplaySink& sink, const DisplayConfig& cfg, uint8_t* work, size_t work_size)
    : sink_(sink) {
  configure(cfg, work, work_size);
}

void Decoder::configure(const DisplayConfig& cfg, uint8_t* work, size_t work_size) {
  cfg_ = cfg;
  const uint16_t required = proto::codec_bit(Codec::fill) | proto::codec_bit(Codec::raw);
  configured_ = work != 0 && (reinterpret_cast<uintptr_t>(work) % kAlign) == 0 &&
                cfg.width > 0 && cfg.height > 0 && cfg.width <= proto::kMaxDimension &&
                cfg.height <= proto::kMaxDimension && cfg.max_payload >= proto::kMinPayloadLimit &&
                (cfg.codecs & required) == required &&
                work_size >= work_size_for(cfg.width, cfg.max_payload);
  if (!cfg_.has_framebuffer) cfg_.codecs &= static_cast<uint16_t>(~proto::codec_bit(Codec::copy));
  payload_buf_ = work;
  strip_buf_ = configured_ ? work + align_up(cfg.max_payload) : work;
  strip_bytes_ = strip_bytes_for(cfg.width);
  reset();
}

void Decoder::reset() {
  phase_ = Phase::prefix;
  status_ = configured_ ? DecodeStatus::need_more : DecodeStatus::not_configured;
  header_have_ = 0;
  header_need_ = proto::kHandshakePrefixBytes;
  type_ = 0;
  skip_left_ = 0;
  welcome_len_ = 0;
  payload_len_ = payload_have_ = 0;
  in_frame_ = false;
  open_seq_ = frame_seq_ = 0;
  session_ = Session();
  reason_ = proto::Reason::normal;
  pixels_decoded_ = 0;
}

FeedResult Decoder::fail(size_t consumed, DecodeStatus s) {
  status_ = s;
  phase_ = Phase::closed;
  FeedResult r = {consumed, s};
  return r;
}

FeedResult Decoder::feed(const uint8_t* data, size_t len) {
  if (is_error(status_) || phase_ == Phase::closed) {
    FeedResult r = {0, status_};
    return r;
  }
  size_t pos = 0;
  while (pos < len) {
    switch (phase_) {
      case Phase::prefix:
      case Phase::welcome:
      case Phase::header: {
        size_t take = header_need_ - header_have_;
        if (take > len - pos) take = len - pos;
        memcpy(header_ + header_have_, data + pos, take);
        header_have_ = static_cast<uint8_t>(header_have_ + take);
        pos += take;
        if (header_have_ < header_need_) break;
        DecodeStatus s = phase_ == Phase::prefix    ? parse_prefix()
                         : phase_ == Phase::welcome ? parse_welcome()
                                                    : finish_header();
        if (is_error(s)) return fail(pos, s);
        if (phase_ == Phase::payload && len - pos >= payload_len_) {
          // Fast path: the whole payload is in this chunk; decode it in place.
          s = decode_payload(data + pos);
          pos += payload_len_;
          if (is_error(s)) return fail(pos, s);
          phase_ = Phase::message_type;
        }
        if (s != DecodeStatus::need_more) {
          status_ = s;
          FeedResult r = {pos, s};
          return r;
        }
        break;
      }
      case Phase::message_type: {
        DecodeStatus s = start_header(data[pos++]);
        if (is_error(s)) return fail(pos, s);
        break;
      }
      case Phase::payload: {
        size_t take = payload_len_ - payload_have_;
        if (take > len - pos) take = len - pos;
        memcpy(payload_buf_ + payload_have_, data + pos, take);
        payload_have_ += static_cast<uint32_t>(take);
        pos += take;
        if (payload_have_ < payload_len_) break;
        DecodeStatus s = decode_payload(payload_buf_);
        if (is_error(s)) return fail(pos, s);
        phase_ = Phase::message_type;
        break;
      }
      case Phase::skip: {
        size_t take = skip_left_;
        if (take > len - pos) take = len - pos;
        skip_left_ -= static_cast<uint32_t>(take);
        pos += take;
        if (skip_left_ > 0) break;
        if (type_ == 0) {  // the rest of a longer (newer) WELCOME body
          phase_ = Phase::message_type;
          status_ = DecodeStatus::welcome;
          FeedResult r = {pos, DecodeStatus::welcome};
          return r;
        }
        phase_ = Phase::closed;  // the text of ERROR or BYE
        status_ = DecodeStatus::bye;
        FeedResult r = {pos, DecodeStatus::bye};
        return r;
      }
      case Phase::closed:
        return FeedResult{pos, status_};
    }
  }
  status_ = DecodeStatus::need_more;
  FeedResult r = {pos, DecodeStatus::need_more};
  return r;
}

DecodeStatus Decoder::parse_prefix() {
  if (memcmp(header_, proto::kMagic, 4) != 0) return DecodeStatus::bad_magic;
  if (header_[4] != proto::kVersion) return DecodeStatus::bad_version;
  welcome_len_ = load_be16(header_ + 5);
  header_have_ = 0;
  if (welcome_len_ == 0) {  // refused: an ERROR message follows
    phase_ = Phase::message_type;
    return DecodeStatus::need_more;
  }
  if (welcome_len_ < proto::kWelcomeFixedBytes) return DecodeStatus::bad_message;
  phase_ = Phase::welcome;
  header_need_ = proto::kWelcomeFixedBytes;
  return DecodeStatus::need_more;
}

DecodeStatus Decoder::parse_welcome() {
  session_.codecs = static_cast<uint16_t>(load_be16(header_) & cfg_.codecs);
  session_.max_in_flight = header_[2];
  session_.keepalive_ms = load_be16(header_ + 3);
  session_.session_id = load_be32(header_ + 5);
  header_have_ = 0;
  if (session_.max_in_flight == 0) return DecodeStatus::bad_message;
  skip_left_ = static_cast<uint32_t>(welcome_len_ - proto::kWelcomeFixedBytes);
  if (skip_left_ > 0) {
    type_ = 0;
    phase_ = Phase::skip;
    return DecodeStatus::need_more;
  }
  phase_ = Phase::message_type;
  return DecodeStatus::welcome;
}

DecodeStatus Decoder::start_header(uint8_t type) {
  type_ = type;
  header_have_ = 0;
  const bool frame_message = type == static_cast<uint8_t>(MessageType::frame_begin) ||
                             type == static_cast<uint8_t>(MessageType::frame_end) ||
                             type == static_cast<uint8_t>(MessageType::rect);
  // After a refusal (no WELCOME, so max_in_flight is still 0) only ERROR or BYE may follow.
  if (frame_message && session_.max_in_flight == 0) return DecodeStatus::bad_sequence;
  switch (static_cast<MessageType>(type)) {
    case MessageType::frame_begin:
    case MessageType::frame_end:
      header_need_ = proto::kFrameMarkBytes - 1;
      break;
    case MessageType::rect:
      header_need_ = proto::kRectHeaderBytes - 1;
      break;
    case MessageType::error:
    case MessageType::bye:
      header_need_ = 2;
      break;
    case MessageType::keepalive:
      return DecodeStatus::need_more;  // nothing follows; phase stays message_type
    default:
      return DecodeStatus::bad_message;
  }
  phase_ = Phase::header;
  return DecodeStatus::need_more;
}

DecodeStatus Decoder::finish_header() {
  header_have_ = 0;
  phase_ = Phase::message_type;
  switch (static_cast<MessageType>(type_)) {
    case MessageType::frame_begin:
      if (in_frame_) return DecodeStatus::bad_sequence;
      in_frame_ = true;
      open_seq_ = load_be32(header_);
      return DecodeStatus::need_more;
    case MessageType::frame_end:
      if (!in_frame_ || load_be32(header_) != open_seq_) return DecodeStatus::bad_sequence;
      in_frame_ = false;
      frame_seq_ = open_seq_;
      sink_.frame_done(frame_seq_);
      return DecodeStatus::frame_done;
    case MessageType::rect:
      return check_rect();
    default: {  // error or bye: reason, then text we skip
      reason_ = static_cast<proto::Reason>(header_[0]);
      skip_left_ = header_[1];
      if (skip_left_ > 0) {
        phase_ = Phase::skip;
        return DecodeStatus::need_more;
      }
      phase_ = Phase::closed;
      return DecodeStatus::bye;
    }
  }
}

DecodeStatus Decoder::check_rect() {
  if (!in_frame_) return DecodeStatus::bad_sequence;
  codec_ = header_[0];
  rect_.x = load_be16(header_ + 1);
  rect_.y = load_be16(header_ + 3);
  rect_.w = load_be16(header_ + 5);
  rect_.h = load_be16(header_ + 7);
  payload_len_ = load_be32(header_ + 9);
  payload_have_ = 0;
  if (rect_.w == 0 || rect_.h == 0 || rect_.x >= cfg_.width || rect_.y >= cfg_.height ||
      rect_.w > cfg_.width - rect_.x || rect_.h > cfg_.height - rect_.y) {
    return DecodeStatus::rect_out_of_bounds;
  }
  if (codec_ >= proto::kCodecCount || !(session_.codecs & (1u << codec_))) {
    return DecodeStatus::unsupported_codec;
  }
  if (payload_len_ > cfg_.max_payload) return DecodeStatus::payload_too_large;
  phase_ = Phase::payload;
  if (payload_len_ == 0) {  // no codec has an empty payload
    return DecodeStatus::corrupt_payload;
  }
  return DecodeStatus::need_more;
}

DecodeStatus Decoder::decode_payload(const uint8_t* payload) {
  const size_t len = payload_len_;
  const uint32_t area = static_cast<uint32_t>(rect_.w) * rect_.h;
  bool ok = false;
  switch (static_cast<Codec>(codec_)) {
    case Codec::fill:
      ok = len == 2;
      if (ok) sink_.fill(rect_, load_be16(payload));
      break;
    case Codec::raw:
      ok = len == area * 2;
      if (ok) sink_.write_pixels(rect_, payload, static_cast<size_t>(rect_.w) * 2);
      break;
    case Codec::copy: {
      if (len != 4) break;
      const uint16_t sx = load_be16(payload);
      const uint16_t sy = load_be16(payload + 2);
      ok = sx < cfg_.width && sy < cfg_.height && rect_.w <= cfg_.width - sx &&
           rect_.h <= cfg_.height - sy;
      if (ok) sink_.copy(rect_, sx, sy);
      break;
    }
    default: {
      StripWriter out;
      out.begin(&sink_, strip_buf_, strip_bytes_, rect_);
      switch (static_cast<Codec>(codec_)) {
        case Codec::rle:
          ok = decode_rle(payload, len, out);
          break;
        case Codec::palette:
          ok = decode_palette(payload, len, rect_, out);
          break;
        case Codec::palette_rle:
          ok = decode_palette_rle(payload, len, out);
          break;
        case Codec::predict:
          ok = decode_predict(payload, len, out);
          break;
        default:
          break;
      }
    }
  }
  if (!ok) return DecodeStatus::corrupt_payload;
  pixels_decoded_ += area;
  return DecodeStatus::need_more;
}

}  // namespace client
}  // namespace tfts
