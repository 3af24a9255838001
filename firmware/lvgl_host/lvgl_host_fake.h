// The fake display behind the LVGL host shims (v8/ and v9/ share this interface): it "renders"
// a synthetic picture into the display's draw buffers the way LVGL's render modes do and calls
// flush (v9: with FLUSH_START/FLUSH_FINISH events around it). One display at a time. Host only.
#pragma once

#include <cstdint>
#include <functional>

namespace lvgl_host {

// What the UI shows: the native RGB565 value at (x, y).
using Picture = std::function<uint16_t(int x, int y)>;

void set_picture(Picture picture);
// A widget changed: the next refresh() redraws this area (inclusive corners, as lv_area_t).
void invalidate(int x1, int y1, int x2, int y2);
// lv_obj_invalidate() calls on the active screen so far (each invalidates everything).
int screen_invalidations();
// One lv_timer_handler(): renders the invalidated areas and flushes them; false when
// a flush_cb did not call flush_ready (the fake's flushes are synchronous).
bool refresh();
// In PARTIAL mode, extra bytes per row beyond the area (LV_DRAW_BUF_STRIDE_ALIGN-like), and
// in DIRECT/FULL the screen buffer's stride padding (v9 only; v8 has no stride).
void set_stride_padding(int bytes);

}  // namespace lvgl_host
