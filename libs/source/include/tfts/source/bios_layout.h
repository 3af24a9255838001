// layout_bios: the BIOS/POST-style setup screen as a Scene: a menu bar, a framed page of
// label/value rows (time, date, processor, memory, uptime, host, address, disks) and a footer
// of key hints, all on a character grid in a monospace (by default bitmap) font.
#pragma once

#include "tfts/draw/scene.h"
#include "tfts/draw/theme.h"
#include "tfts/draw/typesetter.h"
#include "tfts/source/system_snapshot.h"
#include "tfts/source/system_time.h"

namespace tfts::source {

/// Lays out the screen at width x height for the machine values `s` and the wall time `time`.
/// The font is the theme's mono family at the largest size that gives at least 30 columns and
/// 13 rows, else its smallest; rows the panel has no room for are left out, least important
/// first (disks, then uptime and clock rate, ...). The clock's value run is named "clock".
/// A pure function of its arguments: same values, same scene.
draw::Scene layout_bios(const SystemSnapshot& s, const LocalTime& time, int width, int height,
                        const draw::Theme& theme, draw::Typesetter& typesetter);

}  // namespace tfts::source
