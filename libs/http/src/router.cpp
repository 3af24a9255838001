#include "tfts/http/router.h"

#include <nlohmann/json.hpp>

namespace tfts::http {

Response Response::error(int status, const std::string& reason) {
  // The reason may quote a request's bytes: invalid UTF-8 is replaced, not thrown over.
  return json(status, nlohmann::json{{"error", reason}}.dump(-1, ' ', false,
                                                             nlohmann::json::error_handler_t::replace) +
                          "\n");
}

void Router::add(std::string method, std::string path, Handler handler) {
  routes_.push_back({std::move(method), std::move(path), false, std::move(handler)});
}

void Router::add_prefix(std::string method, std::string prefix, Handler handler) {
  routes_.push_back({std::move(method), std::move(prefix), true, std::move(handler)});
}

Response Router::dispatch(const Request& request) const {
  Verdict verdict;
  Response response;
  try {
    verdict = check(request);
    response = verdict.refusal ? std::move(*verdict.refusal) : route(request);
  } catch (const std::exception& e) {
    // A handler's bug must cost one answer, not the connection or the thread.
    response = Response::error(500, std::string("internal error: ") + e.what());
  }
  for (auto& header : verdict.headers) response.headers.push_back(std::move(header));
  return response;
}

Response Router::route(const Request& request) const {
  const Route* best = nullptr;
  std::string allow;
  size_t best_len = 0;
  for (const Route& r : routes_) {
    const bool match = r.prefix ? request.path.starts_with(r.path) : request.path == r.path;
    if (!match) continue;
    // An exact match beats any prefix; among prefixes the longest wins.
    const size_t len = r.prefix ? r.path.size() : std::string::npos;
    if (r.method != request.method && !(r.method == "GET" && request.method == "HEAD")) {
      if (allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
      continue;
    }
    if (!best || len > best_len) {
      best = &r;
      best_len = len;
    }
  }
  if (best) return best->handler(request);
  if (!allow.empty()) {
    Response r = Response::error(405, request.method + " is not allowed on " + request.path);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  return Response::error(404, "no such page: " + request.path);
}

}  // namespace tfts::http
