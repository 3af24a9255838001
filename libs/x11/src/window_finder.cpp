#include "window_finder.h"

#include <vector>

namespace tfts::x11 {
namespace {

// Property values are read up to this many 32-bit units (4 KiB); titles are shorter.
constexpr uint32_t kMaxPropertyLongs = 1024;

struct Node {
  xcb_window_t id;
  size_t top;  // stacking index of its top-level ancestor (higher is nearer the viewer)
};

struct NodeRequests {
  xcb_get_window_attributes_cookie_t attributes;
  xcb_get_property_cookie_t net_name, name, wm_class;
  xcb_query_tree_cookie_t tree;
};

std::string property_text(Connection& conn, xcb_get_property_cookie_t cookie) {
  const auto r = conn.await<xcb_get_property_reply_t>(cookie);
  if (!r || r->format != 8) return {};
  const auto* p = static_cast<const char*>(xcb_get_property_value(r.get()));
  return std::string(p, static_cast<size_t>(xcb_get_property_value_length(r.get())));
}

// WM_CLASS is "instance\0class\0": either part may match.
bool class_matches(const TextMatch& pattern, const std::string& wm_class) {
  if (pattern.empty()) return true;
  size_t start = 0;
  while (start < wm_class.size()) {
    size_t end = wm_class.find('\0', start);
    if (end == std::string::npos) end = wm_class.size();
    if (pattern.matches(std::string_view(wm_class).substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

std::vector<xcb_window_t> children(Connection& conn, xcb_query_tree_cookie_t cookie) {
  const auto r = conn.await<xcb_query_tree_reply_t>(cookie);
  if (!r) return {};
  const xcb_window_t* c = xcb_query_tree_children(r.get());
  return std::vector<xcb_window_t>(c, c + xcb_query_tree_children_length(r.get()));
}

}  // namespace

bool find_window(Connection& conn, const TextMatch& title, const TextMatch& wm_class,
                 FoundWindow& found) {
  xcb_connection_t* c = conn.get();
  std::vector<Node> level;
  const std::vector<xcb_window_t> top = children(conn, xcb_query_tree(c, conn.root()));
  for (size_t i = 0; i < top.size(); ++i) level.push_back({top[i], i});

  bool have = false;
  size_t have_top = 0;
  size_t visited = 0;
  for (int depth = 0; depth < kMaxSearchDepth && !level.empty(); ++depth) {
    std::vector<NodeRequests> requests;
    requests.reserve(level.size());
    for (const Node& n : level) {
      requests.push_back(
          {xcb_get_window_attributes(c, n.id),
           xcb_get_property(c, 0, n.id, conn.net_wm_name(), conn.utf8_string(), 0,
                            kMaxPropertyLongs),
           xcb_get_property(c, 0, n.id, XCB_ATOM_WM_NAME, XCB_GET_PROPERTY_TYPE_ANY, 0,
                            kMaxPropertyLongs),
           xcb_get_property(c, 0, n.id, XCB_ATOM_WM_CLASS, XCB_ATOM_STRING, 0, kMaxPropertyLongs),
           depth + 1 < kMaxSearchDepth ? xcb_query_tree(c, n.id) : xcb_query_tree_cookie_t{0}});
    }
    std::vector<Node> next;
    for (size_t i = 0; i < level.size(); ++i) {
      const NodeRequests& q = requests[i];
      const auto attributes = conn.await<xcb_get_window_attributes_reply_t>(q.attributes);
      std::string name = property_text(conn, q.net_name);
      const std::string old_name = property_text(conn, q.name);
      if (name.empty()) name = old_name;
      const std::string cls = property_text(conn, q.wm_class);
      std::vector<xcb_window_t> kids;
      if (q.tree.sequence != 0) kids = children(conn, q.tree);
      if (conn.broken()) return false;
      if (!attributes) continue;  // destroyed while we looked

      const bool named = !name.empty() || !cls.empty();
      if (named && (title.empty() || title.matches(name)) && class_matches(wm_class, cls)) {
        const bool viewable = attributes->map_state == XCB_MAP_STATE_VIEWABLE;
        // Topmost viewable wins; a hidden one only while nothing viewable matched.
        const bool better = !have || (viewable && !found.viewable) ||
                            (viewable == found.viewable && level[i].top >= have_top);
        if (better) {
          found = {level[i].id, name, viewable};
          have_top = level[i].top;
          have = true;
        }
      }
      for (xcb_window_t k : kids) {
        if (++visited > kMaxSearchWindows) break;
        next.push_back({k, level[i].top});
      }
    }
    level = std::move(next);
  }
  return have;
}

WindowState locate_window(Connection& conn, xcb_window_t id, core::Rect& rect) {
  xcb_connection_t* c = conn.get();
  const auto attributes_cookie = xcb_get_window_attributes(c, id);
  const auto geometry_cookie = xcb_get_geometry(c, id);
  const auto origin_cookie = xcb_translate_coordinates(c, id, conn.root(), 0, 0);
  const auto attributes = conn.await<xcb_get_window_attributes_reply_t>(attributes_cookie);
  const auto geometry = conn.await<xcb_get_geometry_reply_t>(geometry_cookie);
  const auto origin = conn.await<xcb_translate_coordinates_reply_t>(origin_cookie);
  if (!attributes || !geometry || !origin) return WindowState::gone;
  if (attributes->map_state != XCB_MAP_STATE_VIEWABLE) return WindowState::hidden;
  rect = {origin->dst_x, origin->dst_y, geometry->width, geometry->height};
  return WindowState::visible;
}

}  // namespace tfts::x11
