/* Host shim of the LVGL v9 API subset that lv_tfts_mirror.c uses, for tests without LVGL
 * (LVGL is not installable here). Our own declarations with LVGL's names and signatures
 * (read from LVGL 9.2's lv_display.h, lv_event.h, lv_draw_buf.h, lv_area.h; nothing copied);
 * the fake display behind them is fake_display.cpp, driven through lvgl_host_fake.h. Only
 * the fields the glue reads exist; enum values are ours, not LVGL's. */
#ifndef LVGL_HOST_V9_LVGL_H
#define LVGL_HOST_V9_LVGL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LVGL_VERSION_MAJOR 9
#define LVGL_VERSION_MINOR 2
#define LVGL_VERSION_PATCH 0

typedef struct {
    int32_t x1;
    int32_t y1;
    int32_t x2; /* inclusive */
    int32_t y2;
} lv_area_t;

static inline int32_t lv_area_get_width(const lv_area_t * area_p)
{
    return area_p->x2 - area_p->x1 + 1;
}
static inline int32_t lv_area_get_height(const lv_area_t * area_p)
{
    return area_p->y2 - area_p->y1 + 1;
}

typedef enum {
    LV_COLOR_FORMAT_UNKNOWN = 0,
    LV_COLOR_FORMAT_RGB565 = 0x12,
    LV_COLOR_FORMAT_RGB565_SWAPPED = 0x1B,
    LV_COLOR_FORMAT_XRGB8888 = 0x11,
} lv_color_format_t;

typedef enum {
    LV_DISPLAY_RENDER_MODE_PARTIAL,
    LV_DISPLAY_RENDER_MODE_DIRECT,
    LV_DISPLAY_RENDER_MODE_FULL,
} lv_display_render_mode_t;

typedef struct {
    uint32_t magic : 8;
    uint32_t cf : 8;
    uint32_t flags : 16;
    uint32_t w : 16;
    uint32_t h : 16;
    uint32_t stride : 16; /* bytes per row */
    uint32_t reserved_2 : 16;
} lv_image_header_t;

typedef struct {
    lv_image_header_t header;
    uint32_t data_size;
    uint8_t * data;
    void * unaligned_data;
} lv_draw_buf_t;

typedef enum {
    LV_EVENT_ALL = 0,
    LV_EVENT_INVALIDATE_AREA,
    LV_EVENT_RENDER_START,
    LV_EVENT_RENDER_READY,
    LV_EVENT_FLUSH_START,
    LV_EVENT_FLUSH_FINISH,
    LV_EVENT_FLUSH_WAIT_START,
    LV_EVENT_FLUSH_WAIT_FINISH,
} lv_event_code_t;

typedef struct _lv_display_t lv_display_t;
typedef struct _lv_obj_t lv_obj_t;
typedef struct _lv_event_t lv_event_t;
typedef struct _lv_event_dsc_t lv_event_dsc_t;
typedef void (*lv_event_cb_t)(lv_event_t * e);
typedef void (*lv_display_flush_cb_t)(lv_display_t * disp, const lv_area_t * area,
                                      uint8_t * px_map);

lv_display_t * lv_display_create(int32_t hor_res, int32_t ver_res);
void lv_display_delete(lv_display_t * disp);
void lv_display_set_flush_cb(lv_display_t * disp, lv_display_flush_cb_t flush_cb);
void lv_display_set_buffers(lv_display_t * disp, void * buf1, void * buf2, uint32_t buf_size,
                            lv_display_render_mode_t render_mode);
void lv_display_set_color_format(lv_display_t * disp, lv_color_format_t color_format);
lv_color_format_t lv_display_get_color_format(lv_display_t * disp);
int32_t lv_display_get_horizontal_resolution(const lv_display_t * disp);
int32_t lv_display_get_vertical_resolution(const lv_display_t * disp);
lv_draw_buf_t * lv_display_get_buf_active(lv_display_t * disp);
bool lv_display_flush_is_last(lv_display_t * disp);
void lv_display_flush_ready(lv_display_t * disp);
lv_obj_t * lv_display_get_screen_active(lv_display_t * disp);
lv_obj_t * lv_screen_active(void);
lv_event_dsc_t * lv_display_add_event_cb(lv_display_t * disp, lv_event_cb_t event_cb,
                                         lv_event_code_t filter, void * user_data);
uint32_t lv_display_remove_event_cb_with_user_data(lv_display_t * disp, lv_event_cb_t event_cb,
                                                   void * user_data);

void * lv_event_get_user_data(lv_event_t * e);
void * lv_event_get_param(lv_event_t * e);
lv_event_code_t lv_event_get_code(lv_event_t * e);

void lv_obj_invalidate(const lv_obj_t * obj);

#ifdef __cplusplus
}
#endif

#endif /* LVGL_HOST_V9_LVGL_H */
