/* tfts_mirror: device -> PC screen mirroring (docs/protocol.md §2.4, role "source").
 *
 * The device hands over the areas its GUI flushes to the panel; the mirror encodes each one
 * (fill, raw, rle or palette_rle, §4.1-4.3, §4.5) into a bounded buffer the caller owns and
 * passes the bytes to a write callback (a WiFiClient, a socket). It never waits: when the buffer or the server's
 * credit (WELCOME max_in_flight) cannot take a frame, the frame is dropped and a full refresh
 * is requested, which the glue (lv_tfts_mirror.h for LVGL) turns into "invalidate the screen"
 * once the link has drained.
 *
 * C API, freestanding implementation (no heap, no exceptions, C headers only). Not thread-safe:
 * call everything from the thread that runs the GUI (LVGL's timer handler and its flush).
 */
#ifndef TFTS_MIRROR_H
#define TFTS_MIRROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How the flushed pixels sit in memory (2 bytes per pixel either way). */
typedef enum {
    TFTS_MIRROR_RGB565 = 0,         /* native little-endian value: bytes lo, hi (LVGL RGB565) */
    TFTS_MIRROR_RGB565_SWAPPED = 1, /* bytes hi, lo = wire order (LV_COLOR_16_SWAP, RGB565_SWAPPED) */
} tfts_mirror_format_t;

typedef enum {
    TFTS_MIRROR_CONNECTING = 0, /* initialised; the caller is opening the connection */
    TFTS_MIRROR_HANDSHAKE,      /* HELLO queued, waiting for WELCOME */
    TFTS_MIRROR_STREAMING,      /* frames are sent */
    TFTS_MIRROR_CLOSED,         /* session over: see close_reason; reconnect and call start */
} tfts_mirror_state_t;

/* Why the session ended (state CLOSED). The server's own reason (§5) is in peer_reason. */
typedef enum {
    TFTS_MIRROR_CLOSE_NONE = 0,
    TFTS_MIRROR_CLOSE_REFUSED,     /* the server refused the HELLO (peer_reason says why) */
    TFTS_MIRROR_CLOSE_PEER_ERROR,  /* the server sent ERROR */
    TFTS_MIRROR_CLOSE_PEER_BYE,    /* the server sent BYE (e.g. server_shutdown) */
    TFTS_MIRROR_CLOSE_DISCONNECTED, /* the read callback reported a closed connection */
    TFTS_MIRROR_CLOSE_TIMEOUT,     /* no WELCOME in time, or the server silent 3 x keepalive */
    TFTS_MIRROR_CLOSE_PROTOCOL,    /* the server sent something invalid (we sent ERROR) */
    TFTS_MIRROR_CLOSE_LOCAL,       /* tfts_mirror_close() */
} tfts_mirror_close_t;

/* Takes up to n bytes; returns how many it took (0..n; fewer is fine, the rest is kept and
 * offered again). Must not block for long: it runs inside the GUI's flush. */
typedef size_t (*tfts_mirror_write_cb_t)(void * user, const uint8_t * data, size_t n);
/* Non-blocking: bytes copied (> 0), 0 when nothing is there, -1 when the connection is gone
 * (WiFiClient::read semantics). Optional: without it, feed bytes with tfts_mirror_receive. */
typedef int (*tfts_mirror_read_cb_t)(void * user, uint8_t * buf, size_t cap);

typedef struct {
    uint16_t width;       /* the screen, 1..4096 */
    uint16_t height;
    const char * name;    /* 1..32 bytes, NUL-terminated; copied into the HELLO */
    uint32_t max_payload; /* largest RECT payload sent (>= 256); 0: 4096 */
    uint8_t * buf;        /* the send buffer, caller-owned, >= 288 bytes; max_payload is
                             capped at buf_size - 32 so any one rectangle fits. Size it for
                             the encoded bytes of a frame that write has not taken yet. */
    size_t buf_size;
    tfts_mirror_write_cb_t write;
    tfts_mirror_read_cb_t read;    /* may be NULL */
    void * user;                   /* passed to write and read */
    uint32_t handshake_timeout_ms; /* no WELCOME after this: CLOSED/TIMEOUT; 0: 5000 */
} tfts_mirror_config_t;

