// An HTTP request as the routes see it: already parsed and size-checked by HttpServer, with the
// path percent-decoded and the query string split, so handlers never touch raw bytes.
#pragma once

#include <map>
#include <string>

namespace tfts::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent, e.g. "/display?name=desk%20one" (for redirects)
  std::string path;    // decoded, e.g. "/api/displays/desk one/screenshot.png"
  std::map<std::string, std::string> query;  // decoded; a repeated key keeps its last value
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::string peer;    // "127.0.0.1:51234"
};

}  // namespace tfts::http
