#include "tfts/client/display_messages.h"

#include <string.h>

#include "byte_order.h"

namespace tfts {
namespace client {

size_t write_hello(uint8_t* out, size_t cap, const DisplayConfig& cfg, const char* name,
                   uint8_t rotation, proto::Role role) {
  const size_t name_len = name ? strlen(name) : 0;
  const size_t body = proto::kHelloFixedBytes + name_len;
  const size_t total = proto::kHandshakePrefixBytes + body;
  if (name_len == 0 || name_len > proto::kMaxNameBytes || rotation > 3 || total > cap) return 0;
  uint8_t* p = out;
  memcpy(p, proto::kMagic, 4);
  p[4] = proto::kVersion;
  p = store_be16(p + 5, static_cast<uint16_t>(body));
  p = store_be16(p, cfg.width);
  p = store_be16(p, cfg.height);
  *p++ = rotation;
  *p++ = static_cast<uint8_t>(proto::PixelFormat::rgb565_be);
  p = store_be16(p, cfg.codecs);
  p = store_be32(p, cfg.max_payload);
  *p++ = cfg.has_framebuffer ? proto::kFlagFramebuffer : 0;
  *p++ = static_cast<uint8_t>(role);
  *p++ = static_cast<uint8_t>(name_len);
  memcpy(p, name, name_len);
  return total;
}

size_t write_ack(uint8_t* out, size_t cap, uint32_t seq, const AckStats& stats) {
  if (cap < proto::kAckBytes) return 0;
  out[0] = static_cast<uint8_t>(proto::MessageType::ack);
  uint8_t* p = store_be32(out + 1, seq);
  p = store_be32(p, stats.decode_us);
  p = store_be32(p, stats.draw_us);
  p = store_be32(p, stats.free_heap);
  *p = static_cast<uint8_t>(stats.rssi);
  return proto::kAckBytes;
}

namespace {
size_t write_type_only(uint8_t* out, size_t cap, proto::MessageType t) {
  if (cap < 1) return 0;
  out[0] = static_cast<uint8_t>(t);
  return 1;
}
}  // namespace

size_t write_refresh(uint8_t* out, size_t cap) {
  return write_type_only(out, cap, proto::MessageType::refresh);
}

size_t write_keepalive(uint8_t* out, size_t cap) {
  return write_type_only(out, cap, proto::MessageType::keepalive);
}

size_t write_bye(uint8_t* out, size_t cap, proto::Reason reason) {
  if (cap < 3) return 0;
  out[0] = static_cast<uint8_t>(proto::MessageType::bye);
  out[1] = static_cast<uint8_t>(reason);
  out[2] = 0;
  return 3;
}

}  // namespace client
}  // namespace tfts
