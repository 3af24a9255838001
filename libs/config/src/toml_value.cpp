#include "toml_value.h"

#include <limits>

namespace tfts::config {
namespace {

// Long strings are cut in messages; the location already points at the whole value.
constexpr size_t kMaxQuotedInMessage = 40;

std::string wrong_type(const SchemaEntry& entry, const toml::node& node) {
  return "expected " + std::string(expected_form(entry.kind, true)) + ", got " +
         describe_node(node);
}

std::optional<double> as_number(const toml::node& node) {
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  return std::nullopt;
}

Conversion list_from_toml(const SchemaEntry& entry, const toml::node& node) {
  const toml::array* array = node.as_array();
  if (!array) return {std::nullopt, {wrong_type(entry, node)}};
  Conversion c;
  std::vector<std::string> items;
  for (size_t i = 0; i < array->size(); ++i) {
    if (const auto* s = (*array)[i].as_string()) {
      items.push_back(s->get());
    } else {
      c.errors.push_back("item " + std::to_string(i + 1) + ": expected a string, got " +
                         describe_node((*array)[i]));
    }
  }
  if (c.errors.empty()) c.value = Value{std::move(items)};
  return c;
}

Conversion crop_from_toml(const SchemaEntry& entry, const toml::node& node) {
  const toml::array* array = node.as_array();
  if (!array || array->size() != 4) return {std::nullopt, {wrong_type(entry, node)}};
  std::array<int, 4> xywh{};
  for (size_t i = 0; i < xywh.size(); ++i) {
    const auto* v = (*array)[i].as_integer();
    if (!v) return {std::nullopt, {wrong_type(entry, node)}};
    if (v->get() < std::numeric_limits<int>::min() || v->get() > std::numeric_limits<int>::max()) {
      return {
          std::nullopt,
          {"item " + std::to_string(i + 1) + ": " + std::to_string(v->get()) + " is out of range"}};
    }
    xywh[i] = static_cast<int>(v->get());
  }
  return {Value{std::optional<CropRect>{CropRect{xywh[0], xywh[1], xywh[2], xywh[3]}}}, {}};
}

Conversion rgb_from_toml(const SchemaEntry& entry, const toml::node& node) {
  const toml::array* array = node.as_array();
  if (!array || array->size() != 3) return {std::nullopt, {wrong_type(entry, node)}};
  std::array<double, 3> rgb{};
  for (size_t i = 0; i < rgb.size(); ++i) {
    const auto v = as_number((*array)[i]);
    if (!v) return {std::nullopt, {wrong_type(entry, node)}};
    rgb[i] = *v;
  }
  return {Value{rgb}, {}};
}

}  // namespace

std::string describe_node(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: {
      std::string_view s = node.as_string()->get();
      if (s.size() <= kMaxQuotedInMessage) return "string " + quote_toml(s);
      return "string " + quote_toml(s.substr(0, kMaxQuotedInMessage)) + "...";
    }
    case toml::node_type::integer:
      return "integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      return "float " + format_number(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "boolean true" : "boolean false";
    case toml::node_type::array:
      return "an array of " + std::to_string(node.as_array()->size()) + " item(s)";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

Conversion value_from_toml(const SchemaEntry& entry, const toml::node& node) {
  switch (entry.kind) {
    case Kind::string:
    case Kind::color:  // the "#RRGGBB" form is check_value()'s, as for overrides
      if (const auto* s = node.as_string()) return {Value{s->get()}, {}};
      break;
    case Kind::integer:
      if (const auto* i = node.as_integer()) return {Value{i->get()}, {}};
      break;
    case Kind::real:
      if (const auto v = as_number(node)) return {Value{*v}, {}};
      break;
    case Kind::boolean:
      if (const auto* b = node.as_boolean()) return {Value{b->get()}, {}};
      break;
    case Kind::string_list:
      return list_from_toml(entry, node);
    case Kind::crop:
      return crop_from_toml(entry, node);
    case Kind::rgb:
      return rgb_from_toml(entry, node);
  }
  return {std::nullopt, {wrong_type(entry, node)}};
}

}  // namespace tfts::config
