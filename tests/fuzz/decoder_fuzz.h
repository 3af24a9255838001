// Shared between the fuzz target (decoder_fuzz.cpp) and the corpus replayer (replay_main.cpp).
//
// Input format of the fuzz target (make_corpus.py writes the same):
//   byte 0  bits 0-3  display size, index into kFuzzDisplays (decoder_fuzz.cpp)
//           bit  4    has_framebuffer (COPY allowed)
//           bits 5-7  max_payload, index into kFuzzMaxPayloads
//   byte 1  bits 0-2  chunking pattern (see ChunkMode in decoder_fuzz.cpp)
//           bits 3-6  codecs the display does NOT declare: bit 3 rle, 4 palette,
//                     5 palette_rle, 6 predict (fill and raw are always declared)
//           bit  7    another handshake, chosen by byte 2 bits 0-1 (else a v1 WELCOME):
//                     0  a longer (newer) WELCOME: 1 + (byte2 >> 2) % 16 extra body bytes
//                     1  a refusal: "TFTS" 1 body_len=0 (the stream should go on with ERROR)
//                     2  none: the rest of the input starts with the handshake itself
//                     3  a longer WELCOME: 200 + (byte2 >> 2) extra body bytes
//   byte 2  parameter of the chunking pattern (size or random seed)
//   rest    the server's byte stream after the WELCOME (FRAME_BEGIN, RECT, ...)
// The target prepends the handshake itself (a valid v1 WELCOME unless byte 1 bit 7 is set).
#ifndef TFTS_TESTS_FUZZ_DECODER_FUZZ_H
#define TFTS_TESTS_FUZZ_DECODER_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/client/decode_status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tfts_fuzz {

// How the last LLVMFuzzerTestOneInput call ended (for the replayer's expectation checks).
struct Outcome {
  bool ran;                           // false when the input was too short or too long
  tfts::client::DecodeStatus status;  // the decoder's status when the stream ended or stopped
  uint32_t frames;                    // frame_done events seen
};

const Outcome& last_outcome();

}  // namespace tfts_fuzz

#endif
