// A display in memory: the real decoder with its work buffer, drawing into a FramebufferSink.
// It declares what a board declares (size, payload limit, codecs, framebuffer or not).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tfts/client/decoder.h"
#include "tfts/sim/framebuffer_sink.h"

namespace tfts::sim {

class SimulatedDisplay {
 public:
  explicit SimulatedDisplay(const client::DisplayConfig& cfg);
  SimulatedDisplay(const SimulatedDisplay&) = delete;
  SimulatedDisplay& operator=(const SimulatedDisplay&) = delete;

  // The HELLO this display sends.
  std::vector<uint8_t> hello(const std::string& name,
                             proto::Role role = proto::Role::display) const;

  // Feeds server bytes until they are used up or an error stops the decoder. Returns the last
  // non-event status (need_more when all went well) or the error.
  client::DecodeStatus feed(const uint8_t* data, size_t len);
  client::DecodeStatus feed(const std::vector<uint8_t>& bytes) {
    return feed(bytes.data(), bytes.size());
  }

  // One decoder step: stops after an event (welcome, frame_done, bye) or an error, like a
  // board's loop does, so the caller can ACK each frame. See client::Decoder::feed().
  client::FeedResult feed_until_event(const uint8_t* data, size_t len) {
    return decoder_.feed(data, len);
  }

  const core::Rgb565Plane& framebuffer() const { return sink_.framebuffer(); }
  // Sets what the panel shows (a reconnecting board keeps its pixels).
  void set_framebuffer(const core::Rgb565Plane& pixels) { sink_.framebuffer() = pixels; }
  const FramebufferSink& sink() const { return sink_; }
  const client::Decoder& decoder() const { return decoder_; }
  const client::DisplayConfig& config() const { return cfg_; }
  size_t work_bytes() const { return work_.size() * sizeof(uint32_t); }

 private:
  client::DisplayConfig cfg_;
  FramebufferSink sink_;
  std::vector<uint32_t> work_;  // uint32_t for the decoder's 4-byte alignment
  client::Decoder decoder_;
};

// The WELCOME a server sends (used by tests and the benchmark to open a decoder session).
std::vector<uint8_t> make_welcome(uint16_t codecs, uint8_t max_in_flight = 2,
                                  uint16_t keepalive_ms = 2000, uint32_t session_id = 1);

}  // namespace tfts::sim
