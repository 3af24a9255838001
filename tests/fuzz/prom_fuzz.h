// Shared by the Prometheus answer fuzz target (prom_response_fuzz.cpp) and its corpus replayer
// (prom_replay_main.cpp).
//
// The target fuzzes tfts::prom::parse_api_response, the parser of what the Prometheus HTTP API
// (or whatever else answers at its address) sends. Input format (prom_make_corpus.py writes
// the same):
//   byte 0  bits 0-2  HTTP status the body came with, index into kStatuses
//                     (200, 400, 422, 503, 502, 404, 500, 204)
//           bits 3-4  legend label, index into kLegends ("", "job", "instance", "__name__")
//           bits 5-7  max_series, index into kMaxSeries (64, 0, 1, 2, 3, 8, 1000, 64)
//   rest    the response body
// Every answer is checked for the parser's promises (see prom_response_fuzz.cpp): errors are
// short printable sentences, series are well formed and at most max_series, and the cap and
// the legend change nothing but what they should.
#ifndef TFTS_TESTS_FUZZ_PROM_FUZZ_H
#define TFTS_TESTS_FUZZ_PROM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tfts_fuzz {

// How the last LLVMFuzzerTestOneInput call ended, as "END.COUNT" (the replayer compares it with
// corpus file names END.COUNT.description); empty when the input was not run (size).
//   END    ok        parsed; COUNT = series kept
//          http      an HTTP error status without an API body ("HTTP 502: ...")
//          not_json  a success status with a body that is not JSON
//          error     anything else refused: Prometheus' own errors, malformed answers
//   COUNT  0 unless ok
const std::string& prom_outcome();

}  // namespace tfts_fuzz

#endif
