// An HTTP response as a route builds it: status, content type, body and any extra headers.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tfts::http {

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response text(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static Response json(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(body);
    return r;
  }
  // A client error with the reason in words and as JSON: {"error": "..."}.
  static Response error(int status, const std::string& reason);
};

}  // namespace tfts::http
