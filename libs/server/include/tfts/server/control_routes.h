// The web UI's control routes (docs/http-api.md, "Changing a screen at runtime"):
//   GET  /api/schema         every configuration key: kind, default, range, allowed, help
//   GET  /api/config         the running configuration; each screen's values as override text
//   GET  /api/sources        the source kinds, for a picker
//   POST /api/screens/NAME   changes screen NAME at once (JSON object of key -> value)
//   POST /api/config/save    writes the running configuration to the config file
// Like every route they run on the network thread and call the Server directly.
#pragma once

#include "tfts/http/router.h"

namespace tfts::server {

class Server;

void add_control_routes(http::Router& router, Server& server);

}  // namespace tfts::server
