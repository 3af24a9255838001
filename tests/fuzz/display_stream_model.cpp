#include "display_stream_model.h"

#include <string.h>

namespace tfts_fuzz {
namespace {

namespace proto = tfts::proto;
using proto::MessageType;

uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

HelloExpectation verdict(HelloVerdict v) {
  HelloExpectation e;
  e.verdict = v;
  return e;
}

// §2.1 field table and rules.
HelloExpectation read_body(const uint8_t* b, size_t body_len) {
  tfts::server::Hello h;
  h.width = be16(b);
  h.height = be16(b + 2);
  h.rotation = b[4];
  const uint8_t pixel_format = b[5];
  const uint16_t codecs = be16(b + 6);
  h.max_payload = be32(b + 8);
  h.framebuffer = (b[12] & proto::kFlagFramebuffer) != 0;
  const uint8_t role = b[13];
  const size_t name_len = b[14];
  const bool in_range = h.width >= 1 && h.width <= proto::kMaxDimension && h.height >= 1 &&
                        h.height <= proto::kMaxDimension && h.rotation <= 3 &&
                        pixel_format == static_cast<uint8_t>(proto::PixelFormat::rgb565_be) &&
                        h.max_payload >= proto::kMinPayloadLimit && role <= 2 && name_len >= 1 &&
                        name_len <= proto::kMaxNameBytes &&
                        body_len >= proto::kHelloFixedBytes + name_len;
  if (!in_range) return verdict(HelloVerdict::bad_hello);
  h.name.assign(reinterpret_cast<const char*>(b + proto::kHelloFixedBytes), name_len);
  // The server's own policy (libs/server/src/hello.cpp; §2.1 only says UTF-8): names go to
  // logs and status pages, so no control characters.
  for (char c : h.name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return verdict(HelloVerdict::bad_hello);
  }
  // Unknown codec bits are ignored; COPY needs the framebuffer flag; fill and raw are assumed.
  uint16_t known = codecs & proto::kAllCodecs;
  if (!h.framebuffer) known &= static_cast<uint16_t>(~proto::codec_bit(proto::Codec::copy));
  h.codecs = static_cast<uint16_t>(known | proto::codec_bit(proto::Codec::fill) |
                                   proto::codec_bit(proto::Codec::raw));
  h.role = static_cast<proto::Role>(role);
  HelloExpectation e;
  e.verdict = HelloVerdict::done;
  e.hello = std::move(h);
  return e;
}

}  // namespace

HelloExpectation expect_hello(std::span<const uint8_t> s) {
  const size_t magic_seen = s.size() < 4 ? s.size() : 4;
  if (magic_seen > 0 && memcmp(s.data(), proto::kMagic, magic_seen) != 0) {
    return verdict(HelloVerdict::bad_magic);
  }
  if (s.size() < proto::kHandshakePrefixBytes) return verdict(HelloVerdict::reading);
  // §2: the display names the highest version it speaks; the server answers in the highest
  // both speak, so only a version below 1 leaves none.
  if (s[4] < proto::kVersion) return verdict(HelloVerdict::bad_version);
  const size_t body_len = be16(s.data() + 5);
  // A body must hold the fixed fields and a name of at least one byte.
  if (body_len < proto::kHelloFixedBytes + 1 || body_len > kModelMaxHelloBody) {
    return verdict(HelloVerdict::bad_hello);
  }
  if (s.size() < proto::kHandshakePrefixBytes + body_len) return verdict(HelloVerdict::reading);
  HelloExpectation e = read_body(s.data() + proto::kHandshakePrefixBytes, body_len);
  if (e.verdict == HelloVerdict::done) e.bytes = proto::kHandshakePrefixBytes + body_len;
  return e;
}

proto::Reason refusal_reason(HelloVerdict v) {
  switch (v) {
    case HelloVerdict::bad_magic:
      return proto::Reason::bad_magic;
    case HelloVerdict::bad_version:
      return proto::Reason::unsupported_version;
    default:
      return proto::Reason::protocol_violation;
  }
}

std::vector<DisplayMessage> MessageModel::feed(std::span<const uint8_t> chunk) {
  std::vector<DisplayMessage> out;
  if (malformed_ || closed_) return out;
  pending_.insert(pending_.end(), chunk.begin(), chunk.end());
  size_t pos = 0;
  while (pos < pending_.size()) {
    const uint8_t* m = pending_.data() + pos;
    const size_t left = pending_.size() - pos;
    const auto type = static_cast<MessageType>(m[0]);
    size_t size = 0;
    switch (type) {
      case MessageType::ack:
        size = proto::kAckBytes;
        break;
      case MessageType::refresh:
      case MessageType::keepalive:
        size = 1;
        break;
      case MessageType::error:
      case MessageType::bye:
        size = left >= 3 ? 3u + m[2] : 3u;
        break;
      default:
        malformed_ = true;
        break;  // server -> display types, reserved, unknown
    }
    if (malformed_ || left < size) break;
    DisplayMessage msg;
    msg.type = type;
    if (type == MessageType::ack) {
      msg.ack = {be32(m + 1), be32(m + 5), be32(m + 9), be32(m + 13), static_cast<int8_t>(m[17])};
    } else if (type == MessageType::error || type == MessageType::bye) {
      msg.reason = m[1];
      msg.text.assign(reinterpret_cast<const char*>(m + 3), m[2]);
    }
    out.push_back(std::move(msg));
    pos += size;
    if (type == MessageType::error || type == MessageType::bye) {
      closed_ = true;  // §3.5: both end the connection
      break;
    }
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pos));
  if (malformed_ || closed_) pending_.clear();
  return out;
}

bool same_ack(const tfts::server::AckMessage& a, const tfts::server::AckMessage& b) {
  return a.seq == b.seq && a.decode_us == b.decode_us && a.draw_us == b.draw_us &&
         a.free_heap == b.free_heap && a.rssi == b.rssi;
}

}  // namespace tfts_fuzz
