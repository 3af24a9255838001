// A bare HTTP/1.1 GET for tests, over RawClient: the request as a browser or Prometheus sends
// it, the answer split into status, headers and body (the server always sends Content-Length).
#pragma once

#include <map>
#include <string>

#include "server_fixture.h"

namespace tfts::server::testing {

struct HttpAnswer {
  int status = 0;  // 0: no answer
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
};

inline HttpAnswer parse_http_answer(const std::string& raw) {
  HttpAnswer a;
  const size_t end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || end == std::string::npos) return a;
  a.status = std::stoi(raw.substr(9, 3));
  size_t pos = raw.find("\r\n") + 2;
  while (pos < end) {
    const size_t eol = raw.find("\r\n", pos);
    const std::string line = raw.substr(pos, eol - pos);
    const size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    a.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    pos = eol + 2;
  }
  a.body = raw.substr(end + 4);
  return a;
}

// Sends `request` as is and reads until the server closes.
inline HttpAnswer http_exchange(uint16_t port, const std::string& request) {
  RawClient c(port);
  if (!c.connected() || !c.send(std::vector<uint8_t>(request.begin(), request.end()))) return {};
  const auto bytes = c.read_until_closed(std::chrono::seconds(5));
  return parse_http_answer(std::string(bytes.begin(), bytes.end()));
}

inline HttpAnswer http_get(uint16_t port, const std::string& target) {
  return http_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

}  // namespace tfts::server::testing
