// size_probe: a stand-in for an Arduino sketch, so scripts/firmware-size can measure what the
// display client costs on the device: the same static buffers as the examples (decoder work
// buffer and two panel strip buffers for 320x240 with an 8192-byte payload), a StreamClient,
// and stub Panel/Transport whose bodies are as small as an adapter's forwarding calls.
// Not run for its output: it only has to link, with nothing reachable optimised away.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tfts/device/config.h"
#include "tfts/device/stream_client.h"

using tfts::client::Rect;
using tfts::device::ClientSettings;
using tfts::device::Environment;
using tfts::device::Panel;
using tfts::device::StreamClient;
using tfts::device::Transport;

extern "C" void __cxa_pure_virtual() { abort(); }

namespace {

const uint16_t kWidth = 320;
const uint16_t kHeight = 240;
const uint32_t kMaxPayload = 8192;
const size_t kStripPixels = static_cast<size_t>(kWidth) * TFTS_DEVICE_PANEL_STRIP_ROWS;

// A memory-mapped register stand-in: stores to it cannot be optimised away, like SPI writes.
volatile uint32_t g_bus;

// What the sketch provides (examples/*/ *.ino): 4-byte aligned, static.
alignas(4) uint8_t g_work[StreamClient::work_size_for(kWidth, kMaxPayload)];
uint16_t g_strip_a[kStripPixels];
uint16_t g_strip_b[kStripPixels];

class StubPanel : public Panel {
 public:
  uint16_t width() const { return kWidth; }
  uint16_t height() const { return kHeight; }
  uint16_t line_height() const { return 16; }
  void write_pixels(const Rect& r, const uint8_t* px, size_t stride) {
    // One strip copy, as the DMA adapter does, then "start the transfer".
    uint16_t* dst = next_ ? g_strip_b : g_strip_a;
    next_ = !next_;
    const size_t row_bytes = static_cast<size_t>(r.w) * 2;
    for (uint16_t i = 0; i < r.h && (i + 1u) * r.w <= kStripPixels; ++i) {
      memcpy(reinterpret_cast<uint8_t*>(dst) + i * row_bytes, px + i * stride, row_bytes);
    }
    g_bus = reinterpret_cast<uintptr_t>(dst);
  }
  void fill(const Rect& r, uint16_t c) { g_bus = static_cast<uint32_t>(r.x ^ r.w) + c; }
  void copy(const Rect&, uint16_t, uint16_t) {}
  void frame_done(uint32_t seq) { g_bus = seq; }
  void clear(uint16_t c) { g_bus = c; }
  void text(uint16_t row, const char* line, uint16_t c, uint16_t bg) {
    while (*line) g_bus = static_cast<uint32_t>(*line++) + row + c + bg;
  }

 private:
  bool next_ = false;
};

// Serves a canned stream from "the network" (the probe's bytes are never checked).
class StubTransport : public Transport {
 public:
  bool connect(const char* host, uint16_t port, uint32_t) {
    g_bus = static_cast<uint32_t>(host[0]) + port;
    return true;
  }
  int read(uint8_t* buf, size_t cap) {
    for (size_t i = 0; i < cap; ++i) buf[i] = static_cast<uint8_t>(g_bus);
    return static_cast<int>(cap);
  }
  size_t write(const uint8_t* data, size_t len) {
    for (size_t i = 0; i < len; ++i) g_bus = data[i];
    return len;
  }
  bool connected() { return true; }
  void stop() { g_bus = 0; }
};

uint32_t fake_micros() { return g_bus; }

StubPanel g_panel;
StubTransport g_transport;
const ClientSettings kSettings = {"192.168.1.10", 8888, "probe", kMaxPayload, 0, 0, 0, 0, 0};
StreamClient g_client(g_panel, g_transport, kSettings, g_work, sizeof g_work);

}  // namespace

int main() {
  Environment env = {0, true, "192.168.1.23", -60, 100000, fake_micros};
  for (uint32_t t = 0; t < 1000; ++t) {
    env.now_ms = t * 10;
    g_client.poll(env);
  }
  return static_cast<int>(g_client.status().frames);
}
