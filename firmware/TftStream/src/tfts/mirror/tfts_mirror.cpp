// tfts_mirror: the source role's session (docs/protocol.md §2.4): HELLO, frames of fill / rle /
// raw rectangles into the caller's bounded buffer, credit from ACKs, REFRESH, KEEPALIVE and the
// end of a session. The server's bytes are parsed in mirror_receive.cpp. Freestanding.
#include "tfts/mirror/tfts_mirror.h"

#include <string.h>

#include "tfts/client/byte_order.h"
#include "tfts/client/display_messages.h"
#include "tfts/mirror/area_encoder.h"
#include "tfts/mirror/mirror_internal.h"

using tfts::client::store_be16;
using tfts::client::store_be32;
using tfts::proto::Codec;
using tfts::proto::MessageType;

namespace tfts {
namespace mirror {

namespace {

const uint32_t kDefaultMaxPayload = 4096;
const uint32_t kDefaultHandshakeMs = 5000;
// Room kept besides the largest payload: a RECT header, a FRAME_BEGIN and a FRAME_END, so one
// rectangle of max_payload always fits an empty buffer.
const size_t kBufferOverhead = 32;
// What the device may send (§2.4: fill and raw at least); the encoder writes nothing else.
const uint16_t kSourceCodecs = (1u << 0) | (1u << 1) | (1u << 2) | (1u << 4);

size_t free_room(const tfts_mirror_t* m) {
  return m->cfg.buf_size - (m->tail - m->head);
}

// Makes n bytes available at tail (moving unsent bytes to the front); false when they do not
// fit even then.
bool make_room(tfts_mirror_t* m, size_t n) {
  if (free_room(m) < n) return false;
  if (m->cfg.buf_size - m->tail < n) {
    memmove(m->cfg.buf, m->cfg.buf + m->head, m->tail - m->head);
    m->tail -= m->head;
    m->head = 0;
  }
  return true;
}

void commit(tfts_mirror_t* m, size_t n) {
  m->tail += n;
  m->stats.bytes_encoded += static_cast<uint32_t>(n);
}

bool queue_bytes(tfts_mirror_t* m, const uint8_t* p, size_t n) {
  if (!make_room(m, n)) return false;
  memcpy(m->cfg.buf + m->tail, p, n);
  commit(m, n);
  return true;
}

void queue_frame_mark(tfts_mirror_t* m, MessageType type, uint32_t seq) {
  uint8_t mark[proto::kFrameMarkBytes];
  mark[0] = static_cast<uint8_t>(type);
  store_be32(mark + 1, seq);
  queue_bytes(m, mark, sizeof mark);  // room for it is reserved when the frame opens
}

// The frame cannot go on: its rectangles not yet written are discarded and it is closed at
// once, so the stream stays well-formed. When none of it has been written, it stays as an
// empty frame: those 10 bytes are what shows that the link moves again before the refresh
// is offered (an empty buffer would offer it at once, into the same stall).
void drop_frame(tfts_mirror_t* m) {
  const uint32_t frame_bytes = m->stats.bytes_encoded - m->frame_start;
  if (m->tail - m->head >= frame_bytes) {
    const uint32_t rects = frame_bytes - static_cast<uint32_t>(proto::kFrameMarkBytes);
    m->tail -= rects;
    m->stats.bytes_encoded -= rects;
  }
  queue_frame_mark(m, MessageType::frame_end, m->next_seq++);
  m->stats.frames_sent++;
  m->stats.frames_dropped++;
  m->need_refresh = true;
  m->frame = kFrameDropping;
}

// One RECT of at most max_payload bytes; false when the buffer cannot take it.
bool add_rect(tfts_mirror_t* m, const PixelArea& a, uint16_t x, uint16_t y) {
  const Choice choice = choose_codec(a, m->server_codecs);
  const size_t need = proto::kRectHeaderBytes + choice.payload_bytes;
  if (free_room(m) < need + proto::kFrameMarkBytes) flush_out(m);
  if (free_room(m) < need + proto::kFrameMarkBytes || !make_room(m, need)) return false;
  uint8_t* p = m->cfg.buf + m->tail;
  p[0] = static_cast<uint8_t>(MessageType::rect);
  p[1] = static_cast<uint8_t>(choice.codec);
  uint8_t* q = store_be16(p + 2, x);
  q = store_be16(q, y);
  q = store_be16(q, a.w);
  q = store_be16(q, a.h);
  q = store_be32(q, static_cast<uint32_t>(choice.payload_bytes));
  write_payload(a, choice, q);
  commit(m, need);
  m->stats.rects_sent++;
  return true;
}

}  // namespace

void flush_out(tfts_mirror_t* m) {
  while (m->tail > m->head) {
    const size_t want = m->tail - m->head;
    size_t took = m->cfg.write(m->cfg.user, m->cfg.buf + m->head, want);
    if (took > want) took = want;
    if (took == 0) break;
    m->head += took;
    m->stats.bytes_written += static_cast<uint32_t>(took);
    m->last_tx_ms = m->now_ms;
    if (took < want) break;  // the link is full for now; poll() offers the rest
  }
  if (m->head == m->tail) m->head = m->tail = 0;
}

void close_session(tfts_mirror_t* m, tfts_mirror_close_t why, uint8_t peer_reason,
                   int send_type, proto::Reason send_reason) {
  if (m->state == TFTS_MIRROR_CLOSED) return;
  if (send_type >= 0) {
    const uint8_t msg[3] = {static_cast<uint8_t>(send_type), static_cast<uint8_t>(send_reason),
                            0};
    // Best effort: when the queue has no room for it even after write took what it would, the
    // message is left out. Dropping queued bytes to make room would cut the stream inside a
    // message (the HELLO, a RECT half written): the server would read the ERROR as part of it.
    flush_out(m);
    queue_bytes(m, msg, sizeof msg);
    flush_out(m);
  }
  m->state = TFTS_MIRROR_CLOSED;
  m->close_reason = static_cast<uint8_t>(why);
  m->peer_reason = peer_reason;
  m->frame = kNoFrame;
}

void on_welcome(tfts_mirror_t* m, uint16_t codecs, uint8_t max_in_flight, uint16_t keepalive_ms,
                uint32_t session_id) {
  m->server_codecs = static_cast<uint16_t>(codecs & kSourceCodecs);
  m->max_in_flight = max_in_flight;
  m->keepalive_ms = keepalive_ms;
  m->session_id = session_id;
  m->state = TFTS_MIRROR_STREAMING;
  m->need_refresh = true;  // §2.4: the server's copy starts black
}

}  // namespace mirror
}  // namespace tfts

