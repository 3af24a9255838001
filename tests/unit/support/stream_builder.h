// Builds server->display byte streams by hand for tests: a WELCOME, frames, rectangles.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "tfts/codec/byte_writer.h"
#include "tfts/proto/wire.h"
#include "tfts/sim/simulated_display.h"

namespace tfts::test {

class StreamBuilder {
 public:
  explicit StreamBuilder(uint16_t codecs = proto::kAllCodecs) : bytes_(sim::make_welcome(codecs)) {}

  StreamBuilder& begin(uint32_t seq) {
    w_.u8(static_cast<uint8_t>(proto::MessageType::frame_begin));
    w_.be32(seq);
    return *this;
  }
  StreamBuilder& end(uint32_t seq) {
    w_.u8(static_cast<uint8_t>(proto::MessageType::frame_end));
    w_.be32(seq);
    return *this;
  }
  StreamBuilder& rect(proto::Codec codec, int x, int y, int w, int h,
                      const std::vector<uint8_t>& payload) {
    return rect_with_length(codec, x, y, w, h, static_cast<uint32_t>(payload.size()), payload);
  }
  // A RECT whose declared length may differ from the payload that follows (bad-input tests).
  StreamBuilder& rect_with_length(proto::Codec codec, int x, int y, int w, int h, uint32_t length,
                                  const std::vector<uint8_t>& payload) {
    w_.u8(static_cast<uint8_t>(proto::MessageType::rect));
    w_.u8(static_cast<uint8_t>(codec));
    w_.be16(static_cast<uint16_t>(x));
    w_.be16(static_cast<uint16_t>(y));
    w_.be16(static_cast<uint16_t>(w));
    w_.be16(static_cast<uint16_t>(h));
    w_.be32(length);
    bytes_.insert(bytes_.end(), payload.begin(), payload.end());
    return *this;
  }
  StreamBuilder& raw_bytes(std::initializer_list<uint8_t> b) {
    bytes_.insert(bytes_.end(), b);
    return *this;
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
  codec::VectorWriter w_{bytes_};
};

}  // namespace tfts::test
