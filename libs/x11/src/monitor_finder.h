// Finding a RandR monitor (1.5) or output (1.2) by name.
#pragma once

#include <string>

#include "connection.h"
#include "tfts/core/rect.h"

namespace tfts::x11 {

/// The area of the active monitor or of the output (with a CRTC) called `name`, in root
/// coordinates. Monitors are searched first, then outputs. False with a sentence in `error`
/// that lists the names there are, or says why RandR cannot help.
[[nodiscard]] bool find_monitor(Connection& conn, const std::string& name, core::Rect& rect,
                                std::string& error);

}  // namespace tfts::x11
