// MirrorHarness: a tfts_mirror core wired to an in-memory link, for the mirror tests. What the
// core writes is decoded by the project's real display decoder (sim::SimulatedDisplay: frames
// device -> server are the same messages as server -> display), after the HELLO has been read
// with the server's own HelloReader. Also draws synthetic pictures and flushes them the way
// LVGL's three render modes hand areas over.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "tfts/client/display_messages.h"
#include "tfts/core/plane.h"
#include "tfts/mirror/tfts_mirror.h"
#include "tfts/server/hello.h"
#include "tfts/sim/simulated_display.h"

namespace tfts::mirror::test {

inline const uint16_t kSourceCodecs = 0x0017;  // fill, raw, rle, palette_rle

// A picture with flat areas (fill), runs (rle) and noise (raw), in native RGB565 values.
inline core::Rgb565Plane synthetic_picture(int w, int h, uint32_t seed = 1) {
  core::Rgb565Plane p(w, h);
  uint32_t s = seed * 2654435761u + 1;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      uint16_t v;
      if (y < h / 4) {
        v = 0x001F;                                                // flat blue band
      } else if (y < h / 2) {
        v = static_cast<uint16_t>(((x / 7) * 2113u + y * 3u) ^ seed);  // runs of 7
      } else if (x < w / 2 || y >= h * 3 / 4) {
        s = s * 1664525u + 1013904223u;
        v = static_cast<uint16_t>(s >> 16);                          // noise
      } else {
        v = static_cast<uint16_t>(0xF800 | (y & 63) << 5);           // rows of one colour
      }
      p.at(x, y) = v;
    }
  }
  return p;
}

// The bytes of native value v as the GUI's buffer holds them.
inline void store_pixel(uint8_t* p, uint16_t v, tfts_mirror_format_t f) {
  if (f == TFTS_MIRROR_RGB565_SWAPPED) {
    p[0] = static_cast<uint8_t>(v >> 8);
    p[1] = static_cast<uint8_t>(v);
  } else {
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
  }
}

class MirrorHarness {
 public:
  MirrorHarness(uint16_t w, uint16_t h, size_t buf_size, uint32_t max_payload = 0,
                const char* name = "panel")
      : buf_(buf_size) {
    tfts_mirror_config_t cfg{};
    cfg.width = w;
    cfg.height = h;
    cfg.name = name;
    cfg.max_payload = max_payload;
    cfg.buf = buf_.data();
    cfg.buf_size = buf_.size();
    cfg.write = &MirrorHarness::write_cb;
    cfg.user = this;
    ok_ = tfts_mirror_init(&m_, &cfg);
    display_ = std::make_unique<sim::SimulatedDisplay>(
        client::DisplayConfig{w, h, m_.max_payload, kSourceCodecs, false});
  }

  bool init_ok() const { return ok_; }
  tfts_mirror_t* m() { return &m_; }
  const std::vector<uint8_t>& out() const { return out_; }
  sim::SimulatedDisplay& display() { return *display_; }
  // Bytes the link takes from now on (a socket send buffer filling up); SIZE_MAX = no limit.
  void set_write_budget(size_t n) { write_budget_ = n; }
  size_t write_calls() const { return write_calls_; }

  // start + the server's HELLO check + WELCOME to both ends.
  void connect(uint8_t max_in_flight = 2, uint16_t keepalive_ms = 2000, uint32_t now = 0,
               uint16_t server_codecs = proto::kAllCodecs) {
    tfts_mirror_start(&m_, now);
    server::HelloReader reader;
    hello_used_ = reader.consume(std::span<const uint8_t>(out_));
    hello_state_ = reader.state();
    hello_ = reader.hello();
    const auto welcome = sim::make_welcome(server_codecs, max_in_flight, keepalive_ms, 7);
    tfts_mirror_receive(&m_, welcome.data(), welcome.size());
    const auto to_display = sim::make_welcome(kSourceCodecs, max_in_flight, keepalive_ms, 7);
    display_->feed(to_display);
    fed_ = hello_used_;
  }
  server::HelloReader::State hello_state() const { return hello_state_; }
  const server::Hello& hello() const { return hello_; }
  size_t hello_bytes() const { return hello_used_; }

  // Decodes what the core wrote since the last call; returns the decoder's status.
  client::DecodeStatus deliver() {
    const auto st = display_->feed(out_.data() + fed_, out_.size() - fed_);
    fed_ = out_.size();
    return st;
  }
  void ack(uint32_t seq) {
    uint8_t b[proto::kAckBytes];
    client::write_ack(b, sizeof b, seq, client::AckStats{1, 0, 0, 127});
    tfts_mirror_receive(&m_, b, sizeof b);
  }

 private:
  static size_t write_cb(void* user, const uint8_t* p, size_t n) {
    auto* self = static_cast<MirrorHarness*>(user);
    self->write_calls_++;
    const size_t take = n < self->write_budget_ ? n : self->write_budget_;
    if (self->write_budget_ != SIZE_MAX) self->write_budget_ -= take;
    self->out_.insert(self->out_.end(), p, p + take);
    return take;
  }

  std::vector<uint8_t> buf_;
  tfts_mirror_t m_{};
  bool ok_ = false;
  std::unique_ptr<sim::SimulatedDisplay> display_;
  std::vector<uint8_t> out_;
  size_t fed_ = 0;
  size_t write_budget_ = SIZE_MAX;
  size_t write_calls_ = 0;
  size_t hello_used_ = 0;
  server::HelloReader::State hello_state_ = server::HelloReader::State::reading;
  server::Hello hello_;
};

// One message of the core's output after the HELLO, for checks on the stream's shape.
struct WireMessage {
  uint8_t type;
  uint8_t codec = 0;
  uint16_t x = 0, y = 0, w = 0, h = 0;
  uint32_t seq_or_len = 0;
};
inline std::vector<WireMessage> parse_messages(std::span<const uint8_t> b) {
  auto be16 = [&](size_t i) { return static_cast<uint16_t>(b[i] << 8 | b[i + 1]); };
  auto be32 = [&](size_t i) { return static_cast<uint32_t>(be16(i)) << 16 | be16(i + 2); };
  std::vector<WireMessage> out;
  size_t i = 0;
  while (i < b.size()) {
    WireMessage m{b[i]};
    if (m.type == 0x10 || m.type == 0x12) {
      m.seq_or_len = be32(i + 1);
      i += 5;
    } else if (m.type == 0x11) {
      m.codec = b[i + 1];
      m.x = be16(i + 2), m.y = be16(i + 4), m.w = be16(i + 6), m.h = be16(i + 8);
      m.seq_or_len = be32(i + 10);
      i += 14 + m.seq_or_len;
    } else if (m.type == 0x30 || m.type == 0x31) {
      m.seq_or_len = b[i + 1];
      i += 3u + b[i + 2];
    } else {
      i += 1;
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace tfts::mirror::test
