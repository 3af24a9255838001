/**
 * @file lv_tfts_mirror.h
 * Mirror an LVGL display to a tftstream server (device -> PC, docs/protocol.md §2.4).
 *
 * Attaches to a display without replacing its flush callback: LVGL v9 through the display's
 * LV_EVENT_FLUSH_START event and its active draw buffer, LVGL v8 by wrapping
 * lv_disp_drv_t.flush_cb and calling the original. Every flushed area goes to the tfts_mirror
 * core (tfts/mirror/tfts_mirror.h), which encodes it into the caller's buffer and hands it to
 * the write callback without ever waiting; when the core asks for a full refresh (new session,
 * dropped frame, the server's REFRESH), lv_tfts_mirror_poll() invalidates the active screen.
 * RGB565 displays only (v9: RGB565 or RGB565_SWAPPED; v8: LV_COLOR_DEPTH 16, either
 * LV_COLOR_16_SWAP). No heap: mirrors come from a static pool of LV_TFTS_MIRROR_MAX.
 */
#ifndef LV_TFTS_MIRROR_H
#define LV_TFTS_MIRROR_H

#include "lvgl.h"
#include "tfts/mirror/tfts_mirror.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Displays that can be mirrored at once (static pool). */
#ifndef LV_TFTS_MIRROR_MAX
#define LV_TFTS_MIRROR_MAX 1
#endif

#if LVGL_VERSION_MAJOR >= 9
typedef lv_display_t lv_tfts_mirror_display_t;
#else
typedef lv_disp_t lv_tfts_mirror_display_t;
#endif

typedef struct {
    const char * name;             /**< the device's name on the server, 1..32 bytes */
    uint32_t max_payload;          /**< largest RECT payload, 0: 4096 (capped by buf_size) */
    uint8_t * buf;                 /**< send buffer (caller-owned), >= 288 bytes */
    size_t buf_size;
    tfts_mirror_write_cb_t write;  /**< e.g. a WiFiClient's write; may take fewer bytes */
    tfts_mirror_read_cb_t read;    /**< e.g. a WiFiClient's non-blocking read; may be NULL */
    void * user;                   /**< passed to write and read */
} lv_tfts_mirror_config_t;

typedef struct {
    lv_tfts_mirror_display_t * disp;
    tfts_mirror_t core;
#if LVGL_VERSION_MAJOR < 9
    void (*original_flush_cb)(lv_disp_drv_t *, const lv_area_t *, lv_color_t *);
    bool forward_only; /* detached, but another wrapper still calls ours */
#endif
} lv_tfts_mirror_t;

/**
 * Starts mirroring `disp` (its size at this moment is the size sent in HELLO).
 * @return the mirror, or NULL when the pool is full or the config is out of range.
 * Open the connection, then call lv_tfts_mirror_start(); nothing is sent before that.
 */
lv_tfts_mirror_t * lv_tfts_mirror_attach(lv_tfts_mirror_display_t * disp,
                                         const lv_tfts_mirror_config_t * cfg);

/** Stops mirroring and gives the display its flush path back as it was. */
void lv_tfts_mirror_detach(lv_tfts_mirror_t * mirror);

/** The connection is open (again): sends HELLO; the server's WELCOME starts the mirroring. */
void lv_tfts_mirror_start(lv_tfts_mirror_t * mirror, uint32_t now_ms);

/**
 * Call from the loop that runs lv_timer_handler(): reads the server's bytes (read callback),
 * sends what is queued and keepalives, and invalidates the screen when a full refresh is due.
 * @return the session state; after TFTS_MIRROR_CLOSED reconnect and call lv_tfts_mirror_start.
 */
tfts_mirror_state_t lv_tfts_mirror_poll(lv_tfts_mirror_t * mirror, uint32_t now_ms);

/** The core, for its counters (tfts_mirror_stats) and close reasons. */
tfts_mirror_t * lv_tfts_mirror_get_core(lv_tfts_mirror_t * mirror);

#ifdef __cplusplus
}
#endif

#endif /* LV_TFTS_MIRROR_H */
