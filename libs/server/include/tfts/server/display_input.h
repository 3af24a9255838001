// Reads what a display sends after the handshake (docs/protocol.md §3): ACK, REFRESH,
// KEEPALIVE, ERROR and BYE. Incremental: bytes may arrive split anywhere. Anything else is a
// protocol violation, reported once; the reader then stops.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "tfts/proto/wire.h"

namespace tfts::server {

struct AckMessage {
  uint32_t seq = 0;
  uint32_t decode_us = 0;
  uint32_t draw_us = 0;
  uint32_t free_heap = 0;
  int8_t rssi = 0;
};

// Receives each complete message. Handlers run inside DisplayInput::feed().
class DisplayInputHandler {
 public:
  virtual ~DisplayInputHandler() = default;
  virtual void on_ack(const AckMessage& ack) = 0;
  virtual void on_refresh() = 0;
  virtual void on_keepalive() = 0;
  // ERROR or BYE from the display; the connection ends after it.
  virtual void on_close(proto::MessageType type, proto::Reason reason, std::string text) = 0;
};

class DisplayInput {
 public:
  // Parses `chunk`, calling `handler` per message. Returns false once the stream is malformed
  // (error() says why); later calls do nothing and return false.
  bool feed(std::span<const uint8_t> chunk, DisplayInputHandler& handler);

  bool failed() const { return failed_; }
  const std::string& error() const { return error_; }

 private:
  // Bytes of the message starting with type byte `type`, or 0 when the type is not allowed.
  static size_t fixed_size(uint8_t type);

  std::array<uint8_t, 3 + 255> pending_{};  // the largest message: ERROR with 255 bytes of text
  size_t have_ = 0;
  size_t need_ = 0;  // total size of the pending message once known
  bool failed_ = false;
  bool closed_ = false;
  std::string error_;
};

}  // namespace tfts::server
