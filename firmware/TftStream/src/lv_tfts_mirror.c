/**
 * @file lv_tfts_mirror.c
 * LVGL glue of the tfts_mirror core: hands every flushed area (position, pixels, stride, byte
 * order) to the core, and turns the core's full-refresh requests into an invalidated screen.
 * Compiles to nothing when lvgl.h is not available, so the TftStream library still builds
 * in sketches without LVGL.
 */
#if defined(__has_include)
#if __has_include("lvgl.h")
#define LV_TFTS_MIRROR_HAS_LVGL 1
#endif
#else
#define LV_TFTS_MIRROR_HAS_LVGL 1
#endif

#if LV_TFTS_MIRROR_HAS_LVGL

#include "lv_tfts_mirror.h"

#include <string.h>

static lv_tfts_mirror_t pool[LV_TFTS_MIRROR_MAX];

/* In PARTIAL mode the buffer holds just the area (its pixels start at px). In DIRECT and FULL
 * modes it is screen-sized and the area's pixels sit at the area's position inside it. */
static void send_area(lv_tfts_mirror_t * mirror, const lv_area_t * area, const uint8_t * px,
                      uint32_t stride, bool screen_sized, tfts_mirror_format_t format, bool last)
{
    if(screen_sized) px += (size_t)area->y1 * stride + (size_t)area->x1 * 2;
    tfts_mirror_flush(&mirror->core, (uint16_t)area->x1, (uint16_t)area->y1,
                      (uint16_t)lv_area_get_width(area), (uint16_t)lv_area_get_height(area), px,
                      stride, format, last);
}

#if LVGL_VERSION_MAJOR >= 9

/* FLUSH_START comes right before the user's flush_cb with the area as parameter, while the
 * active buffer holds the rendered pixels in the display's colour format: a flush_cb that
 * byte-swaps in place (lv_draw_sw_rgb565_swap) has not run yet. */
static void flush_start_cb(lv_event_t * e)
{
    lv_tfts_mirror_t * mirror = (lv_tfts_mirror_t *)lv_event_get_user_data(e);
    const lv_area_t * area = (const lv_area_t *)lv_event_get_param(e);
    lv_display_t * disp = mirror->disp;
    const bool last = lv_display_flush_is_last(disp);
    lv_draw_buf_t * buf = lv_display_get_buf_active(disp);
    const lv_color_format_t cf = lv_display_get_color_format(disp);
    tfts_mirror_format_t format;
    if(cf == LV_COLOR_FORMAT_RGB565) format = TFTS_MIRROR_RGB565;
#if LVGL_VERSION_MINOR >= 2 || LVGL_VERSION_MAJOR > 9
    else if(cf == LV_COLOR_FORMAT_RGB565_SWAPPED) format = TFTS_MIRROR_RGB565_SWAPPED;
#endif
    else buf = NULL; /* not RGB565: nothing to send, but the frame still ends */
    if(buf == NULL || area == NULL) {
        if(last) tfts_mirror_end_frame(&mirror->core);
        return;
    }
    /* LVGL reshapes the buffer to the area in PARTIAL mode; a buffer of the display's size
     * means DIRECT or FULL (for a full-screen area both readings agree). */
    const bool screen_sized =
        (int32_t)buf->header.w == lv_display_get_horizontal_resolution(disp) &&
        (int32_t)buf->header.h == lv_display_get_vertical_resolution(disp);
    send_area(mirror, area, buf->data, buf->header.stride, screen_sized, format, last);
}

static void attach_hook(lv_tfts_mirror_t * mirror)
{
    lv_display_add_event_cb(mirror->disp, flush_start_cb, LV_EVENT_FLUSH_START, mirror);
}

static void detach_hook(lv_tfts_mirror_t * mirror)
{
    lv_display_remove_event_cb_with_user_data(mirror->disp, flush_start_cb, mirror);
    mirror->disp = NULL;
}

static void invalidate_screen(lv_tfts_mirror_t * mirror)
{
    lv_obj_invalidate(lv_display_get_screen_active(mirror->disp));
}

static uint16_t display_width(lv_display_t * disp)
{
    return (uint16_t)lv_display_get_horizontal_resolution(disp);
}

static uint16_t display_height(lv_display_t * disp)
{
    return (uint16_t)lv_display_get_vertical_resolution(disp);
}

#else /* LVGL v8 */

static lv_tfts_mirror_t * find_by_driver(lv_disp_drv_t * drv)
{
    for(int i = 0; i < LV_TFTS_MIRROR_MAX; i++) {
        if(pool[i].disp != NULL && pool[i].disp->driver == drv) return &pool[i];
    }
    return NULL;
}

/* Takes the place of the driver's flush_cb: sends the area first (the original may swap or
 * DMA the buffer), then calls the original, which calls lv_disp_flush_ready as before. */
