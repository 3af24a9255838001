// Reference readings of what a display sends, written from docs/protocol.md (§2.1 HELLO, §3.1
// messages) independently of libs/server, for the fuzz target to compare the server's parsers
// with. Simple rather than incremental: they look at all the bytes seen so far.
#ifndef TFTS_TESTS_FUZZ_DISPLAY_STREAM_MODEL_H
#define TFTS_TESTS_FUZZ_DISPLAY_STREAM_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string>
#include <vector>

#include "tfts/proto/wire.h"
#include "tfts/server/display_input.h"
#include "tfts/server/hello.h"

namespace tfts_fuzz {

// The reference server's limit on the HELLO body (docs/protocol.md §2.1, last rule; §2 itself
// allows any longer body).
inline constexpr size_t kModelMaxHelloBody = 1024;

enum class HelloVerdict {
  reading,      // more bytes needed
  done,         // a valid HELLO
  bad_magic,    // refused with reason bad_magic
  bad_version,  // refused with reason unsupported_version (version 0: none in common)
  bad_hello,    // refused with reason protocol_violation (length or a field out of range)
};

struct HelloExpectation {
  HelloVerdict verdict = HelloVerdict::reading;
  size_t bytes = 0;           // when done: prefix + body, the bytes the handshake used
  tfts::server::Hello hello;  // when done
};

// What a server should conclude from the first stream.size() bytes of a connection. A wrong
// magic byte is refused as soon as it arrives.
HelloExpectation expect_hello(std::span<const uint8_t> stream);

// The reason a refusal for `verdict` carries.
tfts::proto::Reason refusal_reason(HelloVerdict verdict);

// One message a display sent after the handshake (§3.1).
struct DisplayMessage {
  tfts::proto::MessageType type = tfts::proto::MessageType::keepalive;
  tfts::server::AckMessage ack;  // ACK only
  uint8_t reason = 0;            // ERROR and BYE only: the raw reason byte
  std::string text;              // ERROR and BYE only
};

// Splits the display's bytes into messages. After a type byte a display never sends it is
// malformed, after ERROR or BYE closed; either way it reads nothing more.
class MessageModel {
 public:
  // Adds `chunk`; returns the messages it completed, in order.
  std::vector<DisplayMessage> feed(std::span<const uint8_t> chunk);

  bool malformed() const { return malformed_; }
  bool closed() const { return closed_; }

 private:
  std::vector<uint8_t> pending_;  // bytes of the incomplete message
  bool malformed_ = false;
  bool closed_ = false;
};

bool same_ack(const tfts::server::AckMessage& a, const tfts::server::AckMessage& b);

}  // namespace tfts_fuzz

#endif
