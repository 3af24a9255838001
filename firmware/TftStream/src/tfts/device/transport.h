// Transport: one TCP connection as the display client needs it, with the semantics of the
// Arduino-ESP32 WiFiClient (the Arduino glue, TftStreamWiFi.h, adapts a WiFiClient; the host
// tests adapt POSIX sockets the same way). Freestanding: C headers only.
#ifndef TFTS_DEVICE_TRANSPORT_H
#define TFTS_DEVICE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

namespace tfts {
namespace device {

class Transport {
 public:
  // Opens a connection; true when connected. May block for up to `timeout_ms` (WiFiClient's
  // connect does); the client keeps it short so loop() stays responsive.
  virtual bool connect(const char* host, uint16_t port, uint32_t timeout_ms) = 0;
  // Non-blocking: bytes copied into buf (> 0), 0 when nothing is there yet, -1 when the
  // connection failed or the peer closed it. (WiFiClient::read(buf, n) returns 0 when empty.)
  virtual int read(uint8_t* buf, size_t cap) = 0;
  // Writes up to len bytes; returns how many were taken (a short write is allowed).
  virtual size_t write(const uint8_t* data, size_t len) = 0;
  // May stay true for a while after the peer closed (WiFiClient's connected() does): the
  // client relies on read() == -1 and on its own timeouts, not on this alone.
  virtual bool connected() = 0;
  virtual void stop() = 0;

 protected:
  ~Transport() {}
};

}  // namespace device
}  // namespace tfts

#endif
