#include "tfts/server/hello.h"

#include <algorithm>
#include <cstring>

#include "tfts/core/utf8.h"

namespace tfts::server {
namespace {

// v1 needs 15 + 32 bytes; the rest is room for fields later versions append (§7).
constexpr size_t kMaxHelloBody = 1024;

uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}
void put16(std::vector<uint8_t>& v, uint32_t x) {
  v.push_back(static_cast<uint8_t>(x >> 8));
  v.push_back(static_cast<uint8_t>(x));
}

std::vector<uint8_t> prefix(uint16_t body_len) {
  std::vector<uint8_t> v(proto::kMagic, proto::kMagic + 4);
  v.push_back(proto::kVersion);
  put16(v, body_len);
  return v;
}

}  // namespace

void HelloReader::fail(proto::Reason reason, std::string why) {
  state_ = State::failed;
  reason_ = reason;
  error_ = std::move(why);
}

size_t HelloReader::consume(std::span<const uint8_t> chunk) {
  size_t used = 0;
  while (state_ == State::reading && used < chunk.size()) {
    // Take only what the handshake still needs, so message bytes stay with the caller.
    const size_t need = bytes_.size() < proto::kHandshakePrefixBytes
                            ? proto::kHandshakePrefixBytes - bytes_.size()
                            : proto::kHandshakePrefixBytes + body_len_ - bytes_.size();
    const size_t take = std::min(need, chunk.size() - used);
    bytes_.insert(bytes_.end(), chunk.begin() + used, chunk.begin() + used + take);
    used += take;
    // Check the magic as soon as its bytes arrive: garbage is refused without waiting.
    const size_t magic_seen = std::min<size_t>(bytes_.size(), 4);
    if (std::memcmp(bytes_.data(), proto::kMagic, magic_seen) != 0) {
      fail(proto::Reason::bad_magic, "the stream does not start with \"TFTS\"");
      break;
    }
    if (bytes_.size() == proto::kHandshakePrefixBytes) check_prefix();
    if (state_ == State::reading && bytes_.size() > proto::kHandshakePrefixBytes &&
        bytes_.size() == proto::kHandshakePrefixBytes + body_len_) {
      parse_body();
    }
  }
  return used;
}

void HelloReader::check_prefix() {
  // The display names the highest version it speaks (§2). Any version from 1 up includes 1,
  // whose HELLO fields a later body only appends to (§7): answer in version 1.
  if (bytes_[4] < proto::kVersion) {
    fail(proto::Reason::unsupported_version,
         "display speaks version " + std::to_string(bytes_[4]) + ", server speaks 1");
    return;
  }
  body_len_ = be16(bytes_.data() + 5);
  if (body_len_ < proto::kHelloFixedBytes + 1) {
    fail(proto::Reason::protocol_violation,
         "HELLO body of " + std::to_string(body_len_) + " bytes is too short");
  } else if (body_len_ > kMaxHelloBody) {
    // Later versions append a few fields; kilobytes of HELLO are an attack or garbage.
    fail(proto::Reason::protocol_violation,
         "HELLO body of " + std::to_string(body_len_) + " bytes is too long (at most " +
             std::to_string(kMaxHelloBody) + ")");
  }
}

void HelloReader::parse_body() {
  const uint8_t* b = bytes_.data() + proto::kHandshakePrefixBytes;
  Hello h;
  h.width = be16(b);
  h.height = be16(b + 2);
  h.rotation = b[4];
  const uint8_t pixel_format = b[5];
  h.codecs = be16(b + 6) & proto::kAllCodecs;
  h.max_payload = be32(b + 8);
  const uint8_t flags = b[12];
  const uint8_t role = b[13];
  const size_t name_len = b[14];
  h.framebuffer = (flags & proto::kFlagFramebuffer) != 0;
  if (!h.framebuffer) h.codecs &= static_cast<uint16_t>(~proto::codec_bit(proto::Codec::copy));
  // Fill and raw are mandatory (§2.1): assume them whatever the display sent.
  h.codecs |= proto::codec_bit(proto::Codec::fill) | proto::codec_bit(proto::Codec::raw);

  auto out_of_range = [&](const std::string& what) {
    fail(proto::Reason::protocol_violation, "HELLO " + what);
  };
  if (h.width < 1 || h.width > proto::kMaxDimension || h.height < 1 ||
      h.height > proto::kMaxDimension) {
    return out_of_range("size " + std::to_string(h.width) + "x" + std::to_string(h.height) +
                        " is outside 1..4096");
  }
  if (h.rotation > 3) return out_of_range("rotation " + std::to_string(h.rotation) + " > 3");
  if (pixel_format != static_cast<uint8_t>(proto::PixelFormat::rgb565_be)) {
    return out_of_range("pixel format " + std::to_string(pixel_format) + " is not RGB565");
  }
  if (h.max_payload < proto::kMinPayloadLimit) {
    return out_of_range("max_payload " + std::to_string(h.max_payload) + " < 256");
  }
  if (role > 2) return out_of_range("role " + std::to_string(role) + " is unknown");
  h.role = static_cast<proto::Role>(role);
  if (name_len < 1 || name_len > proto::kMaxNameBytes) {
    return out_of_range("name length " + std::to_string(name_len) + " is outside 1..32");
  }
  if (body_len_ < proto::kHelloFixedBytes + name_len) {
    return out_of_range("body of " + std::to_string(body_len_) + " bytes cannot hold the name");
  }
  h.name.assign(reinterpret_cast<const char*>(b + proto::kHelloFixedBytes), name_len);
  for (char c : h.name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return out_of_range("name holds a control character");
    }
  }
  // The name becomes a metric label and JSON text, which take only UTF-8 (docs/protocol.md §3).
  if (!core::valid_utf8(h.name)) return out_of_range("name is not valid UTF-8");
  hello_ = std::move(h);
  state_ = State::done;
}

std::vector<uint8_t> make_welcome(uint16_t codecs, int max_in_flight, int keepalive_ms,
                                  uint32_t session_id) {
  std::vector<uint8_t> v = prefix(proto::kWelcomeFixedBytes);
  put16(v, codecs);
  v.push_back(static_cast<uint8_t>(max_in_flight));
  put16(v, static_cast<uint32_t>(keepalive_ms));
  put16(v, session_id >> 16);
  put16(v, session_id);
  return v;
}

std::vector<uint8_t> make_close_message(proto::MessageType type, proto::Reason reason,
                                        std::string_view text) {
  const size_t n = std::min(text.size(), proto::kMaxReasonText);
  std::vector<uint8_t> v;
  v.reserve(3 + n);
  v.push_back(static_cast<uint8_t>(type));
  v.push_back(static_cast<uint8_t>(reason));
  v.push_back(static_cast<uint8_t>(n));
  for (size_t i = 0; i < n; ++i) v.push_back(static_cast<uint8_t>(text[i]));
  return v;
}

std::vector<uint8_t> make_refusal(proto::Reason reason, std::string_view text) {
  std::vector<uint8_t> v = prefix(0);
  const auto error = make_close_message(proto::MessageType::error, reason, text);
  v.insert(v.end(), error.begin(), error.end());
  return v;
}

}  // namespace tfts::server
