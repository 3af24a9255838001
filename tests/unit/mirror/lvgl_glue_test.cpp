// lv_tfts_mirror (firmware/TftStream/src/lv_tfts_mirror.c) on the host LVGL shims
// (firmware/lvgl_host): compiled once per shim (v9; v8 with LV_COLOR_16_SWAP 0 and 1). In each
// render mode the user's own flush_cb keeps drawing the panel, the first WELCOME makes the glue
// invalidate the screen, and the server's decoded copy equals the picture bit-exact: the whole
// screen, then a changed widget, then again after the server's REFRESH. Detaching leaves the
// user's flush path as it was.
#include <gtest/gtest.h>

#include <vector>

#include "lv_tfts_mirror.h"
#include "lvgl.h"
#include "lvgl_host_fake.h"
#include "mirror_harness.h"

namespace tfts::mirror::test {
namespace {

const int kW = 80;
const int kH = 60;

std::vector<uint8_t> g_out;
std::vector<uint16_t> g_panel(kW * kH);
int g_user_flushes = 0;

size_t link_write(void*, const uint8_t* p, size_t n) {
  g_out.insert(g_out.end(), p, p + n);
  return n;
}

uint16_t load(const uint8_t* p, bool swapped) {
  return swapped ? static_cast<uint16_t>(p[0] << 8 | p[1]) : static_cast<uint16_t>(p[1] << 8 | p[0]);
}

// The user's flush_cb, as a board's would draw the panel: the glue must not replace it.
void copy_to_panel(const int x1, const int y1, const int w, const int h, const uint8_t* px,
                   size_t stride, bool swapped) {
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      g_panel[(y1 + y) * kW + x1 + x] = load(px + y * stride + x * 2, swapped);
  ++g_user_flushes;
}

#if LVGL_VERSION_MAJOR >= 9
using Display = lv_display_t;
void user_flush(lv_display_t* d, const lv_area_t* a, uint8_t* px) {
  const lv_draw_buf_t* b = lv_display_get_buf_active(d);
  const bool screen = b->header.w == kW && b->header.h == kH;
  const size_t offset = screen ? a->y1 * b->header.stride + a->x1 * 2 : 0;
  copy_to_panel(a->x1, a->y1, lv_area_get_width(a), lv_area_get_height(a), px + offset,
                b->header.stride, lv_display_get_color_format(d) == LV_COLOR_FORMAT_RGB565_SWAPPED);
  lv_display_flush_ready(d);
}
#else
using Display = lv_disp_t;
lv_disp_drv_t g_drv;
lv_disp_draw_buf_t g_draw_buf;
void user_flush(lv_disp_drv_t* drv, const lv_area_t* a, lv_color_t* color_p) {
  const bool screen = drv->direct_mode || drv->full_refresh;
  const auto* px = reinterpret_cast<const uint8_t*>(color_p);
  const size_t stride = screen ? kW * 2 : lv_area_get_width(a) * 2;
  const size_t offset = screen ? a->y1 * stride + a->x1 * 2 : 0;
  copy_to_panel(a->x1, a->y1, lv_area_get_width(a), lv_area_get_height(a), px + offset, stride,
                LV_COLOR_16_SWAP);
  lv_disp_flush_ready(drv);
}
#endif

// mode 0 partial, 1 direct, 2 full; `swapped` picks RGB565_SWAPPED on v9 (v8: lv_conf).
Display* make_display(int mode, bool swapped, std::vector<uint8_t>& buf) {
#if LVGL_VERSION_MAJOR >= 9
  lv_display_t* d = lv_display_create(kW, kH);
  lv_display_set_flush_cb(d, user_flush);
  lv_display_set_color_format(d, swapped ? LV_COLOR_FORMAT_RGB565_SWAPPED : LV_COLOR_FORMAT_RGB565);
  const int pad = mode == 0 ? 8 : 24;  // strides wider than the area
  lvgl_host::set_stride_padding(pad);
  buf.assign(mode == 0 ? (kW * 2 + pad) * 7 : (kW * 2 + pad) * kH, 0);
  const lv_display_render_mode_t modes[] = {LV_DISPLAY_RENDER_MODE_PARTIAL,
                                            LV_DISPLAY_RENDER_MODE_DIRECT,
                                            LV_DISPLAY_RENDER_MODE_FULL};
  lv_display_set_buffers(d, buf.data(), nullptr, static_cast<uint32_t>(buf.size()), modes[mode]);
  return d;
#else
  (void)swapped;
  buf.assign(mode == 0 ? kW * 2 * 7 : kW * 2 * kH, 0);
  lv_disp_draw_buf_init(&g_draw_buf, buf.data(), nullptr, static_cast<uint32_t>(buf.size() / 2));
  lv_disp_drv_init(&g_drv);
  g_drv.hor_res = kW;
  g_drv.ver_res = kH;
  g_drv.draw_buf = &g_draw_buf;
  g_drv.flush_cb = user_flush;
  g_drv.direct_mode = mode == 1;
  g_drv.full_refresh = mode == 2;
  return lv_disp_drv_register(&g_drv);
#endif
}

void destroy_display(Display* d) {
#if LVGL_VERSION_MAJOR >= 9
  lv_display_delete(d);
#else
  lv_disp_remove(d);
#endif
}

std::vector<uint16_t> pixels(const core::Rgb565Plane& p) {
  return std::vector<uint16_t>(p.data(), p.data() + p.width() * p.height());
}

class Glue : public ::testing::TestWithParam<std::tuple<int, bool>> {};

TEST_P(Glue, MirrorsEveryRenderMode) {
  const auto [mode, swapped] = GetParam();
  g_out.clear();
  g_user_flushes = 0;
  core::Rgb565Plane pic = synthetic_picture(kW, kH, 21);
  lvgl_host::set_picture([&pic](int x, int y) { return pic.at(x, y); });
  std::vector<uint8_t> draw_buf;
  Display* disp = make_display(mode, swapped, draw_buf);
  lvgl_host::invalidate(0, 0, kW - 1, kH - 1);
  ASSERT_TRUE(lvgl_host::refresh());  // LVGL's first render, before the mirror exists
  const int flushes_before = g_user_flushes;

  std::vector<uint8_t> send_buf(16 * 1024);
  lv_tfts_mirror_config_t cfg{};
  cfg.name = "lvgl";
  cfg.max_payload = 1024;
  cfg.buf = send_buf.data();
  cfg.buf_size = send_buf.size();
  cfg.write = link_write;
  lv_tfts_mirror_t* mirror = lv_tfts_mirror_attach(disp, &cfg);
  ASSERT_NE(mirror, nullptr);
  EXPECT_EQ(lv_tfts_mirror_attach(disp, &cfg), nullptr);  // the pool holds one
  lv_tfts_mirror_start(mirror, 0);
  server::HelloReader hello;
  const size_t hello_bytes = hello.consume(g_out);
  ASSERT_EQ(hello.state(), server::HelloReader::State::done);
  EXPECT_EQ(hello.hello().role, proto::Role::source);
  EXPECT_EQ(hello.hello().width, kW);
  EXPECT_EQ(hello.hello().height, kH);
  tfts_mirror_t* core = lv_tfts_mirror_get_core(mirror);
  const auto welcome = sim::make_welcome(proto::kAllCodecs, 2, 2000, 3);
  tfts_mirror_receive(core, welcome.data(), welcome.size());
  sim::SimulatedDisplay server_copy(client::DisplayConfig{kW, kH, 1024, kSourceCodecs, false});
  server_copy.feed(sim::make_welcome(kSourceCodecs, 2, 2000, 3));
  size_t fed = hello_bytes;
  auto deliver = [&] {
    const auto st = server_copy.feed(g_out.data() + fed, g_out.size() - fed);
    fed = g_out.size();
    return st;
  };
  auto ack = [&](uint32_t seq) {  // the server's ACK once it has decoded frame `seq`
    uint8_t b[proto::kAckBytes];
    client::write_ack(b, sizeof b, seq, client::AckStats{1, 0, 0, 127});
    tfts_mirror_receive(core, b, sizeof b);
  };

  // WELCOME -> the glue invalidates the screen; the next refresh sends all of it.
  EXPECT_EQ(lv_tfts_mirror_poll(mirror, 1), TFTS_MIRROR_STREAMING);
  EXPECT_EQ(lvgl_host::screen_invalidations(), 1);
  ASSERT_TRUE(lvgl_host::refresh());
  EXPECT_GT(g_user_flushes, flushes_before);
  ASSERT_EQ(deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(server_copy.framebuffer(), pic);
  EXPECT_EQ(g_panel, pixels(pic));
  EXPECT_EQ(tfts_mirror_stats(core)->frames_sent, 1u);
  ack(0);

  // A widget changes: only its area is rendered and sent (except in FULL mode).
  for (int y = 5; y <= 30; ++y)
    for (int x = 10; x <= 40; ++x) pic.at(x, y) = static_cast<uint16_t>(x * 977 + y * 31);
  lvgl_host::invalidate(10, 5, 40, 30);
  const size_t before = g_out.size();
  ASSERT_TRUE(lvgl_host::refresh());
  if (mode != 2) {  // FULL mode resends the whole screen
    EXPECT_LT(g_out.size() - before, size_t{kW * kH});
  }
  ASSERT_EQ(deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(server_copy.framebuffer(), pic);
  ack(1);

  // Two widgets in one refresh (v8 direct_mode: LVGL merged one area into a bigger one).
  for (int y = 40; y <= 55; ++y)
    for (int x = 50; x <= 70; ++x) pic.at(x, y) = static_cast<uint16_t>(x * y);
  pic.at(3, 3) = 0x1234;
  lvgl_host::invalidate(50, 40, 70, 55);
  lvgl_host::invalidate(3, 3, 3, 3);
  ASSERT_TRUE(lvgl_host::refresh());
  ASSERT_EQ(deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(server_copy.framebuffer(), pic);
  EXPECT_EQ(g_panel, pixels(pic));
  ack(2);

  // The server asks for everything again.
  const uint8_t refresh = 0x14;
  tfts_mirror_receive(core, &refresh, 1);
  lv_tfts_mirror_poll(mirror, 2);
  EXPECT_EQ(lvgl_host::screen_invalidations(), 2);
  ASSERT_TRUE(lvgl_host::refresh());
  ASSERT_EQ(deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(server_copy.framebuffer(), pic);
  EXPECT_EQ(server_copy.sink().last_seq(), 3u);
  EXPECT_EQ(tfts_mirror_stats(core)->frames_dropped, 0u);

  // Detached: a BYE goes out, then nothing more, and the user's flush still draws.
  lv_tfts_mirror_detach(mirror);
  ASSERT_EQ(g_out.size(), fed + 3);
  EXPECT_EQ(g_out[fed], 0x31);
#if LVGL_VERSION_MAJOR < 9
  EXPECT_EQ(g_drv.flush_cb, &user_flush);
#endif
  const size_t after_detach = g_out.size();
  const int flushes = g_user_flushes;
  pic.at(0, 0) ^= 0xFFFF;
  lvgl_host::invalidate(0, 0, 0, 0);
  ASSERT_TRUE(lvgl_host::refresh());
  EXPECT_EQ(g_out.size(), after_detach);
  EXPECT_EQ(g_user_flushes, flushes + 1);
  EXPECT_EQ(g_panel[0], pic.at(0, 0));
  destroy_display(disp);
}

#if LVGL_VERSION_MAJOR >= 9
INSTANTIATE_TEST_SUITE_P(V9, Glue,
                         ::testing::Combine(::testing::Values(0, 1, 2), ::testing::Bool()));
#elif LV_COLOR_16_SWAP
INSTANTIATE_TEST_SUITE_P(V8Swap, Glue,
                         ::testing::Combine(::testing::Values(0, 1, 2), ::testing::Values(true)));
#else
INSTANTIATE_TEST_SUITE_P(V8, Glue,
                         ::testing::Combine(::testing::Values(0, 1, 2), ::testing::Values(false)));
#endif

}  // namespace
}  // namespace tfts::mirror::test
