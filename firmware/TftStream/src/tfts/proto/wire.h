// Wire protocol v1 constants shared by the server, the display decoder and the tools.
// docs/protocol.md is normative; every constant names its section there (§).
// Freestanding: C headers only, so the device decoder can include it.
#ifndef TFTS_PROTO_WIRE_H
#define TFTS_PROTO_WIRE_H

#include <stddef.h>
#include <stdint.h>

namespace tfts {
namespace proto {

// §2 Handshake. Both directions open with magic, version and a body length.
static const uint8_t kMagic[4] = {'T', 'F', 'T', 'S'};
static const uint8_t kVersion = 1;
static const size_t kHandshakePrefixBytes = 7;  // magic(4) version(1) body_len(2)
static const size_t kHelloFixedBytes = 15;      // HELLO body without the name
static const size_t kWelcomeFixedBytes = 9;     // WELCOME body v1
static const size_t kMaxNameBytes = 32;
static const uint16_t kMaxDimension = 4096;     // largest width or height accepted
static const uint32_t kMinPayloadLimit = 256;   // smallest max_payload a display may declare

// §2.1 HELLO flags.
static const uint8_t kFlagFramebuffer = 0x01;   // display can read back its pixels (COPY works)
static const uint8_t kFlagAuthRequested = 0x02;  // reserved for pre-shared-key auth (§2.3)

// viewer: receives like a display but is not one (a browser watching a display or a screen).
enum class Role : uint8_t { display = 0, source = 1, viewer = 2 };
enum class PixelFormat : uint8_t { rgb565_be = 1 };

// §3 Message types after the handshake. Layouts (big-endian):
enum class MessageType : uint8_t {
  frame_begin = 0x10,  // seq u32                                            5 bytes
  rect = 0x11,         // codec u8 x u16 y u16 w u16 h u16 length u32 + payload 14 bytes
  frame_end = 0x12,    // seq u32                                            5 bytes
  ack = 0x13,          // seq u32 decode_us u32 draw_us u32 free_heap u32 rssi i8 18 bytes
  refresh = 0x14,      // (display asks for a full refresh)                  1 byte
  keepalive = 0x20,    //                                                    1 byte
  auth_challenge = 0x28,  // reserved (§2.3)
  auth_response = 0x29,   // reserved (§2.3)
  error = 0x30,        // reason u8 text_len u8 text                         3 + text
  bye = 0x31,          // reason u8 text_len u8 text                         3 + text
};

static const size_t kFrameMarkBytes = 5;
static const size_t kRectHeaderBytes = 14;
static const size_t kAckBytes = 18;
static const size_t kMaxReasonText = 64;

// §4 Codecs. Bit n of a codec mask means codec id n.
enum class Codec : uint8_t {
  fill = 0,         // pixel(2)
  raw = 1,          // w*h pixels
  rle = 2,          // items: h<0x80 -> h+1 literal pixels; else run of (h&0x7f)+1 of one pixel
  palette = 3,      // n(1) colours(2n) packed indices, rows byte-aligned, MSB first
  palette_rle = 4,  // n(1) colours(2n) items: idx<<4|L, L<15 run L+1, L==15 run 16+next byte
  predict = 5,      // tag stream, see §4.6
  copy = 6,         // src_x u16 src_y u16 (framebuffer displays only)
};
static const uint8_t kCodecCount = 7;
static const uint16_t kAllCodecs = (1u << kCodecCount) - 1;

inline uint16_t codec_bit(Codec c) { return static_cast<uint16_t>(1u << static_cast<uint8_t>(c)); }

// §4.6 PREDICT tags (tag byte ranges).
static const uint8_t kPredictRunMax = 0x40;     // 0x00..0x3F: run of tag+1 copies of prev
static const uint8_t kPredictDiffMax = 0x80;    // 0x40..0x7F: prev += diff(tag)
static const uint8_t kPredictLumaMax = 0xC0;    // 0x80..0xBF + byte: prev += luma(tag, byte)
static const uint8_t kPredictLiteral = 0xFE;    // + pixel(2)

// §5 Reasons carried by ERROR and BYE.
enum class Reason : uint8_t {
  normal = 0,
  protocol_violation = 1,
  unsupported_version = 2,
  bad_magic = 3,
  payload_too_large = 4,
  rect_out_of_bounds = 5,
  unsupported_codec = 6,
  corrupt_payload = 7,
  timeout = 8,
  server_shutdown = 9,
  auth_failed = 10,
  too_many_frames = 11,
  server_full = 12,  // the server serves no more displays (limit reached)
};

// The name of a reason as in docs/protocol.md §5 ("rect_out_of_bounds"), for logs and status
// screens; "unknown" for values this version does not know.
inline const char* reason_name(Reason reason) {
  switch (reason) {
    case Reason::normal: return "normal";
    case Reason::protocol_violation: return "protocol_violation";
    case Reason::unsupported_version: return "unsupported_version";
    case Reason::bad_magic: return "bad_magic";
    case Reason::payload_too_large: return "payload_too_large";
    case Reason::rect_out_of_bounds: return "rect_out_of_bounds";
    case Reason::unsupported_codec: return "unsupported_codec";
    case Reason::corrupt_payload: return "corrupt_payload";
    case Reason::timeout: return "timeout";
    case Reason::server_shutdown: return "server_shutdown";
    case Reason::auth_failed: return "auth_failed";
    case Reason::too_many_frames: return "too_many_frames";
    case Reason::server_full: return "server_full";
  }
  return "unknown";
}

}  // namespace proto
}  // namespace tfts

#endif  // TFTS_PROTO_WIRE_H
