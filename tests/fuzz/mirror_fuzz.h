// Shared by the mirror fuzz target (mirror_receive_fuzz.cpp) and its corpus replayer
// (mirror_replay_main.cpp).
//
// The target fuzzes the device side of mirroring, the tfts_mirror core
// (firmware/TftStream/src/tfts/mirror): above all mirror_receive.cpp, the parser of what the
// server sends a mirroring device (WELCOME or a refusal, ACK, REFRESH, KEEPALIVE, ERROR, BYE;
// docs/protocol.md §2.2, §2.4, §3), together with the session and encoder it drives. Input
// format (mirror_make_corpus.py writes the same):
//   byte 0  bits 0-2  screen size, index into kSizes
//           bits 3-4  config max_payload, index into kPayloads (0 = the core's default)
//           bits 5-7  send buffer size, index into kBufSizes
//   byte 1  bits 0-1  write callback (WriteMode): takes all / 1 + param per call / nothing
//                     until the final drain / a pseudo-random part
//           bits 2-7  its param
//   byte 2  bits 0-1  chunking of the server bytes (ChunkMode): whole / one byte / 1 + param /
//                     random 1 .. 1 + param
//           bits 2-7  its param
//   byte 3  bits 0-1  flushes per step (FlushMode): none / one area ending a frame / one area,
//                     every third ends the frame / pseudo-random
//           bits 2-3  clock step per step, index into kTickSets
//           bit  4    server bytes come through the read callback (else tfts_mirror_receive)
//           bit  5    with the read callback: it reports a closed connection once they run out
//           bit  6    a refresh the core hands out (tfts_mirror_take_refresh) is answered with
//                     a whole-screen flush, as the LVGL glue does
//           bit  7    tfts_mirror_close() after the last server byte
//   byte 4  seed of the pseudo-random choices (areas, pixels, formats, ticks, write budgets)
//   rest    the server's bytes
// One step per chunk: poll (clock advanced), the chunk (receive or read callback), flushes,
// take_refresh; then a few steps without bytes (timeouts), and a final drain with a write
// callback that takes everything.
#ifndef TFTS_TESTS_FUZZ_MIRROR_FUZZ_H
#define TFTS_TESTS_FUZZ_MIRROR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tfts_fuzz {

// How the last LLVMFuzzerTestOneInput call ended, as "END.COUNT" (the replayer compares it with
// corpus file names END.COUNT.description); empty when the input was not run (size).
//   END    handshake     still waiting for WELCOME
//          streaming     WELCOME accepted, session still open
//          refused       CLOSED: the server refused the HELLO
//          peer_error    CLOSED: the server sent ERROR
//          peer_bye      CLOSED: the server sent BYE
//          disconnected  CLOSED: the read callback reported a closed connection
//          timeout       CLOSED: no WELCOME in time, or the server silent too long
//          protocol      CLOSED: the server sent something invalid (the core sent ERROR)
//          local         CLOSED: tfts_mirror_close()
//   COUNT  frames the server acknowledged (stats.frames_acked)
const std::string& mirror_outcome();

// Aborts with `what`, the failed condition and the input's description.
[[noreturn]] void mirror_check_failed(const char* file, int line, const char* cond,
                                      const char* what);

}  // namespace tfts_fuzz

// A real check: aborts in every build type (not assert()).
#define FUZZ_CHECK(cond, what)                                                      \
  do {                                                                              \
    if (!(cond)) ::tfts_fuzz::mirror_check_failed(__FILE__, __LINE__, #cond, what); \
  } while (0)

#endif
