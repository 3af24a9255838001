// The CPU monitor: CPU name, total and per-processor utilisation with history graphs (from
// /proc/stat), clock rate, temperature ("n/a" without a sensor), memory use and load average.
// Built by make_cpu_source() from the "cpu[:WxH]" spec.
#pragma once

#include <memory>
#include <string>

#include "tfts/source/frame_source.h"
#include "tfts/source/system_screen_options.h"

namespace tfts::source {

/// The CPU monitor as a FrameSource: samples the machine every options.interval_s (default
/// 1 s), keeps options.history samples per graph (CpuHistory), lays it out with layout_cpu()
/// and draws it when the layout differs from the last one. Between samples only the clock
/// changes. The theme defaults to "dark". Returns null and a sentence in `error` when an option
/// is out of range.
[[nodiscard]] std::unique_ptr<FrameSource> make_cpu_source(const SystemScreenOptions& options,
                                                           std::string& error);

}  // namespace tfts::source
