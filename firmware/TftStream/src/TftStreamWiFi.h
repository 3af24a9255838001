// WiFiTransport: tftstream's Transport on an Arduino-ESP32 WiFiClient (NetworkClient in core
// 3.x). The WiFiClient is the sketch's; this only adapts it.
//
// WiFiClient behaviour this relies on (docs: /work/shared/docs/device-toolchain.md §4):
// connect(host, port, timeout_ms) blocks for at most timeout_ms; read(buf, n) never blocks
// and returns 0 when nothing is buffered; an orderly close by the server may go unnoticed by
// read() (it keeps returning 0), so a 0 read is double-checked with connected(), and the
// client's keepalive timeout catches the rest.
#ifndef TFTSTREAM_WIFI_H
#define TFTSTREAM_WIFI_H

#include <WiFi.h>
#include <stdint.h>

#include "tfts/device/transport.h"

namespace tfts {
namespace device {

class WiFiTransport : public Transport {
 public:
  explicit WiFiTransport(WiFiClient& client) : client_(client) {}

  bool connect(const char* host, uint16_t port, uint32_t timeout_ms) {
    if (client_.connect(host, port, static_cast<int32_t>(timeout_ms)) != 1) return false;
    client_.setNoDelay(true);  // ACKs and keepalives are tiny; Nagle would delay them
    return true;
  }

  int read(uint8_t* buf, size_t cap) {
    const int n = client_.read(buf, cap);
    if (n > 0) return n;
    if (n < 0 || !client_.connected()) return -1;
    return 0;
  }

  size_t write(const uint8_t* data, size_t len) { return client_.write(data, len); }
  bool connected() { return client_.connected() != 0; }
  void stop() { client_.stop(); }

 private:
  WiFiClient& client_;
};

}  // namespace device
}  // namespace tfts

#endif
