// layout_dashboard: a Prometheus dashboard as a Scene (draw/scene.h): an optional header, the
// panels on a grid, and the state of the data drawn honestly:
// - stale panels (no fresh answer for DashboardSpec::stale_after()) are drawn in muted colours
//   with their age ("stale 42 s");
// - a panel whose query failed shows an error badge with the reason;
// - a panel with an empty answer says "no data";
// - an unreachable Prometheus shows a banner across the top with the reason and the retry time.
// Item names (for tests): panels "panel[i]" (and "panel[i].badge" for the error badge); text
// runs "title" (the header), "banner", "panel[i].title", "panel[i].value" (the value, or the
// first series'; "waiting" and "no data" too), "panel[i].value[k]" (series k >= 1),
// "panel[i].legend[k]" (series names, k >= 0), "panel[i].badge", "panel[i].age"; graphics
// "panel[i].gauge", "panel[i].bar[k]", "panel[i].sparkline[k]" (k >= 0).
#pragma once

#include "tfts/draw/scene.h"
#include "tfts/draw/theme.h"
#include "tfts/draw/typesetter.h"
#include "tfts/prom/dashboard_data.h"
#include "tfts/prom/dashboard_spec.h"

namespace tfts::prom {

/// Lays out `spec` showing `data` as of Unix time `now` at width x height. A pure function of
/// its arguments; fonts scale with the panel's area like the CPU monitor's.
draw::Scene layout_dashboard(const DashboardSpec& spec, const DashboardData& data, double now,
                             int width, int height, const draw::Theme& theme,
                             draw::Typesetter& typesetter);

}  // namespace tfts::prom
