#include "tfts/x11/x11_options.h"

#include <charconv>
#include <initializer_list>
#include <utility>

namespace tfts::x11 {
namespace {

// X11 coordinates and sizes are 16-bit; nothing larger can be captured.
constexpr int kMaxCoordinate = 32767;

constexpr std::string_view kKeys = "display, geometry, monitor, window, class, cursor, shm, damage";

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A decimal number from 0 to kMaxCoordinate, the whole of `digits`.
bool parse_number(std::string_view digits, int& out) {
  const char* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, out);
  return !digits.empty() && ec == std::errc() && ptr == end && out >= 0 && out <= kMaxCoordinate;
}

// "WxH" or "WxH+X+Y".
bool parse_geometry(std::string_view text, core::Rect& rect) {
  const size_t x = text.find_first_of("xX");
  if (x == std::string_view::npos) return false;
  const size_t plus = text.find('+', x);
  if (!parse_number(text.substr(0, x), rect.w)) return false;
  if (!parse_number(text.substr(x + 1, plus == std::string_view::npos ? plus : plus - x - 1),
                    rect.h)) {
    return false;
  }
  rect.x = rect.y = 0;
  if (plus != std::string_view::npos) {
    const std::string_view offsets = text.substr(plus + 1);
    const size_t second = offsets.find('+');
    if (second == std::string_view::npos || !parse_number(offsets.substr(0, second), rect.x) ||
        !parse_number(offsets.substr(second + 1), rect.y)) {
      return false;
    }
  }
  return rect.w > 0 && rect.h > 0;
}

bool parse_bool(std::string_view text, bool& out) {
  for (std::string_view yes : {"1", "on", "true", "yes"}) {
    if (text == yes) {
      out = true;
      return true;
    }
  }
  for (std::string_view no : {"0", "off", "false", "no"}) {
    if (text == no) {
      out = false;
      return true;
    }
  }
  return false;
}

// Reads one plain value up to an unescaped ';' (consumed), undoing the "\;" and "\\" escapes.
std::string read_plain(std::string_view text, size_t& pos) {
  std::string value;
  while (pos < text.size() && text[pos] != ';') {
    if (text[pos] == '\\' && pos + 1 < text.size() &&
        (text[pos + 1] == ';' || text[pos + 1] == '\\' || text[pos + 1] == '/')) {
      ++pos;
    }
    value += text[pos++];
  }
  if (pos < text.size()) ++pos;  // the ';'
  return std::string(trim(value));
}

// At `pos` a '/' opens a regex: finds its closing '/' (see the header) and the optional 'i'.
// Returns false when there is none.
bool read_regex(std::string_view text, size_t& pos, std::string& pattern, bool& ignore_case) {
  for (size_t close = text.find('/', pos + 1); close != std::string_view::npos;
       close = text.find('/', close + 1)) {
    std::string_view rest = text.substr(close + 1);
    ignore_case = !rest.empty() && rest.front() == 'i';
    if (ignore_case) rest.remove_prefix(1);
    const std::string_view tail = trim(rest.substr(0, rest.find(';')));
    if (tail.empty()) {
      pattern = std::string(text.substr(pos + 1, close - pos - 1));
      const size_t semicolon = text.find(';', close + 1);
      pos = semicolon == std::string_view::npos ? text.size() : semicolon + 1;
      return true;
    }
  }
  return false;
}

// The value of `key` at `pos`: a regex or a plain text. False with a sentence on failure.
bool read_match(std::string_view key, std::string_view text, size_t& pos, TextMatch& out,
                std::string& error) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (pos < text.size() && text[pos] == '/') {
    std::string pattern;
    bool ignore_case = false;
    if (!read_regex(text, pos, pattern, ignore_case)) {
      error = "x11: " + std::string(key) + "=" + std::string(text.substr(pos)) +
              " starts a /REGEX/ without its closing '/' (write \\/ for a text starting with /)";
      return false;
    }
    if (pattern.empty()) {
      error = "x11: " + std::string(key) + "= has an empty regex";
      return false;
    }
    std::optional<TextMatch> m = TextMatch::regex(pattern, ignore_case, error);
    if (!m) {
      error = "x11: " + std::string(key) + "=/" + pattern + "/: " + error;
      return false;
    }
    out = std::move(*m);
    return true;
  }
  std::string value = read_plain(text, pos);
  if (value.empty()) {
    error = "x11: " + std::string(key) + "= needs a text or a /REGEX/";
    return false;
  }
  out = TextMatch::substring(std::move(value));
  return true;
}

std::string escape_plain(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ';' || text[i] == '\\' || (i == 0 && text[i] == '/')) out += '\\';
    out += text[i];
  }
  return out;
}

}  // namespace

TextMatch TextMatch::substring(std::string text) {
  TextMatch m;
  m.text_ = std::move(text);
  return m;
}