using namespace tfts::mirror;

extern "C" {

bool tfts_mirror_init(tfts_mirror_t* m, const tfts_mirror_config_t* cfg) {
  if (!m || !cfg) return false;
  memset(m, 0, sizeof *m);
  const size_t name_len = cfg->name ? strlen(cfg->name) : 0;
  if (cfg->width == 0 || cfg->width > tfts::proto::kMaxDimension || cfg->height == 0 ||
      cfg->height > tfts::proto::kMaxDimension || name_len == 0 ||
      name_len > tfts::proto::kMaxNameBytes || !cfg->buf || !cfg->write ||
      cfg->buf_size < tfts::proto::kMinPayloadLimit + kBufferOverhead) {
    return false;
  }
  m->cfg = *cfg;
  uint32_t limit = cfg->max_payload ? cfg->max_payload : kDefaultMaxPayload;
  if (limit < tfts::proto::kMinPayloadLimit) return false;
  if (limit > cfg->buf_size - kBufferOverhead) {
    limit = static_cast<uint32_t>(cfg->buf_size - kBufferOverhead);
  }
  m->max_payload = limit;
  if (m->cfg.handshake_timeout_ms == 0) m->cfg.handshake_timeout_ms = kDefaultHandshakeMs;
  m->state = TFTS_MIRROR_CONNECTING;
  return true;
}

void tfts_mirror_start(tfts_mirror_t* m, uint32_t now_ms) {
  m->head = m->tail = 0;
  m->next_seq = 0;
  m->in_flight = 0;
  m->max_in_flight = 0;
  m->frame = kNoFrame;
  m->need_refresh = false;
  m->close_reason = TFTS_MIRROR_CLOSE_NONE;
  m->peer_reason = 0;
  m->now_ms = m->last_rx_ms = m->last_tx_ms = m->phase_start_ms = now_ms;
  reset_receiver(m);
  tfts::client::DisplayConfig hello_cfg;
  hello_cfg.width = m->cfg.width;
  hello_cfg.height = m->cfg.height;
  hello_cfg.max_payload = m->max_payload;
  hello_cfg.codecs = kSourceCodecs;
  hello_cfg.has_framebuffer = false;
  uint8_t hello[tfts::client::kHelloMaxBytes];
  const size_t n = tfts::client::write_hello(hello, sizeof hello, hello_cfg, m->cfg.name, 0,
                                             tfts::proto::Role::source);
  queue_bytes(m, hello, n);
  m->state = TFTS_MIRROR_HANDSHAKE;
  flush_out(m);
}

tfts_mirror_state_t tfts_mirror_poll(tfts_mirror_t* m, uint32_t now_ms) {
  m->now_ms = now_ms;
  if (m->cfg.read) {
    uint8_t chunk[64];
    // Bounded: a few chunks per poll keep the GUI loop responsive.
    for (int i = 0; i < 8 && m->state != TFTS_MIRROR_CLOSED; ++i) {
      const int got = m->cfg.read(m->cfg.user, chunk, sizeof chunk);
      if (got < 0) {
        close_session(m, TFTS_MIRROR_CLOSE_DISCONNECTED, 0, -1, tfts::proto::Reason::normal);
        break;
      }
      if (got == 0) break;
      tfts_mirror_receive(m, chunk, static_cast<size_t>(got));
    }
  }
  flush_out(m);
  const uint32_t silent_ms = now_ms - m->last_rx_ms;
  if (m->state == TFTS_MIRROR_HANDSHAKE && now_ms - m->phase_start_ms > m->cfg.handshake_timeout_ms) {
    close_session(m, TFTS_MIRROR_CLOSE_TIMEOUT, 0, -1, tfts::proto::Reason::normal);
  } else if (m->state == TFTS_MIRROR_STREAMING && m->keepalive_ms != 0) {
    if (silent_ms > 3u * m->keepalive_ms) {
      close_session(m, TFTS_MIRROR_CLOSE_TIMEOUT, 0,
                    static_cast<int>(MessageType::error), tfts::proto::Reason::timeout);
    } else if (now_ms - m->last_tx_ms >= m->keepalive_ms && m->tail == m->head) {
      const uint8_t keepalive = static_cast<uint8_t>(MessageType::keepalive);
      queue_bytes(m, &keepalive, 1);
      flush_out(m);
    }
  }
  return static_cast<tfts_mirror_state_t>(m->state);
}

void tfts_mirror_begin_frame(tfts_mirror_t* m) {
  if (m->frame != kNoFrame) return;
  m->frame = kFrameDropping;
  if (m->state != TFTS_MIRROR_STREAMING) return;  // WELCOME will ask for a full refresh
  if (m->in_flight >= m->max_in_flight ||
      free_room(m) < 2 * tfts::proto::kFrameMarkBytes) {
    m->stats.frames_dropped++;
    m->need_refresh = true;
    return;
  }
  m->frame_start = m->stats.bytes_encoded;
  queue_frame_mark(m, MessageType::frame_begin, m->next_seq);
  m->in_flight++;
  m->frame = kFrameOpen;
}

void tfts_mirror_end_frame(tfts_mirror_t* m) {
  if (m->frame == kFrameOpen) {
    queue_frame_mark(m, MessageType::frame_end, m->next_seq++);
    m->stats.frames_sent++;
    flush_out(m);
  }
  m->frame = kNoFrame;
}

void tfts_mirror_flush(tfts_mirror_t* m, uint16_t x, uint16_t y, uint16_t w, uint16_t h,
                       const uint8_t* px, size_t stride_bytes, tfts_mirror_format_t format,
                       bool last) {
  tfts_mirror_begin_frame(m);
  // Clip to the screen: the server ends the session on a rectangle outside it (§2.4 item 6).
  if (m->frame == kFrameOpen && px && x < m->cfg.width && y < m->cfg.height && w && h) {
    if (w > m->cfg.width - x) w = static_cast<uint16_t>(m->cfg.width - x);
    if (h > m->cfg.height - y) h = static_cast<uint16_t>(m->cfg.height - y);
    PixelArea area = {px, stride_bytes, w, h, format == TFTS_MIRROR_RGB565_SWAPPED};
    bool ok = true;
    if (is_flat(area)) {
      ok = add_rect(m, area, x, y);  // one fill covers a flat area of any size
    } else {
      // Tiles whose raw payload fits max_payload: whole rows when a row fits, else pieces.
      const uint32_t max_px = m->max_payload / 2;
      const uint16_t tile_w = w < max_px ? w : static_cast<uint16_t>(max_px);
      const uint32_t rows = max_px / tile_w;
      const uint16_t tile_h = rows < h ? static_cast<uint16_t>(rows) : h;
      for (uint16_t ty = 0; ok && ty < h; ty = static_cast<uint16_t>(ty + tile_h)) {
        const uint16_t th = h - ty < tile_h ? static_cast<uint16_t>(h - ty) : tile_h;
        for (uint16_t tx = 0; ok && tx < w; tx = static_cast<uint16_t>(tx + tile_w)) {
          const uint16_t tw = w - tx < tile_w ? static_cast<uint16_t>(w - tx) : tile_w;
          ok = add_rect(m, sub_area(area, tx, ty, tw, th), static_cast<uint16_t>(x + tx),
                        static_cast<uint16_t>(y + ty));
        }
      }
    }
    if (!ok) drop_frame(m);
    flush_out(m);
  }
  if (last) tfts_mirror_end_frame(m);
}

bool tfts_mirror_take_refresh(tfts_mirror_t* m) {
  if (!m->need_refresh || m->state != TFTS_MIRROR_STREAMING || m->frame != kNoFrame ||
      m->in_flight >= m->max_in_flight || m->tail != m->head) {
    return false;
  }
  m->need_refresh = false;
  m->stats.full_refreshes++;
  return true;
}

void tfts_mirror_close(tfts_mirror_t* m) {
  close_session(m, TFTS_MIRROR_CLOSE_LOCAL, 0, static_cast<int>(MessageType::bye),
                tfts::proto::Reason::normal);
}

tfts_mirror_state_t tfts_mirror_state(const tfts_mirror_t* m) {
  return static_cast<tfts_mirror_state_t>(m->state);
}
tfts_mirror_close_t tfts_mirror_close_reason(const tfts_mirror_t* m) {
  return static_cast<tfts_mirror_close_t>(m->close_reason);
}
uint8_t tfts_mirror_peer_reason(const tfts_mirror_t* m) { return m->peer_reason; }
const tfts_mirror_stats_t* tfts_mirror_stats(const tfts_mirror_t* m) { return &m->stats; }
size_t tfts_mirror_pending(const tfts_mirror_t* m) { return m->tail - m->head; }

const char* tfts_mirror_state_name(tfts_mirror_state_t s) {
  switch (s) {
    case TFTS_MIRROR_CONNECTING: return "connecting";
    case TFTS_MIRROR_HANDSHAKE: return "handshake";
    case TFTS_MIRROR_STREAMING: return "streaming";
    case TFTS_MIRROR_CLOSED: return "closed";
  }
  return "unknown";
}

}  // extern "C"
