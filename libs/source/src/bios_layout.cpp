#include "tfts/source/bios_layout.h"

#include <algorithm>
#include <string>
#include <vector>

#include "tfts/source/system_format.h"
#include "tfts/source/system_parsers.h"

namespace tfts::source {
namespace {

using draw::Align;
using draw::Colour;
using draw::Font;
using draw::Overflow;

// Text mode needs room: below 30 columns the values no longer fit beside their labels, and
// with fewer than 13 rows the page loses its frame.
constexpr int kMinColumns = 30;
constexpr int kMinRows = 13;
constexpr int kMinFramedColumns = 24;  // the frame costs four columns
constexpr int kMinValueColumns = 16;   // long labels only if the values keep this many
constexpr int kMinLeftColumns = 5;     // a disk's mount point keeps this many beside its usage
// Sizes tried for a scalable (non-bitmap) mono font.
constexpr int kScalableMin = 10;
constexpr int kScalableMax = 48;

// The screen on a grid of character cells, centred in the picture.
struct CharGrid {
  Font font;
  int cw = 8, lh = 16;  // cell size
  int cols = 0, rows = 0;
  int x0 = 0, y0 = 0;

  core::Rect cells(int col, int row, int ncols, int nrows = 1) const {
    return {x0 + col * cw, y0 + row * lh, ncols * cw, nrows * lh};
  }
};

CharGrid grid_for(int px, int w, int h, const draw::Theme& theme, draw::Typesetter& ts) {
  CharGrid g;
  g.font.family = theme.mono_family;
  g.font.px = px;
  g.font.rendering = theme.text_rendering;
  g.cw = std::max(1, ts.measure(g.font, "M").width);
  g.lh = std::max(1, ts.line_height(g.font));
  g.cols = w / g.cw;
  g.rows = h / g.lh;
  g.x0 = (w - g.cols * g.cw) / 2;
  g.y0 = (h - g.rows * g.lh) / 2;
  return g;
}

// The largest size up to the theme's (scaled with the panel) that leaves kMinColumns x
// kMinRows cells; else the smallest size.
CharGrid pick_grid(int w, int h, const draw::Theme& theme, draw::Typesetter& ts) {
  std::vector<int> sizes;
  if (theme.text_rendering == draw::TextRendering::crisp) {
    sizes = ts.bitmap_sizes(theme.mono_family);
  }
  if (sizes.empty()) {
    for (int px = kScalableMin; px <= kScalableMax; ++px) sizes.push_back(px);
  }
  const double target = theme.mono_px * std::max(w / 320.0, h / 240.0);
  for (auto it = sizes.rbegin(); it != sizes.rend(); ++it) {
    if (*it > target + 0.5) continue;
    CharGrid g = grid_for(*it, w, h, theme, ts);
    if (g.cols >= kMinColumns && g.rows >= kMinRows) return g;
  }
  return grid_for(sizes.front(), w, h, theme, ts);
}

int text_columns(const std::string& text) {
  int n = 0;
  for (unsigned char c : text) n += (c & 0xC0u) != 0x80u;  // UTF-8 characters
  return n;
}

struct Page {
  draw::Scene& scene;
  const draw::Theme& theme;
  draw::Typesetter& ts;
  const CharGrid& g;

