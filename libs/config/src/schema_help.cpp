// schema_help(): the key table for `tftstream serve --help-config`, generated from the schema
// so it cannot drift from what the loader accepts.
#include <algorithm>
#include <array>

#include "tfts/config/config_loader.h"
#include "tfts/config/config_schema.h"
#include "value.h"

namespace tfts::config {
namespace {

// Help text is wrapped to a classic terminal width (the table rows may run longer).
constexpr size_t kHelpWidth = 80;

std::string default_column(const SchemaEntry& entry) {
  const Conversion c = value_from_text(entry, entry.default_text);
  if (!c.value) return std::string(entry.default_text);
  const std::string text = format_toml(*c.value);
  return text.empty() ? "(none)" : text;
}

std::string range_column(const SchemaEntry& entry) {
  if (!entry.allowed.empty()) {
    std::string out;
    for (std::string_view v : entry.allowed) {
      if (!out.empty()) out += '|';
      out += v;
    }
    return out;
  }
  if (entry.kind == Kind::crop) return "x,y >= 0; w,h >= 1";
  if (entry.kind == Kind::color) return "#RRGGBB or empty";
  if (!entry.range) return "";
  const std::string span = format_number(entry.range->min) + ".." + format_number(entry.range->max);
  if (entry.kind == Kind::string_list) return "each " + span + " bytes";
  if (entry.kind == Kind::rgb) return "each " + span;
  return span;
}

// Help text wrapped at word boundaries to fit a terminal, each line indented.
std::string wrap(std::string_view text, std::string_view indent) {
  std::string out;
  std::string line(indent);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line.size() > indent.size() && line.size() + 1 + word.size() > kHelpWidth) {
      out += line + '\n';
      line = indent;
    }
    if (line.size() > indent.size()) line += ' ';
    line += word;
    start = end + 1;
  }
  return out + line + '\n';
}

std::string pad(std::string text, size_t width) {
  text.resize(std::max(text.size(), width), ' ');
  return text;
}

}  // namespace

std::string schema_help() {
  using Row = std::array<std::string, 4>;
  std::vector<Row> rows;
  rows.push_back({"KEY", "TYPE", "DEFAULT", "RANGE"});
  for (const SchemaEntry& entry : schema()) {
    rows.push_back({std::string(entry.key), std::string(kind_name(entry.kind)),
                    default_column(entry), range_column(entry)});
  }
  std::array<size_t, 4> width{};
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }

  std::string out =
      "Configuration keys. In the TOML file, \"a.b\" is key b of table [a], and \"*\" is the\n"
      "name of a screen or a theme (letters, digits, \"_\" and \"-\"). Any key can be overridden\n"
      "on the command line as key=value; lists, crop and white balance are then written\n"
      "comma-separated.\n\n";
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    std::string line =
        pad(row[0], width[0] + 2) + pad(row[1], width[1] + 2) + pad(row[2], width[2] + 2) + row[3];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
    if (r > 0) out += wrap(schema()[r - 1].help, "    ");
  }
  return out;
}

}  // namespace tfts::config
