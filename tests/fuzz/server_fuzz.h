// Shared by the server input fuzz target (server_input_fuzz.cpp, session_harness.cpp,
// display_stream_model.cpp) and its corpus replayer (server_replay_main.cpp).
//
// The target fuzzes what the server reads from a display: tfts::server::HelloReader (the
// handshake), DisplayInput (messages after it) and DisplaySession (flow control, flood limit,
// and the frames it makes in answer). Input format (make_server_corpus.py writes the same):
//
// byte 0 bit 7 = 1: CONNECTION mode. The rest of the input is a display's byte stream, HELLO
//   first, read as DisplayConnection reads a socket:
//     byte 0  bits 0-1  chunking (ChunkMode in server_input_fuzz.cpp)
//             bits 2-3  max_in_flight - 1
//             bits 4-6  flood limit, index into kFloodLimits
//     byte 1  chunking parameter
//     rest    the stream: HelloReader::consume() gets each chunk until the handshake is done
//             or failed; then (for displays of at most kMaxSessionPixels) a DisplaySession gets
//             the leftover and later chunks. The session offers a new frame and sends what it
//             may after every chunk.
//
// byte 0 bit 7 = 0: SESSION mode. A session for a fixed HELLO, driven by a script:
//     byte 0  bits 0-1  display size, index into kSessionSizes
//             bit  2    framebuffer flag
//             bits 3-4  max_payload, index into kSessionPayloads
//             bits 5-6  max_error, index into kSessionMaxErrors (lossy while moving if > 0)
//     byte 1  codecs field of the HELLO (bits 0-6; fill and raw are added by the server)
//     byte 2  bits 0-1  max_in_flight - 1
//             bits 2-4  flood limit, index into kFloodLimits
//     rest    operations, one byte each (op & 7 = kind, op >> 3 = argument 0..31), some
//             followed by data bytes; see Op in server_input_fuzz.cpp. They append bytes to
//             the display's outbox (free bytes, ACKs, REFRESH, KEEPALIVE floods, ERROR/BYE),
//             deliver part of the outbox to receive(), offer frames, send frames, and move
//             the clock. At the end the whole outbox is delivered.
//
// Every frame the session sends is decoded by the reference display decoder
// (tfts::client::Decoder) into a framebuffer, which must then show the offered picture
// (exactly, or within max_error for a lossy frame).
#ifndef TFTS_TESTS_FUZZ_SERVER_FUZZ_H
#define TFTS_TESTS_FUZZ_SERVER_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace tfts_fuzz {

// How the last LLVMFuzzerTestOneInput call ended, as "END.COUNT" (the replayer compares it with
// corpus file names END.COUNT.description); empty when the input was not run (size).
//   END    reading      the stream ended inside the HELLO
//          bad_magic    HELLO refused: the stream does not start with "TFTS"
//          bad_version  HELLO refused: version 0 (no version in common)
//          bad_hello    HELLO refused: a field is out of range (protocol_violation)
//          hello        HELLO accepted, display too large to run a session on
//          open         the session is still running
//          malformed    the session ended: a message type a display does not send
//          bad_ack      the session ended: ACK for a frame that is not the oldest in flight
//          flood        the session ended: more messages per second than allowed
//          closed       the session ended: the display sent ERROR or BYE
//   COUNT  frames the session saw acknowledged (0 without a session)
const std::string& last_outcome();

// Aborts with `what`, the failed condition and the input's description (set_context()).
[[noreturn]] void check_failed(const char* file, int line, const char* cond, const char* what);
// A one-line description of the input, printed by check_failed().
void set_context(const std::string& text);
// What the next check is about (values seen), printed by check_failed(); set_context() clears it.
void set_detail(const std::string& text);

}  // namespace tfts_fuzz

// A real check: aborts in every build type (not assert()).
#define FUZZ_CHECK(cond, what)                                               \
  do {                                                                       \
    if (!(cond)) ::tfts_fuzz::check_failed(__FILE__, __LINE__, #cond, what); \
  } while (0)

#endif
