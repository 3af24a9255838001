#include "tfts/source/source_factory.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include "tfts/source/bios_source.h"
#include "tfts/source/cpu_source.h"
#include "tfts/source/device_source.h"
#include "tfts/source/images_source.h"
#include "tfts/source/prometheus_source.h"
#include "tfts/source/test_card_source.h"
#include "tfts/x11/x11_source.h"

namespace tfts::source {
namespace {

// Builds one kind of source. `arg` is the text after "KIND:", or empty when the spec has no ':'.
using MakeFn = std::unique_ptr<FrameSource> (*)(std::optional<std::string_view> arg,
                                                const SourceSpec& spec, std::string& error);

struct SourceKind {
  std::string_view name;         // the spec's prefix, before ':'
  std::string_view syntax;       // as the user writes it
  std::string_view description;  // one line for --help
  MakeFn make;
};

// Parses "WxH" (or "WXH") with both in the test card's range.
bool parse_size(std::string_view text, int& width, int& height) {
  const size_t x = text.find_first_of("xX");
  if (x == std::string_view::npos) return false;
  const auto number = [](std::string_view digits, int& out) {
    const char* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, out);
    return !digits.empty() && ec == std::errc() && ptr == end && out >= TestCardOptions::kMinSize &&
           out <= TestCardOptions::kMaxSize;
  };
  return number(text.substr(0, x), width) && number(text.substr(x + 1), height);
}

std::unique_ptr<FrameSource> make_test_card(std::optional<std::string_view> arg,
                                            const SourceSpec& spec, std::string& error) {
  TestCardOptions options;
  options.fps = spec.fps;
  if (arg && !parse_size(*arg, options.width, options.height)) {
    error = "test: size '" + std::string(*arg) + "' is not WxH with both from " +
            std::to_string(TestCardOptions::kMinSize) + " to " +
            std::to_string(TestCardOptions::kMaxSize) + " (e.g. test:320x240)";
    return nullptr;
  }
  return std::make_unique<TestCardSource>(std::move(options));
}

std::unique_ptr<FrameSource> make_images(std::optional<std::string_view> arg,
                                         const SourceSpec& spec, std::string& error) {
  if (!arg || arg->empty()) {
    error = "images: needs a directory (images:DIR)";
    return nullptr;
  }
  return ImagesSource::open(std::string(*arg), {spec.fps, spec.loop}, error);
}

// bios[:WxH] and cpu[:WxH]: the rendered system screens, at the given size (default 320x240,
// their panel resolution; other display sizes are resized from it).
template <auto MakeScreen>
std::unique_ptr<FrameSource> make_system_screen(std::optional<std::string_view> arg,
                                                const SourceSpec& spec, std::string& error) {
  SystemScreenOptions options;
  if (arg && !parse_size(*arg, options.width, options.height)) {
    error = "size '" + std::string(*arg) + "' is not WxH (e.g. 320x240)";
    return nullptr;
  }
  options.theme = spec.theme;
  options.interval_s = spec.interval_s;
  options.history = spec.history;
  return MakeScreen(options, error);
}

std::unique_ptr<FrameSource> make_x11(std::optional<std::string_view> arg, const SourceSpec&,
                                      std::string& error) {
  return x11::make_x11_source(arg.value_or(""), error);
}

// device:NAME: a device mirroring its screen to this server.
std::unique_ptr<FrameSource> make_device(std::optional<std::string_view> arg,
                                         const SourceSpec& spec, std::string& error) {
  if (!arg || arg->empty()) {
    error = "source 'device' needs the device's name: device:NAME";
    return nullptr;
  }
  if (!spec.devices) {
    error = "source 'device:" + std::string(*arg) + "' exists only inside a running server";
    return nullptr;
  }
  return std::make_unique<DeviceSource>(*spec.devices, std::string(*arg));
}

// prometheus[:FILE][@WxH]: a dashboard file, the [screens.NAME.prometheus] table of the config
// (no FILE), or with neither the built-in node-exporter dashboard on 127.0.0.1:9090.
std::unique_ptr<FrameSource> make_prometheus(std::optional<std::string_view> arg,
                                             const SourceSpec& spec, std::string& error) {
  PrometheusSourceOptions options;
  std::string_view file = arg.value_or("");
  const size_t at = file.rfind('@');
  if (at != std::string_view::npos) {
    if (!parse_size(file.substr(at + 1), options.width, options.height)) {
      error = "prometheus: size '" + std::string(file.substr(at + 1)) +
              "' is not WxH (e.g. prometheus:dash.toml@480x320)";
      return nullptr;
    }
    file = file.substr(0, at);
  }
  std::vector<prom::SpecError> problems;
  bool ok = true;
  if (!file.empty()) {
    options.origin = std::string(file);
    ok = prom::load_dashboard(options.origin, options.dashboard, problems);
  } else if (!spec.dashboard_toml.empty()) {
    options.origin = "the screen's [prometheus] table";
    ok = prom::parse_dashboard(spec.dashboard_toml, options.origin, options.dashboard, problems);
  } else {
    options.origin = "built-in node-exporter dashboard";
    options.dashboard = prom::node_exporter_dashboard("http://127.0.0.1:9090");
  }
  if (!ok) {
    // As the docs show them: "node.toml:12: panel[1].kind: must be one of ...".
    error = "prometheus: the dashboard has errors:";
    for (const prom::SpecError& p : problems) {
      error += "\n  ";
      error += options.origin;
      // Lines are the file's; a config table was re-formatted, so its key paths say where.
      if (p.line > 0 && !file.empty()) {
        error += ':';
        error += std::to_string(p.line);
      }
      error += ": ";
      error += p.where;
      error += ": ";
      error += p.what;
    }
    return nullptr;
  }
  if (spec.interval_s > 0) options.dashboard.interval_s = spec.interval_s;
  options.theme = spec.theme.value_or(*draw::builtin_theme("dark"));
  options.one_shot = spec.one_shot;
  options.at_unix = spec.at_unix;
  return std::make_unique<PrometheusSource>(std::move(options));
}

// The known kinds, in the order --help lists them. A new kind is one row here.
constexpr SourceKind kKinds[] = {
    {"test", "test[:WxH]", "animated test card, default 640x480", make_test_card},
    {"images", "images:DIR", "the *.png files of DIR in name order, at fps, looping or once",
     make_images},
    {"x11", x11::kX11Syntax, x11::kX11Description, make_x11},
    {"bios", "bios[:WxH]", "a BIOS/POST screen with this machine's values, default 320x240",
     make_system_screen<make_bios_source>},
    {"cpu", "cpu[:WxH]", "CPU monitor: per-core load with history, frequency, temperature, memory",
     make_system_screen<make_cpu_source>},
    {"prometheus", "prometheus[:FILE][@WxH]",
     "a dashboard of Prometheus queries (docs/prometheus.md); no FILE: the node-exporter one",
     make_prometheus},
    {"device", "device:NAME",
     "the screen of a device mirroring itself to this server (an LVGL device, source role)",
     make_device},
};

std::string known_kinds() {
  std::string list;
  for (const SourceKind& kind : kKinds) {
    if (!list.empty()) list += ", ";
    list += kind.syntax;
  }
  return list;
}

}  // namespace

