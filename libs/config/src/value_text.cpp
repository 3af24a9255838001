// Override text ("key=value" right-hand sides and the schema's default_text) to values.
#include <algorithm>
#include <charconv>

#include "value.h"

namespace tfts::config {
namespace {

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_commas(std::string_view text) {
  std::vector<std::string_view> out;
  if (trim(text).empty()) return out;
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    out.push_back(trim(text.substr(start, comma - start)));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

// Whole text or nothing: "12abc" is not 12.
template <class T>
std::optional<T> parse_number(std::string_view text) {
  T v{};
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc{} || ptr != end || text.empty()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
  if (lower == "true" || lower == "yes" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "0") return false;
  return std::nullopt;
}

std::string got(std::string_view expected, std::string_view text) {
  return "expected " + std::string(expected) + ", got " + quote_toml(text);
}

Conversion crop_from_text(std::string_view text) {
  if (trim(text).empty()) return {Value{std::optional<CropRect>{}}, {}};
  const auto parts = split_commas(text);
  std::array<int, 4> xywh{};
  bool ok = parts.size() == xywh.size();
  for (size_t i = 0; ok && i < xywh.size(); ++i) {
    const auto v = parse_number<int>(parts[i]);
    ok = v.has_value();
    if (ok) xywh[i] = *v;
  }
  if (!ok) return {std::nullopt, {got(expected_form(Kind::crop, false), text)}};
  return {Value{std::optional<CropRect>{CropRect{xywh[0], xywh[1], xywh[2], xywh[3]}}}, {}};
}

Conversion rgb_from_text(std::string_view text) {
  const auto parts = split_commas(text);
  std::array<double, 3> rgb{};
  bool ok = parts.size() == rgb.size();
  for (size_t i = 0; ok && i < rgb.size(); ++i) {
    const auto v = parse_number<double>(parts[i]);
    ok = v.has_value();
    if (ok) rgb[i] = *v;
  }
  if (!ok) return {std::nullopt, {got(expected_form(Kind::rgb, false), text)}};
  return {Value{rgb}, {}};
}

}  // namespace

std::string_view expected_form(Kind kind, bool from_toml) {
  switch (kind) {
    case Kind::string:
      return "a string";
    case Kind::integer:
      return "an integer";
    case Kind::real:
      return "a number";
    case Kind::boolean:
      return from_toml ? "true or false" : "true/false, yes/no or 1/0";
    case Kind::string_list:
      return from_toml ? "an array of strings" : "comma-separated names";
    case Kind::crop:
      return from_toml ? "an array of 4 integers [x, y, w, h]" : "4 integers x,y,w,h";
    case Kind::rgb:
      return from_toml ? "an array of 3 numbers [r, g, b]" : "3 numbers r,g,b";
    case Kind::color:
      return from_toml ? "a string \"#RRGGBB\"" : "#RRGGBB";
  }
  return "?";
}

Conversion value_from_text(const SchemaEntry& entry, std::string_view raw) {
  const std::string_view text = trim(raw);
  const std::string_view expected = expected_form(entry.kind, false);
  switch (entry.kind) {
    case Kind::string:
    case Kind::color:  // the "#RRGGBB" form is check_value()'s, as for TOML
      return {Value{std::string(text)}, {}};
    case Kind::integer:
      if (const auto v = parse_number<std::int64_t>(text)) return {Value{*v}, {}};
      return {std::nullopt, {got(expected, text)}};
    case Kind::real:
      if (const auto v = parse_number<double>(text)) return {Value{*v}, {}};
      return {std::nullopt, {got(expected, text)}};
    case Kind::boolean:
      if (const auto v = parse_bool(text)) return {Value{*v}, {}};
      return {std::nullopt, {got(expected, text)}};
    case Kind::string_list: {
      std::vector<std::string> items;
      for (std::string_view item : split_commas(text)) items.emplace_back(item);
      return {Value{std::move(items)}, {}};
    }
    case Kind::crop:
      return crop_from_text(text);
    case Kind::rgb:
      return rgb_from_text(text);
  }
  return {std::nullopt, {"unsupported kind"}};
}

}  // namespace tfts::config
