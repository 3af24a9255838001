// Every outcome of Decoder::feed(). Freestanding: C headers only.
#ifndef TFTS_CLIENT_DECODE_STATUS_H
#define TFTS_CLIENT_DECODE_STATUS_H

#include <stdint.h>

#include "tfts/proto/wire.h"

namespace tfts {
namespace client {

enum class DecodeStatus : uint8_t {
  need_more = 0,       // all input consumed; feed more bytes when they arrive
  welcome,             // the server's WELCOME was accepted; session() is valid
  frame_done,          // a FRAME_END was drawn; ACK frame_seq(), then feed the rest
  bye,                 // the server said BYE or ERROR; reason() tells why. Reconnect.
  // Errors: the decoder stops and stays in this state until reset().
  not_configured,      // the work buffer is smaller than work_size_for() asks
  bad_magic,           // the stream does not start with "TFTS"
  bad_version,         // the server speaks a protocol version we do not
  bad_message,         // unknown message type, or a field out of its range
  bad_sequence,        // RECT outside a frame, or FRAME_END seq != FRAME_BEGIN seq
  rect_out_of_bounds,  // a rectangle is empty or leaves the display
  payload_too_large,   // a payload exceeds the declared max_payload
  unsupported_codec,   // a codec this display did not declare
  corrupt_payload,     // a payload does not decode to exactly w*h pixels
};

// True for the statuses after which the decoder refuses further input.
inline bool is_error(DecodeStatus s) { return s >= DecodeStatus::not_configured; }

// A short English name for logs and the device's status screen.
const char* status_name(DecodeStatus s);

// The reason a display reports in its BYE after error status `s` (docs/protocol.md §3.6).
proto::Reason reason_for(DecodeStatus s);

}  // namespace client
}  // namespace tfts

#endif
