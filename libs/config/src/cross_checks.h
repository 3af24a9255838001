// Rules that span keys, applied after the file and the overrides. Internal.
#pragma once

#include "tfts/config/config_loader.h"

namespace tfts::config {

// Creates the default screen when no screen exists, then reports: a default or legacy screen
// that names no screen, and a display listed by two screens. Appends to out.errors.
void apply_cross_checks(ServerConfig& config, LoadResult& out);

}  // namespace tfts::config
