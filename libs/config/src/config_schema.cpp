#include "tfts/config/config_schema.h"

#include <algorithm>
#include <array>

#include "key_path.h"

namespace tfts::config {
namespace {

// Deduces which struct a member belongs to, so table rows stay one short expression.
template <class Section, class T>
constexpr Field field(T Section::*member) {
  return FieldOf<Section>{member};
}

constexpr std::array<std::string_view, 5> kLogLevels{"trace", "debug", "info", "warn", "error"};
constexpr std::array<std::string_view, 4> kRotations{"0", "90", "180", "270"};
constexpr Range kPort{0, 65535};
// The renderers (libs/source) define what each built-in theme looks like; here only the names.
constexpr std::array<std::string_view, 3> kBuiltinThemes{"dark", "light", "bios"};
constexpr Range kThemePixels{0, 64};
constexpr std::string_view kTextRenderingNames[] = {"", "smooth", "crisp"};
constexpr std::span<const std::string_view> kTextRenderings{kTextRenderingNames};

// One row per key; kept in rows rather than clang-format's one-argument-per-line layout.
// clang-format off
constexpr std::array kSchema{
    // [server]
    SchemaEntry{"server.bind", Kind::string, "0.0.0.0", {}, {},
                "Address the display listener binds to (0.0.0.0 = every interface).",
                field(&ServerConfig::bind)},
    SchemaEntry{"server.port", Kind::integer, "8888", kPort, {},
                "TCP port of the display listener (TFTS protocol); 0 = any free port.",
                field(&ServerConfig::port)},
    SchemaEntry{"server.http_bind", Kind::string, "127.0.0.1", {}, {},
                "Address of the HTTP listener (metrics, web UI); 127.0.0.1 keeps it on this "
                "machine.",
                field(&ServerConfig::http_bind)},
    SchemaEntry{"server.http_port", Kind::integer, "8080", kPort, {},
                "TCP port of the HTTP listener; 0 = any free port.",
                field(&ServerConfig::http_port)},
    SchemaEntry{"server.http_token", Kind::string, "", {}, {},
                "Secret every HTTP request must carry (Authorization: Bearer, a cookie or "
                "?token=), /healthz excepted; required when http_bind is not a loopback address. "
                "Empty = no token.",
                field(&ServerConfig::http_token)},
    SchemaEntry{"server.max_in_flight", Kind::integer, "2", Range{1, 16}, {},
                "Frames sent to a display before it must acknowledge one: more hides network "
                "latency, fewer keeps the picture fresher.",
                field(&ServerConfig::max_in_flight)},
    SchemaEntry{"server.keepalive_ms", Kind::integer, "2000", Range{100, 60000}, {},
                "Milliseconds of silence before a KEEPALIVE is sent; a display silent for three "
                "intervals is disconnected.",
                field(&ServerConfig::keepalive_ms)},
    SchemaEntry{"server.max_displays", Kind::integer, "64", Range{1, 1024}, {},
                "Most displays connected at once; further connections are refused.",
                field(&ServerConfig::max_displays)},
    SchemaEntry{"server.max_viewers", Kind::integer, "16", Range{0, 256}, {},
                "Most viewers (web pages watching a display or screen) connected at once; they "
                "do not count as displays.",
                field(&ServerConfig::max_viewers)},
    SchemaEntry{"server.default_screen", Kind::string, "main", {}, {},
                "Screen shown on displays that no screen lists; must name a screen. Without any "
                "[screens.NAME] table a screen of this name is created with default settings.",
                field(&ServerConfig::default_screen)},
    SchemaEntry{"server.log_level", Kind::string, "info", {}, kLogLevels,
                "Least severe log messages shown.", field(&ServerConfig::log_level)},

    // [screens.NAME]
    SchemaEntry{"screens.*.source", Kind::string, "test", {}, {},
                "Where the picture comes from: \"test\" (a test card), \"images:DIR\" (the "
                "pictures in DIR, in name order).",
                field(&ScreenConfig::source)},
    SchemaEntry{"screens.*.fps", Kind::real, "30", Range{0.1, 240}, {},
                "How often the source is sampled, in frames per second.",
                field(&ScreenConfig::fps)},
    SchemaEntry{"screens.*.loop", Kind::boolean, "true", {}, {},
                "For picture sources: start again after the last picture.",
                field(&ScreenConfig::loop)},
    SchemaEntry{"screens.*.theme", Kind::string, "", {}, {},
                "Look of rendered sources (CPU monitor, BIOS screen): \"dark\", \"light\", "
                "\"bios\" or the NAME of a [themes.NAME] table; empty = the source's own default.",
                field(&ScreenConfig::theme)},
    SchemaEntry{"screens.*.interval", Kind::real, "0", Range{0, 3600}, {},
                "Seconds between new values for rendered sources (CPU monitor, BIOS screen, "
                "dashboards); 0 = the source's own default (CPU 1 s, BIOS 5 s); the picture "
                "itself is still sampled at fps.",
                field(&ScreenConfig::interval)},
    SchemaEntry{"screens.*.history", Kind::integer, "120", Range{2, 3600}, {},
                "Samples the graphs of rendered sources keep; a graph spans history x interval "
                "seconds.",
                field(&ScreenConfig::history)},
    SchemaEntry{"screens.*.crop", Kind::crop, "", {}, {},
                "Part of the source picture shown, [x, y, w, h] in source pixels; absent = the "
                "whole picture.",
                field(&ScreenConfig::crop)},
    SchemaEntry{"screens.*.rotation", Kind::integer, "0", {}, kRotations,
                "Clockwise rotation in degrees.", field(&ScreenConfig::rotation)},
    SchemaEntry{"screens.*.gamma", Kind::real, "1", Range{0.1, 5}, {},
                "Gamma correction, output = input^(1/gamma); 1 leaves the picture unchanged.",
                field(&ScreenConfig::gamma)},
    SchemaEntry{"screens.*.white_balance", Kind::rgb, "1,1,1", Range{0, 4}, {},
                "Gains for red, green and blue, [r, g, b]; 1 leaves a channel unchanged.",
                field(&ScreenConfig::white_balance)},
    SchemaEntry{"screens.*.dither", Kind::boolean, "false", {}, {},
                "4x4 ordered dither before reducing to RGB565 (smoother gradients, more bytes).",
                field(&ScreenConfig::dither)},
    SchemaEntry{"screens.*.max_error", Kind::integer, "0", Range{0, 64}, {},
                "Per-channel error (8-bit units) allowed while the picture moves, refined when "
                "it stops; 0 = always exact.",
                field(&ScreenConfig::max_error)},
    SchemaEntry{"screens.*.displays", Kind::string_list, "", Range{1, 32}, {},
                "Names of the displays (as sent in HELLO) that show this screen; a display may "
                "be listed by one screen only.",
                field(&ScreenConfig::displays)},

    // [themes.NAME]
    SchemaEntry{"themes.*.base", Kind::string, "dark", {}, kBuiltinThemes,
                "Built-in theme this one starts from; every key left empty or 0 keeps its value.",
                field(&ThemeConfig::base)},
    SchemaEntry{"themes.*.background", Kind::color, "", {}, {},
                "Colour behind everything, \"#RRGGBB\"; empty = as in the base.",
                field(&ThemeConfig::background)},
    SchemaEntry{"themes.*.panel", Kind::color, "", {}, {},
                "Fill of panels and cards; empty = as in the base.", field(&ThemeConfig::panel)},
    SchemaEntry{"themes.*.text", Kind::color, "", {}, {},
                "Main text colour; empty = as in the base.", field(&ThemeConfig::text)},
    SchemaEntry{"themes.*.muted", Kind::color, "", {}, {},
                "Secondary text: labels, units, axis numbers; empty = as in the base.",
                field(&ThemeConfig::muted)},
    SchemaEntry{"themes.*.accent", Kind::color, "", {}, {},
                "Highlights: titles, graph lines; empty = as in the base.",
                field(&ThemeConfig::accent)},
    SchemaEntry{"themes.*.good", Kind::color, "", {}, {},
                "Values in their normal range; empty = as in the base.", field(&ThemeConfig::good)},
    SchemaEntry{"themes.*.warn", Kind::color, "", {}, {},
                "Values near a limit; empty = as in the base.", field(&ThemeConfig::warn)},
    SchemaEntry{"themes.*.bad", Kind::color, "", {}, {},
                "Values past a limit, errors; empty = as in the base.", field(&ThemeConfig::bad)},
    SchemaEntry{"themes.*.grid", Kind::color, "", {}, {},
                "Graph grid lines and dividers; empty = as in the base.",
                field(&ThemeConfig::grid)},
    SchemaEntry{"themes.*.font", Kind::string, "", {}, {},
                "Font family of text; empty = as in the base.", field(&ThemeConfig::font)},
    SchemaEntry{"themes.*.mono_font", Kind::string, "", {}, {},
                "Fixed-width font family of numbers and tables; empty = as in the base.",
                field(&ThemeConfig::mono_font)},
    SchemaEntry{"themes.*.title_size", Kind::integer, "0", kThemePixels, {},
                "Size of titles in pixels; 0 = as in the base.", field(&ThemeConfig::title_size)},
    SchemaEntry{"themes.*.body_size", Kind::integer, "0", kThemePixels, {},
                "Size of values and body text in pixels; 0 = as in the base.",
                field(&ThemeConfig::body_size)},
    SchemaEntry{"themes.*.small_size", Kind::integer, "0", kThemePixels, {},
                "Size of labels and units in pixels; 0 = as in the base.",
                field(&ThemeConfig::small_size)},
    SchemaEntry{"themes.*.mono_size", Kind::integer, "0", kThemePixels, {},
                "Size of fixed-width text (clocks, tables) in pixels; 0 = as in the base.",
                field(&ThemeConfig::mono_size)},
    SchemaEntry{"themes.*.padding", Kind::integer, "0", Range{0, 32}, {},
                "Space inside panels in pixels; 0 = as in the base.",
                field(&ThemeConfig::padding)},
    SchemaEntry{"themes.*.gap", Kind::integer, "0", Range{0, 32}, {},
                "Space between panels in pixels; 0 = as in the base.", field(&ThemeConfig::gap)},
    SchemaEntry{"themes.*.radius", Kind::integer, "0", Range{0, 32}, {},
                "Corner radius of panels in pixels; 0 = as in the base.",
                field(&ThemeConfig::radius)},
    SchemaEntry{"themes.*.line_width", Kind::real, "0", Range{0, 8}, {},
                "Width of graph lines in pixels; 0 = as in the base.",
                field(&ThemeConfig::line_width)},
    SchemaEntry{"themes.*.text_rendering", Kind::string, "", {}, kTextRenderings,
                "\"smooth\" (anti-aliased) or \"crisp\" (no anti-aliasing, for bitmap fonts "
                "such as Terminus); empty = as in the base.",
                field(&ThemeConfig::text_rendering)},

    // [legacy]
    SchemaEntry{"legacy.enabled", Kind::boolean, "false", {}, {},
                "Serve displays running the seed firmware (docs/protocol.md section 8) on a "
                "listener of their own.",
                field(&LegacyConfig::enabled)},
    SchemaEntry{"legacy.bind", Kind::string, "0.0.0.0", {}, {},
                "Address the legacy listener binds to.", field(&LegacyConfig::bind)},
    SchemaEntry{"legacy.port", Kind::integer, "8889", kPort, {},
                "TCP port of the legacy listener; 0 = any free port.",
                field(&LegacyConfig::port)},
    SchemaEntry{"legacy.width", Kind::integer, "320", Range{1, 4096}, {},
                "Width of the legacy displays in pixels (the old protocol does not say).",
                field(&LegacyConfig::width)},
    SchemaEntry{"legacy.height", Kind::integer, "240", Range{1, 4096}, {},
                "Height of the legacy displays in pixels.", field(&LegacyConfig::height)},
    SchemaEntry{"legacy.max_packet", Kind::integer, "8192", Range{64, 1048576}, {},
                "Most data bytes per packet (the seed firmware buffers 10 KiB).",
                field(&LegacyConfig::max_packet)},
    SchemaEntry{"legacy.screen", Kind::string, "", {}, {},
                "Screen shown on legacy displays; empty = server.default_screen.",
                field(&LegacyConfig::screen)},
};
// clang-format on

// The table's own invariants, checked by the compiler rather than by a test that might not run.
constexpr bool kinds_match_fields() {
  return std::all_of(kSchema.begin(), kSchema.end(), [](const SchemaEntry& e) {
    return std::visit([&](const auto& member) { return member.index() == storage_index(e.kind); },
                      e.field);
  });
}
static_assert(kinds_match_fields(), "an entry's Kind disagrees with the type of its field");

constexpr bool wildcards_match_sections() {
  return std::all_of(kSchema.begin(), kSchema.end(), [](const SchemaEntry& e) {
    const size_t star = e.key.find('*');
    if (star == std::string_view::npos) return !is_wildcard(e.section());
    // One "*" only: the reader, the writer and the messages substitute a single name.
    return is_wildcard(e.section()) && e.key.find('*', star + 1) == std::string_view::npos;
  });
}
static_assert(wildcards_match_sections(), "wildcard sections, and only they, hold \"*\" (once)");

// Keys that agree up to their "*" belong to one section, so a table of instances ("themes")
// tells the reader and the writer which struct its entries are.
constexpr bool wildcard_tables_unique() {
  const auto table = [](std::string_view key) { return key.substr(0, key.find('*')); };
  for (const SchemaEntry& a : kSchema) {
    for (const SchemaEntry& b : kSchema) {
      if (is_wildcard(a.section()) && is_wildcard(b.section()) && table(a.key) == table(b.key) &&
          a.section() != b.section()) {
        return false;
      }
    }
  }
  return true;
}
static_assert(wildcard_tables_unique(), "two wildcard sections share a table");

constexpr bool keys_unique() {
  for (size_t i = 0; i < kSchema.size(); ++i) {
    for (size_t j = i + 1; j < kSchema.size(); ++j) {
      if (kSchema[i].key == kSchema[j].key || kSchema[i].field == kSchema[j].field) return false;
    }
  }
  return true;
}
static_assert(keys_unique(), "two entries share a key or a field");

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::string:
      return "string";
    case Kind::integer:
      return "integer";
    case Kind::real:
      return "float";
    case Kind::boolean:
      return "boolean";
    case Kind::string_list:
      return "string list";
    case Kind::crop:
      return "crop";
    case Kind::rgb:
      return "rgb";
    case Kind::color:
      return "colour";
  }
  return "?";
}

std::span<const SchemaEntry> schema() { return kSchema; }

const SchemaEntry* find_entry(std::string_view key) { return find_entry(split_key(key)); }

const SchemaEntry* entry_for(const Field& f) {
  for (const SchemaEntry& entry : kSchema) {
    if (entry.field == f) return &entry;
  }
  return nullptr;
}

bool is_valid_instance_name(std::string_view name) { return is_bare_key(name); }

std::span<const std::string_view> builtin_themes() { return kBuiltinThemes; }

}  // namespace tfts::config
