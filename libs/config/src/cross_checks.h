// Rules that span keys, applied after the file and the overrides. Internal.
#pragma once

#include "tfts/config/config_loader.h"

namespace tfts::config {

// Creates the default screen when no screen exists, then reports: a default or legacy screen
// that names no screen, a display listed by two screens, a screen theme that is neither
// built in nor defined, and a defined theme named like a built-in one. Appends to out.errors
// (and to out.warnings for a display a screen lists twice).
void apply_cross_checks(ServerConfig& config, LoadResult& out);

}  // namespace tfts::config
