// The LVGL v9 shim's fake display: one display with PARTIAL / DIRECT / FULL rendering of a
// synthetic picture into the buffers given to lv_display_set_buffers, flushes with
// LV_EVENT_FLUSH_START / LV_EVENT_FLUSH_FINISH around the flush_cb as LVGL 9 does, and the
// draw buffer's header (w, h, stride) as LVGL reshapes it. Host only (C++20).
#include <cstring>
#include <vector>

#include "../lvgl_host_fake.h"
#include "lvgl.h"

struct _lv_obj_t {
  int unused;
};
struct _lv_event_t {
  lv_event_code_t code;
  void* param;
  void* user_data;
};
struct _lv_event_dsc_t {
  lv_event_cb_t cb;
  lv_event_code_t filter;
  void* user_data;
};
struct _lv_display_t {
  int32_t hor_res = 0, ver_res = 0;
  lv_display_flush_cb_t flush_cb = nullptr;
  uint8_t* buf = nullptr;
  uint32_t buf_size = 0;
  lv_display_render_mode_t mode = LV_DISPLAY_RENDER_MODE_PARTIAL;
  lv_color_format_t cf = LV_COLOR_FORMAT_RGB565;
  lv_draw_buf_t draw_buf{};
  bool flushing = false;
  bool flushing_last = false;
  std::vector<_lv_event_dsc_t*> events;
  _lv_obj_t screen{};
};

namespace {

_lv_display_t* g_disp = nullptr;
lvgl_host::Picture g_picture;
std::vector<lv_area_t> g_invalid;
int g_screen_invalidations = 0;
int g_padding = 0;

void send_event(lv_display_t* d, lv_event_code_t code, void* param) {
  for (_lv_event_dsc_t* e : std::vector<_lv_event_dsc_t*>(d->events)) {
    if (e->filter != LV_EVENT_ALL && e->filter != code) continue;
    _lv_event_t ev{code, param, e->user_data};
    e->cb(&ev);
  }
}

void store(uint8_t* p, uint16_t v, lv_color_format_t cf) {
  if (cf == LV_COLOR_FORMAT_RGB565_SWAPPED) {
    p[0] = static_cast<uint8_t>(v >> 8), p[1] = static_cast<uint8_t>(v);
  } else {
    p[0] = static_cast<uint8_t>(v), p[1] = static_cast<uint8_t>(v >> 8);
  }
}

// Renders `a` into the buffer whose top-left pixel is screen position (ox, oy).
void render(const lv_area_t& a, int ox, int oy, uint32_t stride) {
  for (int32_t y = a.y1; y <= a.y2; ++y)
    for (int32_t x = a.x1; x <= a.x2; ++x)
      store(g_disp->buf + (y - oy) * stride + (x - ox) * 2, g_picture(x, y), g_disp->cf);
}

bool flush(const lv_area_t& a, bool last) {
  g_disp->flushing = true;
  g_disp->flushing_last = last;
  lv_area_t area = a;
  send_event(g_disp, LV_EVENT_FLUSH_START, &area);
  g_disp->flush_cb(g_disp, &area, g_disp->buf);
  send_event(g_disp, LV_EVENT_FLUSH_FINISH, &area);
  return !g_disp->flushing;
}

void set_header(uint32_t w, uint32_t h, uint32_t stride) {
  g_disp->draw_buf.header.w = w & 0xFFFF;
  g_disp->draw_buf.header.h = h & 0xFFFF;
  g_disp->draw_buf.header.stride = stride & 0xFFFF;
  g_disp->draw_buf.header.cf = g_disp->cf & 0xFF;
  g_disp->draw_buf.data = g_disp->buf;
  g_disp->draw_buf.data_size = g_disp->buf_size;
}

}  // namespace

