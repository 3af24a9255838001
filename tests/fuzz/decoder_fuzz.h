// Shared between the fuzz target (decoder_fuzz.cpp) and the corpus replayer (replay_main.cpp).
//
// Input format of the fuzz target (make_corpus.py writes the same):
//   byte 0  bits 0-3  display size, index into kFuzzDisplays (decoder_fuzz.cpp)
//           bit  4    has_framebuffer (COPY allowed)
//           bits 5-7  max_payload, index into kFuzzMaxPayloads
//   byte 1  bits 0-2  chunking pattern (see ChunkMode in decoder_fuzz.cpp)
//           bits 3-6  codecs the display does NOT declare: bit 3 rle, 4 palette,
//                     5 palette_rle, 6 predict (fill and raw are always declared)
//           bit  7    the WELCOME body is longer than v1 (1 + byte2 % 16 extra bytes to skip)
//   byte 2  parameter of the chunking pattern (size or random seed)
//   rest    the server's byte stream after the WELCOME (FRAME_BEGIN, RECT, ...)
// The target prepends a valid v1 WELCOME itself.
#ifndef TFTS_TESTS_FUZZ_DECODER_FUZZ_H
#define TFTS_TESTS_FUZZ_DECODER_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/client/decode_status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tfts_fuzz {

// How the last LLVMFuzzerTestOneInput call ended (for the replayer's expectation checks).
struct Outcome {
  bool ran;                          // false when the input was too short or too long
  tfts::client::DecodeStatus status;  // the decoder's status when the stream ended or stopped
  uint32_t frames;                   // frame_done events seen
};

const Outcome& last_outcome();

}  // namespace tfts_fuzz

#endif
