// Builders for the messages a display sends (HELLO, ACK, REFRESH, KEEPALIVE, BYE).
// Freestanding; each writes into the caller's buffer and returns the bytes written, or 0 when
// `cap` is too small or an argument is out of range (nothing is written then).
#ifndef TFTS_CLIENT_DISPLAY_MESSAGES_H
#define TFTS_CLIENT_DISPLAY_MESSAGES_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/client/decoder.h"
#include "tfts/proto/wire.h"

namespace tfts {
namespace client {

// The display's timing for one frame, reported in ACK.
struct AckStats {
  uint32_t decode_us;
  uint32_t draw_us;
  uint32_t free_heap;
  int8_t rssi;  // dBm; 127 when unknown (a wired or emulated display)
};

static const size_t kHelloMaxBytes = proto::kHandshakePrefixBytes + proto::kHelloFixedBytes +
                                     proto::kMaxNameBytes;

// `name` is NUL-terminated, 1..32 bytes. `rotation` is in quarter turns (0..3).
size_t write_hello(uint8_t* out, size_t cap, const DisplayConfig& cfg, const char* name,
                   uint8_t rotation, proto::Role role);
size_t write_ack(uint8_t* out, size_t cap, uint32_t seq, const AckStats& stats);
size_t write_refresh(uint8_t* out, size_t cap);
size_t write_keepalive(uint8_t* out, size_t cap);
size_t write_bye(uint8_t* out, size_t cap, proto::Reason reason);

}  // namespace client
}  // namespace tfts

#endif
