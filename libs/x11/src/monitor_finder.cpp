#include "monitor_finder.h"

#include <xcb/randr.h>

#include <vector>

namespace tfts::x11 {
namespace {

// Looks `name` up among the active monitors; adds the names seen to `known`.
bool find_in_monitors(Connection& conn, const std::string& name, core::Rect& rect,
                      std::string& known) {
  const auto r = conn.await<xcb_randr_get_monitors_reply_t>(
      xcb_randr_get_monitors(conn.get(), conn.root(), 1));
  if (!r) return false;
  std::vector<core::Rect> areas;
  std::vector<xcb_get_atom_name_cookie_t> names;
  for (auto it = xcb_randr_get_monitors_monitors_iterator(r.get()); it.rem;
       xcb_randr_monitor_info_next(&it)) {
    areas.push_back({it.data->x, it.data->y, it.data->width, it.data->height});
    names.push_back(xcb_get_atom_name(conn.get(), it.data->name));
  }
  bool found = false;
  for (size_t i = 0; i < names.size(); ++i) {
    const auto n = conn.await<xcb_get_atom_name_reply_t>(names[i]);
    if (!n) continue;
    const std::string text(xcb_get_atom_name_name(n.get()),
                           static_cast<size_t>(xcb_get_atom_name_name_length(n.get())));
    known += (known.empty() ? "" : ", ") + text;
    if (!found && text == name) {
      rect = areas[i];
      found = true;
    }
  }
  return found;
}

// Looks `name` up among the outputs that drive a CRTC; adds the names seen to `known`.
bool find_in_outputs(Connection& conn, const std::string& name, core::Rect& rect,
                     std::string& known) {
  xcb_connection_t* c = conn.get();
  const auto res = conn.await<xcb_randr_get_screen_resources_current_reply_t>(
      xcb_randr_get_screen_resources_current(c, conn.root()));
  if (!res) return false;
  const xcb_randr_output_t* outputs = xcb_randr_get_screen_resources_current_outputs(res.get());
  const int count = xcb_randr_get_screen_resources_current_outputs_length(res.get());
  std::vector<xcb_randr_get_output_info_cookie_t> cookies;
  for (int i = 0; i < count; ++i) {
    cookies.push_back(xcb_randr_get_output_info(c, outputs[i], res->config_timestamp));
  }
  xcb_randr_crtc_t crtc = XCB_NONE;
  for (const auto& cookie : cookies) {
    const auto info = conn.await<xcb_randr_get_output_info_reply_t>(cookie);
    if (!info || info->crtc == XCB_NONE) continue;
    const std::string text(reinterpret_cast<const char*>(xcb_randr_get_output_info_name(info.get())),
                           static_cast<size_t>(xcb_randr_get_output_info_name_length(info.get())));
    if (known.find(text) == std::string::npos) known += (known.empty() ? "" : ", ") + text;
    if (crtc == XCB_NONE && text == name) crtc = info->crtc;
  }
  if (crtc == XCB_NONE) return false;
  const auto info = conn.await<xcb_randr_get_crtc_info_reply_t>(
      xcb_randr_get_crtc_info(c, crtc, res->config_timestamp));
  if (!info) return false;
  rect = {info->x, info->y, info->width, info->height};
  return true;
}

}  // namespace

bool find_monitor(Connection& conn, const std::string& name, core::Rect& rect,
                  std::string& error) {
  if (!conn.extensions().randr) {
    error = "the display has no RandR 1.2, so it names no monitors";
    return false;
  }
  std::string known;
  if (conn.extensions().randr_monitors && find_in_monitors(conn, name, rect, known)) return true;
  if (find_in_outputs(conn, name, rect, known)) return true;
  if (conn.broken()) {
    error = conn.broken_reason();
  } else {
    error = "no monitor or output named '" + name + "'" +
            (known.empty() ? std::string(" (the display names none)") : "; there are: " + known);
  }
  return false;
}

}  // namespace tfts::x11