static void flush_wrapper(lv_disp_drv_t * drv, const lv_area_t * area, lv_color_t * color_p)
{
    lv_tfts_mirror_t * mirror = find_by_driver(drv);
    if(mirror == NULL) return; /* the slot stays taken while this wrapper can be called */
    if(mirror->forward_only) {
        mirror->original_flush_cb(drv, area, color_p);
        return;
    }
#if LV_COLOR_DEPTH == 16
    const bool screen_sized = drv->direct_mode || drv->full_refresh;
    const uint32_t width = screen_sized ? (uint32_t)drv->hor_res
                                        : (uint32_t)lv_area_get_width(area);
#if LV_COLOR_16_SWAP
    const tfts_mirror_format_t format = TFTS_MIRROR_RGB565_SWAPPED;
#else
    const tfts_mirror_format_t format = TFTS_MIRROR_RGB565;
#endif
    if(drv->direct_mode) {
        /* LVGL 8 names the whole screen in every direct_mode flush; what changed is in the
         * display's invalidated areas, complete in the buffer by the last flush. */
        if(lv_disp_flush_is_last(drv)) {
            const lv_disp_t * disp = mirror->disp;
            tfts_mirror_begin_frame(&mirror->core);
            for(uint16_t i = 0; i < disp->inv_p; i++) {
                if(disp->inv_area_joined[i]) continue;
                send_area(mirror, &disp->inv_areas[i], (const uint8_t *)color_p, width * 2, true,
                          format, false);
            }
            tfts_mirror_end_frame(&mirror->core);
        }
    }
    else {
        send_area(mirror, area, (const uint8_t *)color_p, width * 2, screen_sized, format,
                  lv_disp_flush_is_last(drv));
    }
#else
    if(lv_disp_flush_is_last(drv)) tfts_mirror_end_frame(&mirror->core);
#endif
    mirror->original_flush_cb(drv, area, color_p);
}

static void attach_hook(lv_tfts_mirror_t * mirror)
{
    mirror->original_flush_cb = mirror->disp->driver->flush_cb;
    mirror->disp->driver->flush_cb = flush_wrapper;
}

static void detach_hook(lv_tfts_mirror_t * mirror)
{
    /* Only if nobody wrapped it after us; otherwise their wrapper still calls ours, so ours
     * stays as a plain forwarder and keeps its slot. */
    if(mirror->disp->driver->flush_cb == flush_wrapper) {
        mirror->disp->driver->flush_cb = mirror->original_flush_cb;
        mirror->disp = NULL;
    }
    else {
        mirror->forward_only = true;
    }
}

static void invalidate_screen(lv_tfts_mirror_t * mirror)
{
    lv_obj_invalidate(lv_disp_get_scr_act(mirror->disp));
}

static uint16_t display_width(lv_disp_t * disp)
{
    return (uint16_t)lv_disp_get_hor_res(disp);
}

static uint16_t display_height(lv_disp_t * disp)
{
    return (uint16_t)lv_disp_get_ver_res(disp);
}

#endif

lv_tfts_mirror_t * lv_tfts_mirror_attach(lv_tfts_mirror_display_t * disp,
                                         const lv_tfts_mirror_config_t * cfg)
{
    if(disp == NULL || cfg == NULL) return NULL;
    lv_tfts_mirror_t * mirror = NULL;
    for(int i = 0; i < LV_TFTS_MIRROR_MAX && mirror == NULL; i++) {
        if(pool[i].disp == NULL) mirror = &pool[i];
    }
    if(mirror == NULL) return NULL;
    tfts_mirror_config_t core_cfg;
    memset(&core_cfg, 0, sizeof(core_cfg));
    core_cfg.width = display_width(disp);
    core_cfg.height = display_height(disp);
    core_cfg.name = cfg->name;
    core_cfg.max_payload = cfg->max_payload;
    core_cfg.buf = cfg->buf;
    core_cfg.buf_size = cfg->buf_size;
    core_cfg.write = cfg->write;
    core_cfg.read = cfg->read;
    core_cfg.user = cfg->user;
    if(!tfts_mirror_init(&mirror->core, &core_cfg)) return NULL;
    mirror->disp = disp;
#if LVGL_VERSION_MAJOR < 9
    mirror->forward_only = false;
#endif
    attach_hook(mirror);
    return mirror;
}

void lv_tfts_mirror_detach(lv_tfts_mirror_t * mirror)
{
    if(mirror == NULL || mirror->disp == NULL) return;
    tfts_mirror_close(&mirror->core);
    detach_hook(mirror);
}

void lv_tfts_mirror_start(lv_tfts_mirror_t * mirror, uint32_t now_ms)
{
    tfts_mirror_start(&mirror->core, now_ms);
}

tfts_mirror_state_t lv_tfts_mirror_poll(lv_tfts_mirror_t * mirror, uint32_t now_ms)
{
    const tfts_mirror_state_t state = tfts_mirror_poll(&mirror->core, now_ms);
    if(tfts_mirror_take_refresh(&mirror->core)) invalidate_screen(mirror);
    return state;
}

tfts_mirror_t * lv_tfts_mirror_get_core(lv_tfts_mirror_t * mirror)
{
    return &mirror->core;
}

#endif /* LV_TFTS_MIRROR_HAS_LVGL */
