// WiFiClient for the host: a POSIX TCP socket behaving like the Arduino-ESP32 core's
// WiFiClient (2.x; NetworkClient in 3.x), including the parts that surprise people:
//  * read(buf, n) never blocks: it returns 0 when nothing is there, -1 only on a socket error
//    (and then stop()s). Like the core, it asks FIONREAD first and calls recv() only when
//    bytes are waiting, so an orderly close by the peer (FIN) reads as 0 forever, not -1.
//  * connected() peeks with recv(MSG_PEEK|MSG_DONTWAIT) and only turns false on a hard error
//    (reset, not connected); after a FIN it stays true, as on the device, where errno is
//    stale. A client must notice a dead server by its own timeouts or a failed write.
//  * write() waits for room up to 10 times 1 s, may return short, and stop()s on an error.
// Test hooks (environment, read on each call):
//  TFTS_HOST_SERVER_PORT  overrides the port passed to connect(); the sketch's settings.h
//                         holds a fixed port, but a test's server listens on a free one.
//  TFTS_HOST_SERVER_HOST  overrides the host passed to connect() (same reason).
//  TFTS_SHIM_MAX_READ     each read() returns at most this many bytes (Wi-Fi fragments).
//  TFTS_SHIM_MAX_WRITE    each write() sends at most this many bytes (short writes).
//  TFTS_SHIM_EOF_VISIBLE  1: connected() turns false after a FIN (kinder than the device).
#ifndef TFTS_HOST_SHIM_WIFI_CLIENT_H
#define TFTS_HOST_SHIM_WIFI_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "IPAddress.h"

// Totals over every WiFiClient, for the host log (connection attempts, bytes each way).
struct WiFiClientCounters {
  unsigned long connects;
  unsigned long bytes_read;
  unsigned long bytes_written;
};
extern WiFiClientCounters g_wifi_client_counters;

class WiFiClient {
 public:
  WiFiClient() {}
  // Copies share the socket, as the core's (reference-counted) clients do; stop() on one
  // closes it for all, so keep a single owner.
  WiFiClient(const WiFiClient&) = default;
  WiFiClient& operator=(const WiFiClient&) = default;

  // 1 when connected, 0 otherwise; blocks up to timeout_ms (default 3000 ms, as the core).
  int connect(const char* host, uint16_t port, int32_t timeout_ms);
  int connect(const char* host, uint16_t port) { return connect(host, port, 3000); }
  int connect(IPAddress ip, uint16_t port, int32_t timeout_ms) {
    return connect(ip.toString().c_str(), port, timeout_ms);
  }
  int connect(IPAddress ip, uint16_t port) { return connect(ip, port, 3000); }

  int setNoDelay(bool nodelay);
  bool getNoDelay();
  void setConnectionTimeout(uint32_t ms) { timeout_ms_ = static_cast<int32_t>(ms); }

  int available();
  int read();
  int read(uint8_t* buf, size_t size);
  int peek();
  size_t write(uint8_t b) { return write(&b, 1); }
  size_t write(const uint8_t* buf, size_t size);
  void flush() {}
  uint8_t connected();
  void stop();
  operator bool() { return connected() != 0; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  bool connected_ = false;
  int32_t timeout_ms_ = 3000;
};

#endif
