// BiosSource: a BIOS/POST-style setup screen with the machine's real values (processor, cores,
// clock rate, memory, uptime, date and a ticking clock, host name, IP address, disks), drawn in
// a bitmap font on VGA blue. Built by make_bios_source() from the "bios[:WxH]" spec.
#pragma once

#include <memory>
#include <string>

#include "tfts/source/frame_source.h"
#include "tfts/source/system_screen_options.h"

namespace tfts::source {

/// The BIOS screen as a FrameSource: samples the machine every options.interval_s (default
/// 5 s; identity, memory, uptime and disks), lays it out with layout_bios() and draws it when
/// the layout differs from the last one. Between samples only the clock changes, so grab()
/// returns `changed` once a second and `unchanged` otherwise. The theme defaults to "bios".
/// Returns null and a sentence in `error` when an option is out of range.
[[nodiscard]] std::unique_ptr<FrameSource> make_bios_source(const SystemScreenOptions& options,
                                                            std::string& error);

}  // namespace tfts::source
