// SystemScreenOptions: how a rendered system screen (the BIOS/POST screen, the CPU monitor) is
// set up: picture size, theme, how often it samples the machine, how much history it keeps,
// and, for tests, a fixed wall clock and fake machine data.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "tfts/draw/theme.h"
#include "tfts/source/system_collector.h"

namespace tfts::source {

struct SystemScreenOptions {
  int width = 320;  // picture size, within [kMinWidth, kMaxSize] x [kMinHeight, kMaxSize]
  int height = 240;
  // Colours, fonts and sizes; empty: the screen's own ("bios" for the BIOS screen, "dark" for
  // the CPU monitor).
  std::optional<draw::Theme> theme;
  // Seconds between samples of the machine; 0: the screen's default (BIOS 5 s, CPU 1 s).
  // Between samples only the clock changes.
  double interval_s = 0;
  int history = 60;  // samples the CPU monitor's graphs keep, within [2, kMaxHistory]

  // The wall time the clock shows. Empty: std::chrono::system_clock::now, in the local time
  // zone (TZ). Tests inject a fixed time.
  std::function<std::chrono::system_clock::time_point()> wall_clock;
  // Where the machine's values come from. Empty: SystemCollector("/"). Tests inject values.
  CollectFn collect;

  static constexpr int kMinWidth = 128;  // below this the screens cannot show their rows
  static constexpr int kMinHeight = 96;
  static constexpr int kMaxSize = 1024;  // a TFT panel, not a monitor
  static constexpr double kMinInterval = 0.1;
  static constexpr double kMaxInterval = 3600;
  static constexpr int kMaxHistory = 3600;
};

}  // namespace tfts::source