  void text(std::string name, const core::Rect& box, const std::string& s, Colour colour,
            bool bold = false, Overflow overflow = Overflow::must_fit, Align align = Align::left) {
    Font f = g.font;
    f.bold = bold;
    scene.add(draw::layout_text(ts, std::move(name), box, s, f, colour, align, overflow));
  }
};

void menu_bar(Page& p) {
  const CharGrid& g = p.g;
  const core::Rect band = g.cells(0, 0, g.cols);
  // The bands reach the picture's edges; the grid's spare pixels would show as slivers.
  p.scene.add(draw::FillItem{{0, 0, p.scene.width(), band.bottom()}, p.theme.muted});
  int col = 1;
  bool first = true;
  for (const char* tab : {"Main", "Advanced", "Boot", "Security", "Exit"}) {
    const int n = text_columns(tab) + 2;
    if (col + n > g.cols - 1) break;
    const core::Rect box = g.cells(col, 0, n);
    if (first) p.scene.add(draw::FillItem{box, p.theme.background});
    p.text(std::string("menu.") + tab, box, tab, first ? p.theme.text : p.theme.background, false,
           Overflow::must_fit, Align::centre);
    col += n;
    first = false;
  }
}

void footer(Page& p) {
  const CharGrid& g = p.g;
  const int row = g.rows - 1;
  const core::Rect band = g.cells(0, row, g.cols);
  p.scene.add(
      draw::FillItem{{0, band.y, p.scene.width(), p.scene.height() - band.y}, p.theme.muted});
  struct Hint {
    const char* key;
    const char* what;
  };
  static constexpr Hint kHints[] = {{"\u2191\u2193", "Select"},
                                    {"\u2190\u2192", "Menu"},
                                    {"F10", "Save"},
                                    {"Esc", "Exit"},
                                    {"F1", "Help"},
                                    {"Enter", "Edit"}};
  int col = 1;
  for (const Hint& h : kHints) {
    const int nk = text_columns(h.key), nw = text_columns(h.what);
    if (col + nk + 1 + nw > g.cols - 1) break;
    p.text(std::string("hint.") + h.what + ".key", g.cells(col, row, nk), h.key, p.theme.background,
           true);
    p.text(std::string("hint.") + h.what, g.cells(col + nk + 1, row, nw), h.what,
           p.theme.background);
    col += nk + 1 + nw + 2;
  }
}

// A double rule around the page, with its title let into the top line.
void frame(Page& p, int top_row, int bottom_row) {
  const CharGrid& g = p.g;
  const core::Rect page = g.cells(0, top_row, g.cols, bottom_row - top_row + 1);
  const int dx = g.cw / 2, dy = g.lh / 2;
  const core::Rect outer{page.x + dx - 2, page.y + dy - 2, page.w - 2 * dx + 4,
                         page.h - 2 * dy + 4};
  const core::Rect inner{outer.x + 3, outer.y + 3, outer.w - 6, outer.h - 6};
  for (const core::Rect& r : {outer, inner}) {
    draw::PanelItem frame_line;
    frame_line.name = r == outer ? "frame" : "frame.inner";
    frame_line.rect = r;
    frame_line.border = p.theme.grid;
    frame_line.border_width = 1;
    p.scene.add(frame_line);
  }
  for (const char* title : {" System Information ", " System "}) {
    const int n = text_columns(title);
    if (n > g.cols - 6) continue;
    const core::Rect box = g.cells((g.cols - n) / 2, top_row, n);
    p.scene.add(draw::FillItem{box, p.theme.background});
    p.text("title", box, title, p.theme.text);
    break;
  }
}

struct Row {
  std::string name;
  std::string label, short_label;
  std::string value, short_value;  // short_value: used when value does not fit
  std::string right;               // right-aligned second value (disk usage), or ""
  std::string short_right;         // used when `right` leaves the value too little room
  int priority = 0;                // lower is kept first when rows run out
  int group = 0;                   // a blank row separates groups when there is room
  Colour colour = 0;
  Overflow overflow = Overflow::ellipsize;
};

// "[text]", the way setup screens mark values that can be edited. (Appending rather than
// "[" + text, which trips GCC 12's -Wrestrict false positive.)
std::string bracketed(const std::string& text) {
  std::string out(1, '[');
  out += text;
  out += ']';
  return out;
}

std::vector<Row> info_rows(const SystemSnapshot& s, const LocalTime& t, const draw::Theme& th) {
  std::vector<Row> rows;
  const auto add = [&](std::string name, std::string label, std::string short_label,
                       std::string value, std::string short_value, int priority, int group,
                       Colour colour, Overflow overflow) -> Row& {
    Row r;
    r.name = std::move(name);
    r.label = std::move(label);
    r.short_label = std::move(short_label);
    r.value = std::move(value);
    r.short_value = std::move(short_value);
    r.priority = priority;
    r.group = group;
    r.colour = colour;
    r.overflow = overflow;
    rows.push_back(std::move(r));
    return rows.back();
  };
  add("clock", "System Time", "Time", bracketed(t.clock_text()), "", 0, 0, th.accent,
      Overflow::must_fit);
  add("date", "System Date", "Date", bracketed(t.weekday_text() + " " + t.date_text()),
      bracketed(t.date_text()), 0, 0, th.text, Overflow::must_fit);
  if (!s.machine.empty()) {
    add("machine", "System", "Sys", s.machine, "", 5, 1, th.text, Overflow::ellipsize);
  }
  const std::string cpu = s.cpu.model.empty() ? "unknown" : short_cpu_name(s.cpu.model);
  add("cpu", "Processor", "CPU", cpu, "", 0, 1, th.text, Overflow::ellipsize);
  if (s.cpu.threads > 0) {
    const int cores = std::max(1, s.cpu.cores);
    std::string v = std::to_string(cores) + (cores == 1 ? " core" : " cores");
    std::string sv = std::to_string(cores) + "C";
    if (s.cpu.threads != cores) {
      v += ", " + std::to_string(s.cpu.threads) + " threads";
      sv += "/" + std::to_string(s.cpu.threads) + "T";
    }
    add("cores", "CPU Cores", "Cores", v, sv, 4, 1, th.text, Overflow::must_fit);
  }
  // The rated clock, as a setup screen shows it; the current one moves all the time.
  add("speed", "CPU Speed", "Speed", format_mhz(s.cpu.max_mhz > 0 ? s.cpu.max_mhz : s.cpu.mhz), "",
      3, 1, th.text, Overflow::must_fit);
  if (s.memory.total > 0) {
    const std::string used =
        format_percent(static_cast<double>(s.memory.used()) / static_cast<double>(s.memory.total));
    add("memory", "Memory", "Mem", format_bytes(s.memory.total) + ", " + used + " used",
        format_bytes(s.memory.total, true) + " " + used, 1, 1, th.text, Overflow::must_fit);
  }
  add("uptime", "Uptime", "Up", format_uptime(s.uptime_s), format_uptime(s.uptime_s, true), 3, 1,
      th.text, Overflow::must_fit);
  add("host", "Host Name", "Host", s.host_name.empty() ? "unknown" : s.host_name, "", 1, 2, th.text,
      Overflow::ellipsize);
  add("address", "IP Address", "IP", s.addresses.empty() ? "not connected" : s.addresses[0], "", 1,
      2, th.text, Overflow::ellipsize);
  for (size_t i = 0; i < s.disks.size(); ++i) {
    const DiskInfo& d = s.disks[i];
    const std::string pct =
        d.size > 0 ? format_percent(static_cast<double>(d.used) / static_cast<double>(d.size)) : "";
    // The first disk is worth a row on any panel; the others only where there is room.
    Row& r = add("disk" + std::to_string(i), i == 0 ? "Disks" : "", i == 0 ? "Disk" : "", d.mount,
                 "", i == 0 ? 2 : 6, 3, th.text, Overflow::ellipsize);
    r.right = format_bytes(d.size, true) + " " + pct;
    r.short_right = pct;
  }
  return rows;
}

// Keeps the `room` most important rows (stable: equal priorities keep their order), then adds
// blank separators between groups while there is room. Returns row indices, -1 for a blank.
std::vector<int> choose_rows(const std::vector<Row>& rows, int room) {
  std::vector<int> order(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return rows[a].priority < rows[b].priority; });
  if (static_cast<int>(order.size()) > room) order.resize(static_cast<size_t>(std::max(0, room)));
  std::sort(order.begin(), order.end());
  std::vector<int> out;
  int spare = room - static_cast<int>(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && spare > 0 && rows[order[i]].group != rows[order[i - 1]].group) {
      out.push_back(-1);
      --spare;
    }
    out.push_back(order[i]);
  }
  return out;
}

