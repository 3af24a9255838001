#include <charconv>
#include <cstdio>

#include "value.h"

namespace tfts::config {
namespace {

// TOML needs a '.' or an exponent to read a number back as a float (30.0, not 30).
std::string format_float(double v) {
  std::string text = format_number(v);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // 'n': inf, nan
  return text;
}

template <class Range, class Format>
std::string format_array(const Range& items, Format format) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ", ";
    out += format(item);
  }
  return out + "]";
}

}  // namespace

std::string format_number(double v) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, result.ptr);
}

std::string quote_toml(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        // Other control characters are not allowed raw in a TOML basic string.
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(c));
          out += esc;
        } else {
          out += c;
        }
    }
  }
  return out + '"';
}

std::string format_toml(const Value& value) {
  struct Formatter {
    std::string operator()(const std::string& s) const { return quote_toml(s); }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return format_float(d); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::vector<std::string>& list) const {
      return format_array(list, quote_toml);
    }
    std::string operator()(const std::optional<CropRect>& crop) const {
      if (!crop) return "";
      const std::array<int, 4> xywh{crop->x, crop->y, crop->w, crop->h};
      return format_array(xywh, [](int i) { return std::to_string(i); });
    }
    std::string operator()(const std::array<double, 3>& rgb) const {
      return format_array(rgb, format_float);
    }
  };
  return std::visit(Formatter{}, value);
}

}  // namespace tfts::config
