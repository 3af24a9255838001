// The display's side of the handshake (docs/protocol.md §2): reading a HELLO byte by byte, and
// the server's answers (WELCOME, or a refusal with ERROR).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tfts/proto/wire.h"

namespace tfts::server {

// What a display declared in its HELLO (§2.1), already range-checked.
struct Hello {
  int width = 0;
  int height = 0;
  int rotation = 0;
  uint16_t codecs = 0;       // as declared; COPY already cleared when there is no framebuffer
  uint32_t max_payload = 0;
  bool framebuffer = false;
  proto::Role role = proto::Role::display;
  std::string name;
};

// Reads prefix + HELLO body incrementally. Feed bytes until state() leaves `reading`; consume()
// reports how many bytes of the chunk belonged to the handshake (the rest are messages).
class HelloReader {
 public:
  enum class State { reading, done, failed };

  // Takes bytes from `chunk`; returns how many it used (all of them while reading).
  size_t consume(std::span<const uint8_t> chunk);

  State state() const { return state_; }
  const Hello& hello() const { return hello_; }
  // When failed: the reason to send in ERROR and a sentence for the log.
  proto::Reason reason() const { return reason_; }
  const std::string& error() const { return error_; }

 private:
  void fail(proto::Reason reason, std::string why);
  void check_prefix();
  void parse_body();

  State state_ = State::reading;
  std::vector<uint8_t> bytes_;  // at most 7 + 65535: the length field bounds it
  size_t body_len_ = 0;
  Hello hello_;
  proto::Reason reason_ = proto::Reason::normal;
  std::string error_;
};

// Prefix + WELCOME body (§2.2).
std::vector<uint8_t> make_welcome(uint16_t codecs, int max_in_flight, int keepalive_ms,
                                  uint32_t session_id);
// Prefix with body_len 0 followed by ERROR(reason, text): the refusal of §2 step 2.
std::vector<uint8_t> make_refusal(proto::Reason reason, std::string_view text);
// ERROR or BYE (§3.5); the text is cut to 64 bytes.
std::vector<uint8_t> make_close_message(proto::MessageType type, proto::Reason reason,
                                        std::string_view text);

}  // namespace tfts::server
