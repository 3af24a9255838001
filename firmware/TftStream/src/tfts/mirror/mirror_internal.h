// Shared between the two halves of tfts_mirror (session + encoder side in tfts_mirror.cpp, the
// server's bytes in mirror_receive.cpp). Private to the library. Freestanding.
#ifndef TFTS_MIRROR_MIRROR_INTERNAL_H
#define TFTS_MIRROR_MIRROR_INTERNAL_H

#include <stdint.h>

#include "tfts/mirror/tfts_mirror.h"
#include "tfts/proto/wire.h"

namespace tfts {
namespace mirror {

// tfts_mirror_t::frame
const uint8_t kNoFrame = 0;
const uint8_t kFrameOpen = 1;
const uint8_t kFrameDropping = 2;  // areas are ignored until the frame's end

// Offers the queued bytes to the write callback (as many as it takes).
void flush_out(tfts_mirror_t* m);
// Ends the session: state CLOSED with `why`. send_type >= 0 first queues that message
// (ERROR or BYE) with `send_reason`, best effort.
void close_session(tfts_mirror_t* m, tfts_mirror_close_t why, uint8_t peer_reason,
                   int send_type, proto::Reason send_reason);
// A valid WELCOME arrived: start streaming.
void on_welcome(tfts_mirror_t* m, uint16_t codecs, uint8_t max_in_flight, uint16_t keepalive_ms,
                uint32_t session_id);
// The next server byte starts the handshake prefix.
void reset_receiver(tfts_mirror_t* m);

}  // namespace mirror
}  // namespace tfts

#endif
