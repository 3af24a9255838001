// ClientWire: what the display client wrote on one connection, read back with the server's own
// parsers (server::HelloReader for the handshake, server::DisplayInput for the messages after
// it), so the tests check the bytes the way the real server will read them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tfts/server/display_input.h"
#include "tfts/server/hello.h"

namespace tfts::device::test {

class ClientWire final : public server::DisplayInputHandler {
 public:
  struct Close {
    proto::MessageType type = proto::MessageType::bye;
    proto::Reason reason = proto::Reason::normal;
  };

  explicit ClientWire(std::span<const uint8_t> bytes) {
    const size_t used = hello_.consume(bytes);
    if (hello_.state() == server::HelloReader::State::done) {
      input_ok_ = input_.feed(bytes.subspan(used), *this);
    }
  }

  bool has_hello() const { return hello_.state() == server::HelloReader::State::done; }
  const server::Hello& hello() const { return hello_.hello(); }
  // False when the bytes after the HELLO are not what a display may send.
  bool well_formed() const {
    return hello_.state() != server::HelloReader::State::failed && input_ok_;
  }
  const std::vector<server::AckMessage>& acks() const { return acks_; }
  int keepalives() const { return keepalives_; }
  const std::optional<Close>& close() const { return close_; }
  // One letter per message after the HELLO: A(ck), K(eepalive), R(efresh), C(lose).
  const std::string& order() const { return order_; }

  void on_ack(const server::AckMessage& ack) override {
    acks_.push_back(ack);
    order_ += 'A';
  }
  void on_refresh() override { order_ += 'R'; }
  void on_keepalive() override {
    ++keepalives_;
    order_ += 'K';
  }
  void on_close(proto::MessageType type, proto::Reason reason, std::string) override {
    close_ = Close{type, reason};
    order_ += 'C';
  }

 private:
  server::HelloReader hello_;
  server::DisplayInput input_;
  bool input_ok_ = true;
  std::vector<server::AckMessage> acks_;
  int keepalives_ = 0;
  std::optional<Close> close_;
  std::string order_;
};

}  // namespace tfts::device::test