void info(Page& p, const std::vector<Row>& rows, int first_row, int room, int c0, int c1) {
  const CharGrid& g = p.g;
  int long_cols = 0, short_cols = 0;
  for (const Row& r : rows) {
    long_cols = std::max(long_cols, text_columns(r.label));
    short_cols = std::max(short_cols, text_columns(r.short_label));
  }
  const bool use_long = long_cols + 1 + kMinValueColumns <= c1 - c0;
  const int label_cols = use_long ? long_cols : short_cols;
  const int vc0 = c0 + label_cols + 1;
  const int value_cols = std::max(0, c1 - vc0);
  int row = first_row;
  for (int index : choose_rows(rows, room)) {
    if (index < 0) {
      ++row;
      continue;
    }
    const Row& r = rows[static_cast<size_t>(index)];
    const std::string& label = use_long ? r.label : r.short_label;
    if (!label.empty()) {
      p.text("label." + r.name, g.cells(c0, row, label_cols), label, p.theme.muted);
    }
    int left_cols = value_cols;
    if (!r.right.empty()) {
      const std::string& right =
          value_cols - text_columns(r.right) - 1 >= kMinLeftColumns ? r.right : r.short_right;
      const int n = text_columns(right);
      p.text(r.name + ".usage", g.cells(c1 - n, row, n), right, r.colour);
      left_cols = std::max(0, value_cols - n - 1);
    }
    const bool long_fits = text_columns(r.value) <= left_cols || r.short_value.empty();
    p.text(r.name, g.cells(vc0, row, left_cols), long_fits ? r.value : r.short_value, r.colour,
           false, r.overflow);
    ++row;
  }
}

}  // namespace

draw::Scene layout_bios(const SystemSnapshot& s, const LocalTime& time, int width, int height,
                        const draw::Theme& theme, draw::Typesetter& typesetter) {
  draw::Scene scene(width, height);
  scene.add(draw::FillItem{{0, 0, width, height}, theme.background});
  const CharGrid g = pick_grid(width, height, theme, typesetter);
  Page page{scene, theme, typesetter, g};
  menu_bar(page);
  footer(page);
  const bool framed = g.rows >= kMinRows && g.cols >= kMinFramedColumns;
  if (framed) frame(page, 1, g.rows - 2);
  const int first = framed ? 2 : 1;
  const int last = framed ? g.rows - 3 : g.rows - 2;
  const int c0 = framed ? 2 : 1;
  const int c1 = framed ? g.cols - 2 : g.cols - 1;
  info(page, info_rows(s, time, theme), first, last - first + 1, c0, c1);
  return scene;
}

}  // namespace tfts::source
