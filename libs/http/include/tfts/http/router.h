// Router: maps a method and a path to a handler. Exact paths ("/metrics") and prefixes
// ("/api/displays/", the rest of the path passed as Request::path unchanged) are matched, the
// longest registered match first. Unknown paths get 404, a known path with another method 405
// with an Allow header. Handlers run on the server's network thread: they must be quick.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tfts/http/request.h"
#include "tfts/http/response.h"

namespace tfts::http {

using Handler = std::function<Response(const Request&)>;

// What a guard (access_guard.h) decides before any route sees a request: a refusal, or headers
// to add to whatever the route answers (a cookie, say).
struct Verdict {
  std::optional<Response> refusal;
  std::vector<std::pair<std::string, std::string>> headers;
};
using Guard = std::function<Verdict(const Request&)>;

class Router {
 public:
  void add(std::string method, std::string path, Handler handler);         // exact path
  void add_prefix(std::string method, std::string prefix, Handler handler);  // path prefix

  // Every request, WebSocket upgrades included, passes the guard first (none by default).
  void set_guard(Guard guard) { guard_ = std::move(guard); }
  Verdict check(const Request& request) const { return guard_ ? guard_(request) : Verdict{}; }

  // The guard, then the route. Never throws: a handler that throws answers 500 with the reason.
  Response dispatch(const Request& request) const;

 private:
  Response route(const Request& request) const;
  struct Route {
    std::string method;
    std::string path;
    bool prefix = false;
    Handler handler;
  };
  std::vector<Route> routes_;
  Guard guard_;
};

}  // namespace tfts::http
