// layout_cpu: the CPU monitor as a Scene: a header with the CPU's name and a clock, an
// overview (ring gauge with the total utilisation, and its history as a graph), the processors
// (a small graph and percentage each, or one bar each when there are too many for graphs) and
// four tiles: clock rate, temperature ("n/a" without a sensor), memory and load average.
#pragma once

#include "tfts/draw/scene.h"
#include "tfts/draw/theme.h"
#include "tfts/draw/typesetter.h"
#include "tfts/source/cpu_values.h"
#include "tfts/source/system_time.h"

namespace tfts::source {

/// Lays out the monitor at width x height for `v` and the wall time `time`. Fonts scale with
/// the panel's area (theme sizes are for 320x240, never below Theme::kMinTextPx); values take
/// the longest of their forms that fits ("7.1 / 16.0 GB", "7.1/16G", "44%"). The clock's run is
/// named "clock" and its box does not depend on the time, so a tick changes nothing else.
/// A pure function of its arguments.
draw::Scene layout_cpu(const CpuMonitorValues& v, const LocalTime& time, int width, int height,
                       const draw::Theme& theme, draw::Typesetter& typesetter);

}  // namespace tfts::source