std::unique_ptr<FrameSource> make_source(const SourceSpec& spec, std::string& error) {
  if (!std::isfinite(spec.fps) || spec.fps <= 0) {
    error = "source '" + spec.spec + "': fps must be a positive number";
    return nullptr;
  }
  const std::string_view text = spec.spec;
  const size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  std::optional<std::string_view> arg;
  if (colon != std::string_view::npos) arg = text.substr(colon + 1);

  for (const SourceKind& kind : kKinds) {
    if (kind.name == name) return kind.make(arg, spec, error);
  }
  error =
      text.empty() ? std::string("no source given") : "unknown source '" + std::string(name) + "'";
  error += "; known sources: " + known_kinds();
  return nullptr;
}

std::vector<SourceKindInfo> source_kinds() {
  std::vector<SourceKindInfo> kinds;
  for (const SourceKind& kind : kKinds) kinds.push_back({kind.name, kind.syntax, kind.description});
  return kinds;
}

std::vector<std::string> source_usages() {
  std::vector<std::string> usages;
  for (const SourceKind& kind : kKinds) {
    std::string line(kind.syntax);
    // Aligned in a column: the help output lists them one under another.
    line.resize(std::max<size_t>(line.size() + 2, 14), ' ');
    usages.push_back(line + std::string(kind.description));
  }
  return usages;
}

}  // namespace tfts::source
