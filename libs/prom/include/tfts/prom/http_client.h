// A minimal blocking HTTP/1.1 GET over plain TCP (Boost.Beast), with one deadline for connect,
// request and response, for the dashboard poller's thread. Not for the server's own threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tfts::prom {

struct HttpResponse {
  bool ok = false;        // an HTTP answer arrived (any status); false: `error` says why not
  int status = 0;
  std::string body;
  std::string error;      // "connection refused (127.0.0.1:9090)", "timed out after 3 s", ...
};

struct Url {
  std::string host;       // name or address
  std::string port = "80";
  std::string base_path;  // "" or "/prometheus" (no trailing slash)
};

/// Splits "http://host[:port][/path]". False with a sentence in `error` for anything else
/// (https is refused with a hint: put Prometheus' own plain listener or a local proxy in front).
[[nodiscard]] bool parse_url(const std::string& text, Url& out, std::string& error);

/// GETs `target` (path and query string, already escaped) from `url`. Bodies larger than
/// `max_body` bytes are an error. Never throws. The deadline covers connect, request and
/// response; a name lookup (not needed for a literal address) runs in the system resolver,
/// which cannot be interrupted, so a hanging DNS server can hold it up to resolv.conf's timeout.
HttpResponse http_get(const Url& url, const std::string& target, double timeout_s,
                      const std::vector<std::pair<std::string, std::string>>& headers = {},
                      size_t max_body = 8 << 20);

/// Percent-encodes a query-string value (RFC 3986 unreserved characters stay as they are).
std::string url_encode(std::string_view text);

}  // namespace tfts::prom
