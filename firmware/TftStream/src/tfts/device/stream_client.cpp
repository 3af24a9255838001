// The display client's state machine (docs/protocol.md §2-§5 from the display's side).
// Everything here is bounded per poll(): at most one connect attempt (its timeout is the only
// blocking part, kept short by the settings), one read of kReadChunk bytes, and the decoding
// of those bytes. Timeouts compare now_ms differences, so they survive millis() wrapping.
#include "tfts/device/stream_client.h"

#include <string.h>

#include "tfts/client/display_messages.h"
#include "tfts/device/status_screen.h"
#include "tfts/device/text_line.h"

namespace tfts {
namespace device {
namespace {

using client::DecodeStatus;

const uint32_t kDefaultMaxPayload = 8192;
const uint32_t kDefaultConnectTimeoutMs = 1000;
const uint32_t kDefaultRetryMinMs = 250;
const uint32_t kDefaultRetryMaxMs = 1000;
const uint32_t kDefaultHandshakeTimeoutMs = 5000;
const uint32_t kSilenceKeepalives = 3;  // §3.4: silent for 3 x keepalive_ms = dead

ClientSettings with_defaults(ClientSettings s) {
  if (!s.server_host) s.server_host = "";
  if (!s.name) s.name = "tftstream";
  if (s.max_payload == 0) s.max_payload = kDefaultMaxPayload;
  if (s.connect_timeout_ms == 0) s.connect_timeout_ms = kDefaultConnectTimeoutMs;
  if (s.retry_min_ms == 0) s.retry_min_ms = kDefaultRetryMinMs;
  if (s.retry_max_ms == 0) s.retry_max_ms = kDefaultRetryMaxMs;
  if (s.handshake_timeout_ms == 0) s.handshake_timeout_ms = kDefaultHandshakeTimeoutMs;
  return s;
}

// Every codec but COPY: the panel cannot be read back (no framebuffer), §2.1.
uint16_t declared_codecs() {
  return static_cast<uint16_t>(proto::kAllCodecs & ~proto::codec_bit(proto::Codec::copy));
}

client::DisplayConfig display_config(uint16_t width, uint16_t height, uint32_t max_payload) {
  client::DisplayConfig cfg;
  cfg.width = width;
  cfg.height = height;
  cfg.max_payload = max_payload;
  cfg.codecs = declared_codecs();
  cfg.has_framebuffer = false;
  return cfg;
}

}  // namespace

const char* state_name(ClientState s) {
  switch (s) {
    case ClientState::waiting_for_network: return "waiting for Wi-Fi";
    case ClientState::connecting: return "connecting";
    case ClientState::handshake: return "handshake";
    case ClientState::streaming: return "streaming";
    case ClientState::backing_off: return "waiting to retry";
  }
  return "unknown";
}

StreamClient::StreamClient(Panel& panel, Transport& transport, const ClientSettings& settings,
                           uint8_t* work, size_t work_size)
    : panel_(panel),
      transport_(transport),
      settings_(with_defaults(settings)),
      work_(work),
      work_size_(work_size),
      sink_(panel),
      // A placeholder size: the real one is read from the panel before each connection.
      decoder_(sink_, display_config(1, 1, settings_.max_payload), work, work_size),
      backoff_(settings_.retry_min_ms, settings_.retry_max_ms),
      next_attempt_ms_(0),
      last_rx_ms_(0),
      last_tx_ms_(0),
      phase_start_ms_(0),
      feed_us_(0),
      status_dirty_(true),  // the boot screen
      network_was_up_(false) {
  memset(&status_, 0, sizeof status_);
  status_.state = ClientState::waiting_for_network;
}

uint32_t StreamClient::micros(const Environment& env) const {
  return env.micros ? env.micros() : 0;
}

void StreamClient::enter(ClientState s) { status_.state = s; }

void StreamClient::poll(const Environment& env) {
  sink_.set_clock(env.micros);
  poll_network(env);
  switch (status_.state) {
    case ClientState::connecting:
    case ClientState::backing_off:
      if (static_cast<int32_t>(env.now_ms - next_attempt_ms_) >= 0) try_connect(env);
      break;
    case ClientState::handshake:
    case ClientState::streaming:
      poll_session(env);
      break;
    case ClientState::waiting_for_network:
      break;
  }
  // The status screen stays put while streaming: the server's frames own the panel then.
  if (status_dirty_ && status_.state != ClientState::streaming) draw_status(env);
}

void StreamClient::poll_network(const Environment& env) {
  if (env.network_up == network_was_up_) return;
  network_was_up_ = env.network_up;
  status_dirty_ = true;
  if (env.network_up) {
    enter(ClientState::connecting);
    next_attempt_ms_ = env.now_ms;
    backoff_.reset();
    return;
  }
  if (status_.state == ClientState::handshake || status_.state == ClientState::streaming) {
    fail(env, "Wi-Fi connection lost", 0, proto::Reason::normal);
  }
  enter(ClientState::waiting_for_network);
}

void StreamClient::try_connect(const Environment& env) {
  const client::DisplayConfig cfg =
      display_config(panel_.width(), panel_.height(), settings_.max_payload);
  decoder_.configure(cfg, work_, work_size_);
  const size_t need = client::Decoder::work_size_for(cfg.width, cfg.max_payload);
  if (decoder_.status() == DecodeStatus::not_configured ||
      work_size_for(cfg.width, cfg.max_payload) != need) {
    // A sketch bug (buffer too small or misaligned, panel size 0): retry in case it is fixed
    // by a later init(), but say so on the screen.
    fail(env, "work buffer too small for this panel", 0, proto::Reason::normal);
    return;
  }
  ++status_.attempts;
  enter(ClientState::connecting);
  draw_status(env);  // show "attempt N" before connect() blocks for up to its timeout
  tx_.clear();
  if (!transport_.connect(settings_.server_host, settings_.server_port,
                          settings_.connect_timeout_ms)) {
    fail(env, "cannot connect to the server", 0, proto::Reason::normal);
    return;
  }
  uint8_t hello[client::kHelloMaxBytes];
  const size_t n = client::write_hello(hello, sizeof hello, cfg, settings_.name,
                                       settings_.rotation, proto::Role::display);
  if (n == 0) {
    fail(env, "display name must be 1..32 bytes", 0, proto::Reason::normal);
    return;
  }
  tx_.push(hello, n);
  tx_.flush(transport_);
  phase_start_ms_ = last_rx_ms_ = last_tx_ms_ = env.now_ms;
  feed_us_ = 0;
  sink_.clear_spent();
  enter(ClientState::handshake);
}

void StreamClient::poll_session(const Environment& env) {
  tx_.flush(transport_);
  const int got = transport_.read(rx_, sizeof rx_);
  if (got < 0) {
    fail(env, "server closed the connection", 0, proto::Reason::normal);
    return;
  }
  // Waiting for the network mid-frame: let the panel end its transfer and release the SPI
  // bus (a DMA adapter holds it across strips), so a touch controller or SD card sharing the
  // bus is not locked out between loop() calls.
  if (got == 0 && decoder_.in_frame()) sink_.finish();
  if (got > 0) {
    last_rx_ms_ = env.now_ms;
    const size_t len = static_cast<size_t>(got);
    size_t off = 0;
    while (off < len) {
      const uint32_t t0 = micros(env);
      const client::FeedResult r = decoder_.feed(rx_ + off, len - off);
      feed_us_ += micros(env) - t0;
      off += r.consumed;
      if (!handle(r.status, env)) return;  // the session ended
      if (r.status == DecodeStatus::need_more) break;
    }
  }
  if (status_.state == ClientState::handshake) {
    if (env.now_ms - phase_start_ms_ >= settings_.handshake_timeout_ms) {
      fail(env, "no WELCOME from the server", 0, proto::Reason::timeout);
    }
    return;
  }
  // §3.4: keepalive_ms = 0 means no promise, so no silence timeout either.
  const uint32_t keepalive = decoder_.session().keepalive_ms;
  if (keepalive == 0) return;
  if (env.now_ms - last_rx_ms_ >= kSilenceKeepalives * keepalive) {
    fail(env, "server silent for 3 keepalive periods", 0, proto::Reason::timeout);
    return;
  }
  if (env.now_ms - last_tx_ms_ >= keepalive) {
    uint8_t ka[1];
    const size_t n = client::write_keepalive(ka, sizeof ka);
    if (!tx_.push(ka, n)) {
      fail(env, "link stalled (cannot send)", 0, proto::Reason::timeout);
      return;
    }
    last_tx_ms_ = env.now_ms;
    tx_.flush(transport_);
  }
}

bool StreamClient::handle(DecodeStatus s, const Environment& env) {
  switch (s) {
    case DecodeStatus::need_more:
      return true;
    case DecodeStatus::welcome:
      ++status_.sessions;
      status_.session_id = decoder_.session().session_id;
      backoff_.reset();  // got this far: the next failure retries quickly again
      feed_us_ = 0;
      sink_.clear_spent();
      enter(ClientState::streaming);
      status_dirty_ = false;
      return true;
    case DecodeStatus::frame_done:
      send_ack(env);
      return status_.state == ClientState::streaming;
    case DecodeStatus::bye:
      fail(env, "server ended the session: ", proto::reason_name(decoder_.reason()),
           proto::Reason::normal);
      return false;
    default:  // decoder errors: tell the server why (§3.6), then reconnect
      fail(env, client::status_name(s), 0, client::reason_for(s));
      return false;
  }
}

void StreamClient::send_ack(const Environment& env) {
  // draw_us: time in the panel's sink calls plus waiting for the panel to finish (DMA);
  // decode_us: the rest of the time in feed().
  const uint32_t sink_us = sink_.spent_us();
  const uint32_t t0 = micros(env);
  panel_.finish();
  const uint32_t finish_us = micros(env) - t0;
  client::AckStats stats;
  stats.decode_us = feed_us_ > sink_us ? feed_us_ - sink_us : 0;
  stats.draw_us = sink_us + finish_us;
  stats.free_heap = env.free_heap;
  stats.rssi = env.rssi;
  uint8_t ack[proto::kAckBytes];
  const size_t n = client::write_ack(ack, sizeof ack, decoder_.frame_seq(), stats);
  feed_us_ = 0;
  sink_.clear_spent();
  if (!tx_.push(ack, n)) {
    fail(env, "link stalled (cannot send)", 0, proto::Reason::timeout);
    return;
  }
  last_tx_ms_ = env.now_ms;
  ++status_.frames;
  tx_.flush(transport_);
}

void StreamClient::fail(const Environment& env, const char* what, const char* detail,
                        proto::Reason bye) {
  const bool open =
      status_.state == ClientState::handshake || status_.state == ClientState::streaming;
  if (open && bye != proto::Reason::normal) {
    // Best effort, and only on a message boundary: a half-sent message would garble it.
    tx_.flush(transport_);
    uint8_t msg[3];
    const size_t n = client::write_bye(msg, sizeof msg, bye);
    if (tx_.pending() == 0 && n > 0) transport_.write(msg, n);
  }
  transport_.stop();
  tx_.clear();
  TextLine line(status_.last_error, sizeof status_.last_error);
  line.add(what).add(detail);
  next_attempt_ms_ = env.now_ms + backoff_.next();
  enter(ClientState::backing_off);
  status_dirty_ = true;
}

void StreamClient::draw_status(const Environment& env) {
  panel_.finish();  // a frame cut short may have a transfer under way
  StatusScreen::draw(panel_, settings_, status_, env);
  status_dirty_ = false;
}

}  // namespace device
}  // namespace tfts
