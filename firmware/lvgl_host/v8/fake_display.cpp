// The LVGL v8 shim's fake display: one registered driver, rendering a synthetic picture the
// way LVGL 8.3 fills its buffers (partial: area-sized rows, no stride; direct_mode and
// full_refresh: a screen-sized buffer with areas at their screen position) and calling
// drv->flush_cb with flushing_last set as lv_disp_flush_is_last reports it. As in 8.3, a
// direct_mode flush always names the whole screen (draw_ctx->buf_area); what was redrawn is
// in disp->inv_areas until the refresh ends. Host only.
#include <cstring>
#include <vector>

#include "../lvgl_host_fake.h"
#include "lvgl.h"

struct _lv_obj_t {
  int unused;
};

namespace {

lv_disp_t g_disp{};
bool g_registered = false;
_lv_obj_t g_screen{};
lvgl_host::Picture g_picture;
std::vector<lv_area_t> g_invalid;
int g_screen_invalidations = 0;

void store(uint8_t* p, uint16_t v) {
#if LV_COLOR_16_SWAP
  p[0] = static_cast<uint8_t>(v >> 8), p[1] = static_cast<uint8_t>(v);
#else
  p[0] = static_cast<uint8_t>(v), p[1] = static_cast<uint8_t>(v >> 8);
#endif
}

void render(const lv_area_t& a, int ox, int oy, int row_px) {
  auto* buf = static_cast<uint8_t*>(g_disp.driver->draw_buf->buf_act);
  for (int y = a.y1; y <= a.y2; ++y)
    for (int x = a.x1; x <= a.x2; ++x)
      store(buf + ((y - oy) * row_px + (x - ox)) * 2, g_picture(x, y));
}

bool flush(const lv_area_t& a, bool last) {
  lv_disp_drv_t* drv = g_disp.driver;
  drv->draw_buf->flushing = 1;
  drv->draw_buf->flushing_last = last;
  drv->flush_cb(drv, &a, static_cast<lv_color_t*>(drv->draw_buf->buf_act));
  return drv->draw_buf->flushing == 0;
}

lv_coord_t c(int v) { return static_cast<lv_coord_t>(v); }

}  // namespace

namespace lvgl_host {

void set_picture(Picture picture) { g_picture = std::move(picture); }
void invalidate(int x1, int y1, int x2, int y2) {
  g_invalid.push_back({c(x1), c(y1), c(x2), c(y2)});
}
int screen_invalidations() { return g_screen_invalidations; }
void set_stride_padding(int) {}

bool refresh() {
  if (!g_registered || g_invalid.empty()) return true;
  std::vector<lv_area_t> areas;
  areas.swap(g_invalid);
  lv_disp_drv_t* drv = g_disp.driver;
  const lv_area_t screen{0, 0, c(drv->hor_res - 1), c(drv->ver_res - 1)};
  if (drv->full_refresh) {
    render(screen, 0, 0, drv->hor_res);
    return flush(screen, true);
  }
  bool ok = true;
  if (drv->direct_mode) {
    g_disp.inv_p = 0;
    for (const lv_area_t& a : areas) {
      if (g_disp.inv_p == LV_INV_BUF_SIZE) break;
      g_disp.inv_area_joined[g_disp.inv_p] = 0;
      g_disp.inv_areas[g_disp.inv_p++] = a;
    }
    if (areas.size() > 1) g_disp.inv_area_joined[0] = 1;  // pretend LVGL merged the first ...
    if (areas.size() > 1) g_disp.inv_areas[1] = screen;    // ... into a bigger second one
    for (size_t i = 0; i < areas.size(); ++i) {
      render(areas[i], 0, 0, drv->hor_res);
      ok = flush(screen, i + 1 == areas.size()) && ok;
    }
    g_disp.inv_p = 0;
    return ok;
  }
  for (size_t i = 0; i < areas.size(); ++i) {
    const lv_area_t& a = areas[i];
    const int w = lv_area_get_width(&a);
    const int rows = static_cast<int>(drv->draw_buf->size) / w;
    for (int y = a.y1; y <= a.y2; y += rows) {
      const lv_area_t strip{a.x1, c(y), a.x2, c(y + rows - 1 < a.y2 ? y + rows - 1 : a.y2)};
      render(strip, strip.x1, strip.y1, w);
      ok = flush(strip, i + 1 == areas.size() && strip.y2 == a.y2) && ok;
    }
  }
  return ok;
}

}  // namespace lvgl_host

extern "C" {

void lv_disp_draw_buf_init(lv_disp_draw_buf_t* draw_buf, void* buf1, void* buf2,
                           uint32_t size_in_px_cnt) {
  std::memset(draw_buf, 0, sizeof *draw_buf);
  draw_buf->buf1 = buf1;
  draw_buf->buf2 = buf2;
  draw_buf->buf_act = buf1;
  draw_buf->size = size_in_px_cnt;
}
void lv_disp_drv_init(lv_disp_drv_t* driver) { std::memset(driver, 0, sizeof *driver); }
lv_disp_t* lv_disp_drv_register(lv_disp_drv_t* driver) {
  g_disp.driver = driver;
  g_registered = true;
  g_invalid.clear();
  g_invalid.push_back({0, 0, c(driver->hor_res - 1), c(driver->ver_res - 1)});
  g_screen_invalidations = 0;
  return &g_disp;
}
void lv_disp_remove(lv_disp_t* disp) {
  if (disp == &g_disp) g_registered = false;
}
lv_coord_t lv_disp_get_hor_res(lv_disp_t* disp) { return disp->driver->hor_res; }
lv_coord_t lv_disp_get_ver_res(lv_disp_t* disp) { return disp->driver->ver_res; }
bool lv_disp_flush_is_last(lv_disp_drv_t* drv) { return drv->draw_buf->flushing_last != 0; }
void lv_disp_flush_ready(lv_disp_drv_t* drv) { drv->draw_buf->flushing = 0; }
lv_obj_t* lv_disp_get_scr_act(lv_disp_t*) { return &g_screen; }
lv_obj_t* lv_scr_act(void) { return &g_screen; }

void lv_obj_invalidate(const lv_obj_t* obj) {
  if (!g_registered || obj != &g_screen) return;
  ++g_screen_invalidations;
  g_invalid.clear();
  g_invalid.push_back({0, 0, c(g_disp.driver->hor_res - 1), c(g_disp.driver->ver_res - 1)});
}

}  // extern "C"