namespace lvgl_host {

void set_picture(Picture picture) { g_picture = std::move(picture); }
void invalidate(int x1, int y1, int x2, int y2) { g_invalid.push_back({x1, y1, x2, y2}); }
int screen_invalidations() { return g_screen_invalidations; }
void set_stride_padding(int bytes) { g_padding = bytes; }

bool refresh() {
  if (!g_disp || g_invalid.empty()) return true;
  std::vector<lv_area_t> areas;
  areas.swap(g_invalid);
  const lv_area_t screen{0, 0, g_disp->hor_res - 1, g_disp->ver_res - 1};
  bool ok = true;
  if (g_disp->mode == LV_DISPLAY_RENDER_MODE_FULL) {
    const uint32_t stride = static_cast<uint32_t>(g_disp->hor_res * 2 + g_padding);
    set_header(static_cast<uint32_t>(g_disp->hor_res), static_cast<uint32_t>(g_disp->ver_res),
               stride);
    render(screen, 0, 0, stride);
    return flush(screen, true);
  }
  if (g_disp->mode == LV_DISPLAY_RENDER_MODE_DIRECT) {
    const uint32_t stride = static_cast<uint32_t>(g_disp->hor_res * 2 + g_padding);
    set_header(static_cast<uint32_t>(g_disp->hor_res), static_cast<uint32_t>(g_disp->ver_res),
               stride);
    for (size_t i = 0; i < areas.size(); ++i) {
      render(areas[i], 0, 0, stride);
      ok = flush(areas[i], i + 1 == areas.size()) && ok;
    }
    return ok;
  }
  // PARTIAL: each area in strips as tall as the buffer allows, the buffer reshaped to it.
  for (size_t i = 0; i < areas.size(); ++i) {
    const lv_area_t& a = areas[i];
    const uint32_t stride = static_cast<uint32_t>(lv_area_get_width(&a) * 2 + g_padding);
    const int32_t rows = static_cast<int32_t>(g_disp->buf_size / stride);
    for (int32_t y = a.y1; y <= a.y2; y += rows) {
      const lv_area_t strip{a.x1, y, a.x2, y + rows - 1 < a.y2 ? y + rows - 1 : a.y2};
      set_header(static_cast<uint32_t>(lv_area_get_width(&strip)),
                 static_cast<uint32_t>(lv_area_get_height(&strip)), stride);
      render(strip, strip.x1, strip.y1, stride);
      ok = flush(strip, i + 1 == areas.size() && strip.y2 == a.y2) && ok;
    }
  }
  return ok;
}

}  // namespace lvgl_host

extern "C" {

lv_display_t* lv_display_create(int32_t hor_res, int32_t ver_res) {
  g_disp = new _lv_display_t;
  g_disp->hor_res = hor_res;
  g_disp->ver_res = ver_res;
  g_invalid.clear();
  g_screen_invalidations = 0;
  g_padding = 0;
  return g_disp;
}
void lv_display_delete(lv_display_t* disp) {
  for (auto* e : disp->events) delete e;
  if (disp == g_disp) g_disp = nullptr;
  delete disp;
}
void lv_display_set_flush_cb(lv_display_t* disp, lv_display_flush_cb_t cb) { disp->flush_cb = cb; }
void lv_display_set_buffers(lv_display_t* disp, void* buf1, void*, uint32_t buf_size,
                            lv_display_render_mode_t mode) {
  disp->buf = static_cast<uint8_t*>(buf1);
  disp->buf_size = buf_size;
  disp->mode = mode;
}
void lv_display_set_color_format(lv_display_t* disp, lv_color_format_t cf) { disp->cf = cf; }
lv_color_format_t lv_display_get_color_format(lv_display_t* disp) { return disp->cf; }
int32_t lv_display_get_horizontal_resolution(const lv_display_t* disp) { return disp->hor_res; }
int32_t lv_display_get_vertical_resolution(const lv_display_t* disp) { return disp->ver_res; }
lv_draw_buf_t* lv_display_get_buf_active(lv_display_t* disp) { return &disp->draw_buf; }
bool lv_display_flush_is_last(lv_display_t* disp) { return disp->flushing_last; }
void lv_display_flush_ready(lv_display_t* disp) { disp->flushing = false; }
lv_obj_t* lv_display_get_screen_active(lv_display_t* disp) { return &disp->screen; }
lv_obj_t* lv_screen_active(void) { return g_disp ? &g_disp->screen : nullptr; }

lv_event_dsc_t* lv_display_add_event_cb(lv_display_t* disp, lv_event_cb_t cb,
                                        lv_event_code_t filter, void* user_data) {
  disp->events.push_back(new _lv_event_dsc_t{cb, filter, user_data});
  return disp->events.back();
}
uint32_t lv_display_remove_event_cb_with_user_data(lv_display_t* disp, lv_event_cb_t cb,
                                                   void* user_data) {
  uint32_t removed = 0;
  for (size_t i = disp->events.size(); i-- > 0;) {
    if (disp->events[i]->cb == cb && disp->events[i]->user_data == user_data) {
      delete disp->events[i];
      disp->events.erase(disp->events.begin() + static_cast<long>(i));
      ++removed;
    }
  }
  return removed;
}

void* lv_event_get_user_data(lv_event_t* e) { return e->user_data; }
void* lv_event_get_param(lv_event_t* e) { return e->param; }
lv_event_code_t lv_event_get_code(lv_event_t* e) { return e->code; }

void lv_obj_invalidate(const lv_obj_t* obj) {
  if (!g_disp || obj != &g_disp->screen) return;  // widgets: use lvgl_host::invalidate
  ++g_screen_invalidations;
  g_invalid.clear();
  g_invalid.push_back({0, 0, g_disp->hor_res - 1, g_disp->ver_res - 1});
}

}  // extern "C"
