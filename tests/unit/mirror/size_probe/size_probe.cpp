// Mirror size probe: a stand-in for a sketch that mirrors its LVGL v9 display, so
// `scripts/firmware-size --mirror` can measure what the tfts_mirror core and its glue cost on
// the device. LVGL itself is replaced by stubs as small as possible (not part of our cost:
// they are counted as probe). Not run for its output: it only has to link, with nothing
// reachable optimised away.
#include <stdint.h>
#include <string.h>

#include "lv_tfts_mirror.h"

namespace {

volatile uint32_t g_bus;  // stores to it stand for the socket and the panel
uint8_t g_send_buf[8192];  // the sketch's send buffer (max_payload 4096 + room to queue)
uint8_t g_draw_buf[320 * 2 * 4];  // LVGL's, not ours: a token stand-in
lv_draw_buf_t g_active;
lv_area_t g_area;
lv_event_cb_t g_cb;
void* g_cb_user;
int g_obj;

size_t link_write(void*, const uint8_t* p, size_t n) {
  g_bus = p[0];
  return n / 2;
}
int link_read(void*, uint8_t* buf, size_t cap) {
  if (cap) buf[0] = static_cast<uint8_t>(g_bus);
  return static_cast<int>(g_bus & 1);
}

}  // namespace

// LVGL stubs.
struct _lv_event_t {
  int unused;
};
extern "C" {
lv_event_dsc_t* lv_display_add_event_cb(lv_display_t*, lv_event_cb_t cb, lv_event_code_t,
                                        void* user) {
  g_cb = cb;
  g_cb_user = user;
  return nullptr;
}
uint32_t lv_display_remove_event_cb_with_user_data(lv_display_t*, lv_event_cb_t, void*) {
  g_cb = nullptr;
  return 1;
}
void* lv_event_get_user_data(lv_event_t*) { return g_cb_user; }
void* lv_event_get_param(lv_event_t*) { return &g_area; }
lv_event_code_t lv_event_get_code(lv_event_t*) { return LV_EVENT_FLUSH_START; }
lv_draw_buf_t* lv_display_get_buf_active(lv_display_t*) { return &g_active; }
lv_color_format_t lv_display_get_color_format(lv_display_t*) {
  return (g_bus & 2) ? LV_COLOR_FORMAT_RGB565_SWAPPED : LV_COLOR_FORMAT_RGB565;
}
bool lv_display_flush_is_last(lv_display_t*) { return (g_bus & 4) != 0; }
int32_t lv_display_get_horizontal_resolution(const lv_display_t*) { return 320; }
int32_t lv_display_get_vertical_resolution(const lv_display_t*) { return 240; }
lv_obj_t* lv_display_get_screen_active(lv_display_t*) {
  return reinterpret_cast<lv_obj_t*>(&g_obj);
}
void lv_obj_invalidate(const lv_obj_t* obj) { g_bus = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(obj)); }
}

int main() {
  lv_tfts_mirror_config_t cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.name = "c3";
  cfg.buf = g_send_buf;
  cfg.buf_size = sizeof g_send_buf;
  cfg.write = link_write;
  cfg.read = link_read;
  lv_display_t* disp = reinterpret_cast<lv_display_t*>(&g_obj);
  lv_tfts_mirror_t* mirror = lv_tfts_mirror_attach(disp, &cfg);
  if (!mirror) return 1;
  lv_tfts_mirror_start(mirror, 0);
  g_active.data = g_draw_buf;
  g_active.header.w = 320;
  g_active.header.h = 4;
  g_active.header.stride = 640;
  g_area.x2 = 319;
  g_area.y2 = 3;
  for (uint32_t t = 1; t < 100; ++t) {
    lv_tfts_mirror_poll(mirror, t);
    if (g_cb) {
      _lv_event_t e;
      g_cb(&e);
    }
  }
  g_bus = tfts_mirror_stats(lv_tfts_mirror_get_core(mirror))->frames_sent;
  lv_tfts_mirror_detach(mirror);
  return 0;
}
