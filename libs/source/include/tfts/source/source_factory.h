// make_source: builds a FrameSource from a one-line spec ("test:320x240", "images:/data/clip"),
// as written in the config file or on the command line. The known kinds are one table in
// source_factory.cpp; a new kind (prometheus, device) is one row there.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/draw/theme.h"
#include "tfts/source/device_registry.h"
#include "tfts/source/frame_source.h"

namespace tfts::source {

struct SourceSpec {
  std::string spec;  // "KIND" or "KIND:ARGUMENT"; the argument is everything after the first ':'
  double fps = 30;   // the source's own rate (PNG playback, test card frame numbers); > 0
  bool loop = true;  // sequences: start again at the end, or stop there (`finished`)
  // Rendered screens (bios, cpu, later dashboards):
  std::optional<draw::Theme> theme;  // none: the screen's own theme
  double interval_s = 0;             // seconds between samples; 0: the screen's default
  int history = 120;                 // samples kept for graphs
  // Dashboards: the dashboard itself as TOML text, from a [screens.NAME.prometheus] table,
  // when the spec names no file ("prometheus").
  std::string dashboard_toml;
  // device:NAME reads the pictures of mirrored devices from here: the server's registry,
  // which must outlive the source. Null (render, bench): device sources cannot be built.
  const DeviceRegistry* devices = nullptr;
  // One-shot use (`tftstream render`): fetch synchronously on the first grab, evaluated at
  // Unix time `at_unix` (0: now), instead of polling on a thread.
  bool one_shot = false;
  double at_unix = 0;
};

/// Builds the source for `spec`. On failure returns null and a sentence in `error`: an unknown
/// kind lists the known ones, a bad argument shows that kind's usage, and the kind's own reason
/// (e.g. "directory ... does not exist") is passed on.
[[nodiscard]] std::unique_ptr<FrameSource> make_source(const SourceSpec& spec, std::string& error);

/// A known kind of source, for pickers (the web UI): "x11", its syntax and one sentence.
struct SourceKindInfo {
  std::string_view name;
  std::string_view syntax;
  std::string_view description;
};
/// Every known kind, in table order. The views point at static storage.
std::vector<SourceKindInfo> source_kinds();

/// One usage line per known kind, in table order, e.g. "test[:WxH]  animated test card ...",
/// for --help output and the config UI.
std::vector<std::string> source_usages();

}  // namespace tfts::source
