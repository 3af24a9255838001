#include "test_client.h"

#include <sys/uio.h>
#include <xcb/randr.h>
#include <xcb/xcbext.h>

#include <bit>
#include <cstdlib>

namespace tfts::x11::testing {
namespace {

uint32_t scale_into(uint32_t channel8, uint32_t mask) {
  if (mask == 0) return 0;
  const int shift = std::countr_zero(mask);
  const uint32_t max = mask >> shift;
  return ((channel8 * max + 127) / 255) << shift;
}

}  // namespace

uint32_t quadrant_colour(int x, int y, int w, int h) {
  const bool right = x >= w / 2, bottom = y >= h / 2;
  if (!bottom) return right ? kTopRight : kTopLeft;
  return right ? kBottomRight : kBottomLeft;
}

TestClient::TestClient(const std::string& display) {
  c_ = xcb_connect(display.c_str(), nullptr);
  if (xcb_connection_has_error(c_)) return;
  screen_ = xcb_setup_roots_iterator(xcb_get_setup(c_)).data;
  for (auto d = xcb_screen_allowed_depths_iterator(screen_); d.rem; xcb_depth_next(&d)) {
    for (auto v = xcb_depth_visuals_iterator(d.data); v.rem; xcb_visualtype_next(&v)) {
      if (v.data->visual_id == screen_->root_visual) {
        red_mask_ = v.data->red_mask;
        green_mask_ = v.data->green_mask;
        blue_mask_ = v.data->blue_mask;
      }
    }
  }
  gc_ = xcb_generate_id(c_);
  xcb_create_gc(c_, gc_, screen_->root, 0, nullptr);
  sync();
}

TestClient::~TestClient() {
  if (c_) xcb_disconnect(c_);
}

uint32_t TestClient::pixel(uint32_t rgb) const {
  return scale_into(rgb >> 16 & 255, red_mask_) | scale_into(rgb >> 8 & 255, green_mask_) |
         scale_into(rgb & 255, blue_mask_);
}

xcb_atom_t TestClient::atom(const char* name) {
  auto* r = xcb_intern_atom_reply(
      c_, xcb_intern_atom(c_, 0, static_cast<uint16_t>(std::char_traits<char>::length(name)), name),
      nullptr);
  const xcb_atom_t a = r ? r->atom : xcb_atom_t{XCB_ATOM_NONE};
  std::free(r);
  return a;
}

void TestClient::sync() { std::free(xcb_get_input_focus_reply(c_, xcb_get_input_focus(c_), nullptr)); }

void TestClient::fill(xcb_drawable_t drawable, const core::Rect& r, uint32_t rgb) {
  const uint32_t value = pixel(rgb);
  xcb_change_gc(c_, gc_, XCB_GC_FOREGROUND, &value);
  const xcb_rectangle_t rect{static_cast<int16_t>(r.x), static_cast<int16_t>(r.y),
                             static_cast<uint16_t>(r.w), static_cast<uint16_t>(r.h)};
  xcb_poly_fill_rectangle(c_, drawable, gc_, 1, &rect);
  sync();
}

void TestClient::fill_root(uint32_t rgb) {
  const uint32_t value = pixel(rgb);
  xcb_change_window_attributes(c_, root(), XCB_CW_BACK_PIXEL, &value);
  xcb_clear_area(c_, 0, root(), 0, 0, 0, 0);
  sync();
}

xcb_window_t TestClient::create_window(const std::string& title, const std::string& instance,
                                       const std::string& cls, const core::Rect& r) {
  const xcb_window_t w = xcb_generate_id(c_);
  // The background is the top-left colour, so an exposure never shows anything unexpected
  // before paint() runs.
  const uint32_t values[] = {pixel(kTopLeft)};
  xcb_create_window(c_, XCB_COPY_FROM_PARENT, w, root(), static_cast<int16_t>(r.x),
                    static_cast<int16_t>(r.y), static_cast<uint16_t>(r.w),
                    static_cast<uint16_t>(r.h), 0, XCB_WINDOW_CLASS_INPUT_OUTPUT,
                    XCB_COPY_FROM_PARENT, XCB_CW_BACK_PIXEL, values);
  const auto set_text = [&](xcb_atom_t property, xcb_atom_t type, const std::string& text) {
    xcb_change_property(c_, XCB_PROP_MODE_REPLACE, w, property, type, 8,
                        static_cast<uint32_t>(text.size()), text.data());
  };
  set_text(atom("_NET_WM_NAME"), atom("UTF8_STRING"), title);
  set_text(XCB_ATOM_WM_NAME, XCB_ATOM_STRING, title);
  set_text(XCB_ATOM_WM_CLASS, XCB_ATOM_STRING, instance + '\0' + cls + '\0');
  xcb_map_window(c_, w);
  paint(w, r.w, r.h);
  return w;
}

void TestClient::paint(xcb_window_t w, int width, int height) {
  const int hw = width / 2, hh = height / 2;
  fill(w, {0, 0, hw, hh}, kTopLeft);
  fill(w, {hw, 0, width - hw, hh}, kTopRight);
  fill(w, {0, hh, hw, height - hh}, kBottomLeft);
  fill(w, {hw, hh, width - hw, height - hh}, kBottomRight);
}

void TestClient::move(xcb_window_t w, int x, int y) {
  const uint32_t values[] = {static_cast<uint32_t>(x), static_cast<uint32_t>(y)};
  xcb_configure_window(c_, w, XCB_CONFIG_WINDOW_X | XCB_CONFIG_WINDOW_Y, values);
  sync();
}

void TestClient::resize(xcb_window_t w, int width, int height) {
  const uint32_t values[] = {static_cast<uint32_t>(width), static_cast<uint32_t>(height)};
  xcb_configure_window(c_, w, XCB_CONFIG_WINDOW_WIDTH | XCB_CONFIG_WINDOW_HEIGHT, values);
  paint(w, width, height);
}

void TestClient::unmap(xcb_window_t w) {
  xcb_unmap_window(c_, w);
  sync();
}

void TestClient::map(xcb_window_t w) {
  xcb_map_window(c_, w);
  sync();
}

void TestClient::destroy(xcb_window_t w) {
  xcb_destroy_window(c_, w);
  sync();
}

void TestClient::warp_pointer(int x, int y) {
  xcb_warp_pointer(c_, XCB_NONE, root(), 0, 0, 0, 0, static_cast<int16_t>(x),
                   static_cast<int16_t>(y));
  sync();
}

bool TestClient::set_monitor(const std::string& name, const core::Rect& r) {
  std::free(xcb_randr_query_version_reply(c_, xcb_randr_query_version(c_, 1, 5), nullptr));
  // Sent by hand: libxcb 1.15's xcb_randr_set_monitor() miscomputes the request length and
  // trips its own assertion. The request is the header, the window and one MONITORINFO.
  struct {
    uint8_t major = 0, minor = 0;  // filled in by xcb
    uint16_t length = 0;
    xcb_window_t window = 0;
    xcb_randr_monitor_info_t info{};
  } request;
  static_assert(sizeof request == 32);
  request.window = root();
  request.info.name = atom(name.c_str());
  request.info.x = static_cast<int16_t>(r.x);
  request.info.y = static_cast<int16_t>(r.y);
  request.info.width = static_cast<uint16_t>(r.w);
  request.info.height = static_cast<uint16_t>(r.h);
  request.info.width_in_millimeters = 100;
  request.info.height_in_millimeters = 100;
  iovec parts[4] = {};
  parts[2].iov_base = &request;
  parts[2].iov_len = sizeof request;
  xcb_protocol_request_t description{2, &xcb_randr_id, XCB_RANDR_SET_MONITOR, 1};
  const xcb_void_cookie_t cookie{
      xcb_send_request(c_, XCB_REQUEST_CHECKED, parts + 2, &description)};
  xcb_generic_error_t* e = xcb_request_check(c_, cookie);
  const bool ok = e == nullptr;
  std::free(e);
  return ok;
}

bool TestClient::set_screen_size(int width, int height) {
  std::free(xcb_randr_query_version_reply(c_, xcb_randr_query_version(c_, 1, 5), nullptr));
  // The screen must hold every lit CRTC: turn them off first (Xvfb has one, at full size).
  auto* res = xcb_randr_get_screen_resources_current_reply(
      c_, xcb_randr_get_screen_resources_current(c_, root()), nullptr);
  if (res) {
    const xcb_randr_crtc_t* crtcs = xcb_randr_get_screen_resources_current_crtcs(res);
    for (int i = 0; i < xcb_randr_get_screen_resources_current_crtcs_length(res); ++i) {
      std::free(xcb_randr_set_crtc_config_reply(
          c_,
          xcb_randr_set_crtc_config(c_, crtcs[i], XCB_CURRENT_TIME, res->config_timestamp, 0, 0,
                                    XCB_NONE, XCB_RANDR_ROTATION_ROTATE_0, 0, nullptr),
          nullptr));
    }
    std::free(res);
  }
  // Physical size at 96 dpi; the server only records it.
  const auto mm = [](int px) { return static_cast<uint32_t>(px * 254 / 960); };
  xcb_generic_error_t* e = xcb_request_check(
      c_, xcb_randr_set_screen_size_checked(c_, root(), static_cast<uint16_t>(width),
                                            static_cast<uint16_t>(height), mm(width),
                                            mm(height)));
  const bool ok = e == nullptr;
  std::free(e);
  sync();
  return ok;
}

}  // namespace tfts::x11::testing