std::optional<TextMatch> TextMatch::regex(std::string pattern, bool ignore_case,
                                          std::string& error) {
  auto flags = std::regex::ECMAScript | std::regex::optimize;
  if (ignore_case) flags |= std::regex::icase;
  TextMatch m;
  try {
    m.regex_ = std::make_shared<const std::regex>(pattern, flags);
  } catch (const std::regex_error& e) {
    // The standard library reports a bad regex only by throwing; it ends here.
    error = std::string("not a valid regex (") + e.what() + ")";
    return std::nullopt;
  }
  m.text_ = std::move(pattern);
  m.ignore_case_ = ignore_case;
  return m;
}

bool TextMatch::matches(std::string_view text) const {
  if (!regex_) return !text_.empty() && text.find(text_) != std::string_view::npos;
  try {
    return std::regex_search(text.begin(), text.end(), *regex_);
  } catch (const std::regex_error&) {
    return false;  // error_complexity / error_stack on a pathological title
  }
}

std::string TextMatch::describe() const {
  if (regex_) return "/" + text_ + (ignore_case_ ? "/i" : "/");
  return "'" + text_ + "'";
}

bool parse_x11_options(std::string_view argument, X11Options& out, std::string& error) {
  out = X11Options{};
  std::string seen;  // keys given so far, as ",key,"
  size_t pos = 0;
  while (pos < argument.size()) {
    while (pos < argument.size() && (is_space(argument[pos]) || argument[pos] == ';')) ++pos;
    if (pos >= argument.size()) break;
    const size_t eq = argument.find('=', pos);
    const size_t semicolon = argument.find(';', pos);
    if (eq == std::string_view::npos || (semicolon != std::string_view::npos && semicolon < eq)) {
      const std::string_view option = trim(argument.substr(pos, semicolon - pos));
      error = "x11: option '" + std::string(option) + "' is not KEY=VALUE (keys: " +
              std::string(kKeys) + ")";
      return false;
    }
    const std::string key(trim(argument.substr(pos, eq - pos)));
    pos = eq + 1;
    if (seen.find("," + key + ",") != std::string::npos) {
      error = "x11: option '" + key + "' is given twice";
      return false;
    }
    seen += "," + key + ",";

    if (key == "window" || key == "class") {
      if (!read_match(key, argument, pos, key == "window" ? out.title : out.wm_class, error)) {
        return false;
      }
      continue;
    }
    const std::string value = read_plain(argument, pos);
    if (key == "display") {
      if (value.empty()) {
        error = "x11: display= needs a display name, e.g. display=:0";
        return false;
      }
      out.display = value;
    } else if (key == "geometry") {
      core::Rect rect;
      if (!parse_geometry(value, rect)) {
        error = "x11: geometry '" + value +
                "' is not WxH or WxH+X+Y with sizes from 1 and offsets from 0 to 32767 "
                "(e.g. geometry=640x480+100+50)";
        return false;
      }
      out.geometry = rect;
    } else if (key == "monitor") {
      if (value.empty()) {
        error = "x11: monitor= needs a RandR monitor or output name, e.g. monitor=HDMI-1";
        return false;
      }
      out.monitor = value;
    } else if (key == "cursor" || key == "shm" || key == "damage") {
      bool flag = false;
      if (!parse_bool(value, flag)) {
        error = "x11: " + key + "='" + value + "' is not 0 or 1 (or on/off, true/false, yes/no)";
        return false;
      }
      (key == "cursor" ? out.cursor : key == "shm" ? out.shm : out.damage) = flag;
    } else {
      error = "x11: unknown option '" + key + "' (keys: " + std::string(kKeys) + ")";
      return false;
    }
  }
  if (!out.monitor.empty() && out.wants_window()) {
    error = "x11: monitor= cannot be combined with window= or class=";
    return false;
  }
  return true;
}

std::string format_x11_options(const X11Options& o) {
  std::string text;
  const auto add = [&text](const std::string& option) {
    if (!text.empty()) text += ';';
    text += option;
  };
  if (!o.display.empty()) add("display=" + o.display);
  if (!o.monitor.empty()) add("monitor=" + o.monitor);
  const auto match = [](const TextMatch& m) {
    const std::string d = m.describe();
    return d.front() == '/' ? d : escape_plain(d.substr(1, d.size() - 2));
  };
  if (!o.title.empty()) add("window=" + match(o.title));
  if (!o.wm_class.empty()) add("class=" + match(o.wm_class));
  if (o.geometry) {
    const core::Rect& g = *o.geometry;
    add("geometry=" + std::to_string(g.w) + "x" + std::to_string(g.h) + "+" +
        std::to_string(g.x) + "+" + std::to_string(g.y));
  }
  if (!o.cursor) add("cursor=0");
  if (!o.shm) add("shm=0");
  if (!o.damage) add("damage=0");
  return text;
}

}  // namespace tfts::x11
