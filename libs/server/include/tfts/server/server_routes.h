// The server's HTTP routes (docs/metrics.md, docs/http-api.md):
//   GET /metrics                          Prometheus text format (ServerMetrics)
//   GET /healthz                          200 and a JSON summary while the server runs
//   GET /api/status                       screens and displays as JSON
//   GET /api/displays/NAME/screenshot.png what the server knows display NAME holds
// They run on the network thread, so they read the server's state directly, without copies
// crossing threads.
#pragma once

#include "tfts/http/router.h"

namespace tfts::server {

class Server;

http::Router make_server_routes(Server& server);

}  // namespace tfts::server
