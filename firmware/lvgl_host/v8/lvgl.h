/* Host shim of the LVGL v8 API subset that lv_tfts_mirror.c uses, for tests without LVGL
 * (LVGL is not installable here). Our own declarations with LVGL 8.3's names, field names and
 * signatures (read from lv_hal_disp.h, lv_area.h, lv_color.h; nothing copied); the fake
 * display behind them is fake_display.cpp, driven through lvgl_host_fake.h. Only the fields
 * the glue and the tests touch exist. LV_COLOR_16_SWAP can be set with -D, as in lv_conf.h. */
#ifndef LVGL_HOST_V8_LVGL_H
#define LVGL_HOST_V8_LVGL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LVGL_VERSION_MAJOR 8
#define LVGL_VERSION_MINOR 3
#define LVGL_VERSION_PATCH 11

#ifndef LV_COLOR_DEPTH
#define LV_COLOR_DEPTH 16
#endif
#ifndef LV_COLOR_16_SWAP
#define LV_COLOR_16_SWAP 0
#endif

typedef int16_t lv_coord_t;

typedef struct {
    lv_coord_t x1;
    lv_coord_t y1;
    lv_coord_t x2; /* inclusive */
    lv_coord_t y2;
} lv_area_t;

static inline lv_coord_t lv_area_get_width(const lv_area_t * area_p)
{
    return (lv_coord_t)(area_p->x2 - area_p->x1 + 1);
}
static inline lv_coord_t lv_area_get_height(const lv_area_t * area_p)
{
    return (lv_coord_t)(area_p->y2 - area_p->y1 + 1);
}

/* 16-bit colour: `full` is the value as the CPU stores it (byte-swapped with LV_COLOR_16_SWAP). */
typedef union {
    uint16_t full;
} lv_color16_t;
typedef lv_color16_t lv_color_t;

typedef struct _lv_disp_draw_buf_t {
    void * buf1;
    void * buf2;
    void * buf_act;
    uint32_t size; /* in pixels */
    volatile int flushing;
    volatile int flushing_last;
    volatile uint32_t last_area : 1;
    volatile uint32_t last_part : 1;
} lv_disp_draw_buf_t;

typedef struct _lv_disp_drv_t {
    lv_coord_t hor_res;
    lv_coord_t ver_res;
    lv_disp_draw_buf_t * draw_buf;
    uint32_t direct_mode : 1;
    uint32_t full_refresh : 1;
    uint32_t sw_rotate : 1;
    void (*flush_cb)(struct _lv_disp_drv_t * disp_drv, const lv_area_t * area,
                     lv_color_t * color_p);
    void * user_data;
} lv_disp_drv_t;

typedef struct _lv_obj_t lv_obj_t;

#define LV_INV_BUF_SIZE 32

typedef struct _lv_disp_t {
    struct _lv_disp_drv_t * driver;
    lv_area_t inv_areas[LV_INV_BUF_SIZE];      /* what this refresh redraws ... */
    uint8_t inv_area_joined[LV_INV_BUF_SIZE];  /* ... except areas merged into others */
    uint16_t inv_p;
} lv_disp_t;

void lv_disp_draw_buf_init(lv_disp_draw_buf_t * draw_buf, void * buf1, void * buf2,
                           uint32_t size_in_px_cnt);
void lv_disp_drv_init(lv_disp_drv_t * driver);
lv_disp_t * lv_disp_drv_register(lv_disp_drv_t * driver);
void lv_disp_remove(lv_disp_t * disp);
lv_coord_t lv_disp_get_hor_res(lv_disp_t * disp);
lv_coord_t lv_disp_get_ver_res(lv_disp_t * disp);
bool lv_disp_flush_is_last(lv_disp_drv_t * disp_drv);
void lv_disp_flush_ready(lv_disp_drv_t * disp_drv);
lv_obj_t * lv_disp_get_scr_act(lv_disp_t * disp);
lv_obj_t * lv_scr_act(void);
void lv_obj_invalidate(const lv_obj_t * obj);

#ifdef __cplusplus
}
#endif

#endif /* LVGL_HOST_V8_LVGL_H */
