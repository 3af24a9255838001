// StreamClient: the display side of tftstream as a non-blocking state machine, driven from the
// sketch's loop() with poll(). It connects, says HELLO, decodes frames into the panel strip by
// strip (no framebuffer), ACKs each frame with its decode and draw time, free heap and RSSI,
// answers keepalives, and on any failure shows the status screen, backs off and reconnects;
// the server sends a full refresh on every new session. It never calls delay().
// Freestanding (C headers only, no heap, no exceptions): the same code is built for the host
// tests and cross-built for rv32imc (scripts/firmware-size).
#ifndef TFTS_DEVICE_STREAM_CLIENT_H
#define TFTS_DEVICE_STREAM_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/client/config.h"
#include "tfts/client/decoder.h"
#include "tfts/device/backoff.h"
#include "tfts/device/config.h"
#include "tfts/device/panel.h"
#include "tfts/device/timed_sink.h"
#include "tfts/device/transport.h"
#include "tfts/device/tx_queue.h"

namespace tfts {
namespace device {

// What the sketch knows about the network and the board, refreshed before each poll().
// Every timeout and retry uses now_ms only, so tests drive time by setting it.
struct Environment {
  uint32_t now_ms;        // millis()
  bool network_up;        // WiFi.status() == WL_CONNECTED (always true on the host)
  const char* local_ip;   // "192.168.1.23"; "" or null when none
  int8_t rssi;            // dBm; 127 when unknown
  uint32_t free_heap;     // ESP.getFreeHeap(); 0 when unknown
  // micros(), read during poll() to measure decode and draw time for the ACK (a snapshot
  // cannot time work inside poll()). Null: both are reported as 0.
  uint32_t (*micros)();
};

// Plain aggregate (C++11 brace-initialisable). Fields left 0 take the default in brackets.
struct ClientSettings {
  const char* server_host;       // "192.168.1.10"
  uint16_t server_port;          // 8888
  const char* name;              // the display's name in HELLO (1..32 bytes, UTF-8)
  uint32_t max_payload;          // largest RECT payload to accept; sizes the work buffer [8192]
  uint32_t connect_timeout_ms;   // per attempt [1000]
  uint32_t retry_min_ms;         // backoff: first retry after this [250] ...
  uint32_t retry_max_ms;         // ... doubling up to this [1000: a returning server is found
                                 // within about a second]
  uint32_t handshake_timeout_ms; // HELLO sent, no WELCOME after this: reconnect [5000]
  uint8_t rotation;              // reported in HELLO only (informational) [0]
};

enum class ClientState : uint8_t {
  waiting_for_network,  // no Wi-Fi yet: status screen
  connecting,           // a connect attempt is due or under way
  handshake,            // HELLO sent, waiting for WELCOME
  streaming,            // frames are being drawn
  backing_off,          // the last attempt or session failed; retry at a set time
};

// "streaming", "backing off", ... for Serial logs and the status screen.
const char* state_name(ClientState s);

// Counters and the last error, for the status screen and the sketch's Serial output.
struct ClientStatus {
  ClientState state;
  uint32_t attempts;        // connection attempts since boot
  uint32_t sessions;        // WELCOMEs received
  uint32_t frames;          // frames drawn and acknowledged
  uint32_t session_id;      // of the current or last session
  char last_error[64];      // in words: "server closed the connection", "bad magic", ...
};

class StreamClient {
 public:
  // Work memory the decoder needs for this panel width and payload limit: the same formula as
  // client::Decoder::work_size_for, constexpr so a sketch can size a static array with it
  // (the constructor checks the two agree). The buffer must be 4-byte aligned.
  static constexpr size_t work_size_for(uint16_t width, uint32_t max_payload) {
    return ((static_cast<size_t>(max_payload) + 3u) & ~static_cast<size_t>(3)) +
           static_cast<size_t>(width) * 2u * TFTS_CLIENT_STRIP_ROWS;
  }
  // Bytes read from the transport per poll() at most (TFTS_DEVICE_READ_CHUNK).
  static const size_t kReadChunk = TFTS_DEVICE_READ_CHUNK;

  // Borrows everything; nothing is allocated. `settings` is copied (its strings are not: they
  // must outlive the client). The panel's size is read before each connection, so the client
  // may be constructed before the panel's init() and setRotation().
  StreamClient(Panel& panel, Transport& transport, const ClientSettings& settings,
               uint8_t* work, size_t work_size);

  // Does a bounded amount of work (reads at most one buffer of input) and returns. Call it
  // from loop() as often as possible.
  void poll(const Environment& env);

  const ClientStatus& status() const { return status_; }

 private:
  void poll_network(const Environment& env);
  void try_connect(const Environment& env);
  void poll_session(const Environment& env);
  bool handle(client::DecodeStatus s, const Environment& env);
  void send_ack(const Environment& env);
  // Ends the connection (if any) and schedules a retry; last_error = what + detail. `bye` is
  // the reason sent in a best-effort BYE first; Reason::normal sends none (the server already
  // closed, or nothing is connected).
  void fail(const Environment& env, const char* what, const char* detail, proto::Reason bye);
  void enter(ClientState s);
  void draw_status(const Environment& env);
  uint32_t micros(const Environment& env) const;

  Panel& panel_;
  Transport& transport_;
  ClientSettings settings_;
  uint8_t* work_;
  size_t work_size_;
  TimedSink sink_;  // before decoder_: the decoder draws through it
  client::Decoder decoder_;
  Backoff backoff_;
  TxQueue tx_;
  ClientStatus status_;
  uint32_t next_attempt_ms_;
  uint32_t last_rx_ms_;     // last byte from the server
  uint32_t last_tx_ms_;     // last message queued to the server
  uint32_t phase_start_ms_; // connect or handshake start
  uint32_t feed_us_;        // time inside Decoder::feed since the last ACK (sinks included)
  bool status_dirty_;       // the status screen needs redrawing (only shown when not streaming)
  bool network_was_up_;
  uint8_t rx_[kReadChunk];
};

}  // namespace device
}  // namespace tfts

#endif