typedef struct {
    uint32_t frames_sent;     /* FRAME_ENDs queued (complete or cut short) */
    uint32_t frames_dropped;  /* frames not sent, or cut short, for lack of room or credit */
    uint32_t frames_acked;
    uint32_t rects_sent;
    uint32_t full_refreshes;  /* refreshes handed to the glue (tfts_mirror_take_refresh) */
    uint32_t refresh_requests;/* REFRESH messages from the server */
    uint32_t bytes_encoded;   /* bytes queued */
    uint32_t bytes_written;   /* bytes taken by the write callback */
} tfts_mirror_stats_t;

/* The whole state, public so the caller can place it statically (no heap). Treat the fields
 * as private; read them through the functions below. */
typedef struct {
    tfts_mirror_config_t cfg;
    tfts_mirror_stats_t stats;
    size_t head, tail;         /* unsent bytes are buf[head..tail) */
    uint32_t frame_start;      /* stats.bytes_encoded at this frame's FRAME_BEGIN */
    uint32_t max_payload;      /* as declared in HELLO: the config's, capped by buf_size */
    uint32_t next_seq;
    uint32_t session_id;
    uint32_t now_ms, last_rx_ms, last_tx_ms, phase_start_ms;
    uint16_t keepalive_ms;
    uint16_t server_codecs;
    uint8_t max_in_flight, in_flight;
    uint8_t state, close_reason, peer_reason;
    uint8_t frame;             /* 0 no frame, 1 open, 2 dropping until its end */
    bool need_refresh;
    /* receive parser */
    uint8_t rx_phase, rx_have, rx_need, rx_type;
    uint16_t rx_body_left;
    uint8_t rx[18];
} tfts_mirror_t;

/* Checks the config and resets everything; state CONNECTING. false: config out of range. */
bool tfts_mirror_init(tfts_mirror_t * m, const tfts_mirror_config_t * cfg);
/* The connection is open: forget the last session, queue HELLO (role 1) and try to send it.
 * Call it again after every reconnect. */
void tfts_mirror_start(tfts_mirror_t * m, uint32_t now_ms);
/* Regular work, from the GUI loop: reads (read callback), writes pending bytes, sends
 * KEEPALIVE when idle, checks timeouts. Returns the state. */
tfts_mirror_state_t tfts_mirror_poll(tfts_mirror_t * m, uint32_t now_ms);
/* Bytes from the server, any chunking (for callers without a read callback). */
void tfts_mirror_receive(tfts_mirror_t * m, const uint8_t * data, size_t n);

/* One flushed area. `px` points at the area's top-left pixel, rows `stride_bytes` apart.
 * Opens a frame if none is open (and drops the whole frame when it cannot); `last` ends it.
 * Encodes into the buffer and offers it to write at once; never waits. */
void tfts_mirror_flush(tfts_mirror_t * m, uint16_t x, uint16_t y, uint16_t w, uint16_t h,
                       const uint8_t * px, size_t stride_bytes, tfts_mirror_format_t format,
                       bool last);
/* Explicit frame boundaries for callers without a `last` flag. */
void tfts_mirror_begin_frame(tfts_mirror_t * m);
void tfts_mirror_end_frame(tfts_mirror_t * m);

/* true once when the screen should be sent whole (first frame of a session, a dropped frame,
 * the server's REFRESH) AND the link can take it now (streaming, credit, buffer drained).
 * The glue then invalidates the whole screen. */
bool tfts_mirror_take_refresh(tfts_mirror_t * m);
/* Sends BYE(normal) and closes the session (best effort). */
void tfts_mirror_close(tfts_mirror_t * m);

tfts_mirror_state_t tfts_mirror_state(const tfts_mirror_t * m);
tfts_mirror_close_t tfts_mirror_close_reason(const tfts_mirror_t * m);
uint8_t tfts_mirror_peer_reason(const tfts_mirror_t * m); /* §5 value from ERROR/BYE */
const tfts_mirror_stats_t * tfts_mirror_stats(const tfts_mirror_t * m);
size_t tfts_mirror_pending(const tfts_mirror_t * m); /* bytes queued, not yet written */
const char * tfts_mirror_state_name(tfts_mirror_state_t s);

#ifdef __cplusplus
}
#endif

#endif /* TFTS_MIRROR_H */
