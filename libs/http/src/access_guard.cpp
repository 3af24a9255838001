#include "tfts/http/access_guard.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>

namespace tfts::http {
namespace {

bool equal_no_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool starts_no_case(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equal_no_case(s.substr(0, prefix.size()), prefix);
}

// Compares in time that depends on the lengths only, not on where the first difference is.
bool same_secret(std::string_view given, std::string_view token) {
  if (given.size() != token.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ token[i]);
  return diff == 0;
}

std::string_view header(const Request& r, const std::string& name) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string_view() : std::string_view(it->second);
}

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "" when absent.
std::string_view cookie(std::string_view cookies, std::string_view name) {
  while (!cookies.empty()) {
    const size_t end = std::min(cookies.find(';'), cookies.size());
    std::string_view pair = cookies.substr(0, end);
    cookies.remove_prefix(std::min(end + 1, cookies.size()));
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
  }
  return {};
}

// The host part of a Host header: "[::1]:8080" -> "::1", "localhost:8080" -> "localhost".
std::string host_name(std::string_view host) {
  if (host.starts_with('[')) {
    const size_t end = host.find(']');
    return std::string(host.substr(1, end == std::string_view::npos ? host.size() : end - 1));
  }
  const size_t colon = host.find(':');
  return std::string(host.substr(0, colon));
}

// Without a token the server trusts only requests addressed to a loopback name: a page whose
// own name was made to resolve to 127.0.0.1 (DNS rebinding) still says its own name in Host.
bool loopback_host(std::string_view host) {
  const std::string name = host_name(host);
  return equal_no_case(name, "localhost") || is_loopback_address(name);
}

Verdict refuse(int status, const std::string& reason) {
  Verdict v;
  v.refusal = Response::error(status, reason);
  if (status == 401) v.refusal->headers.emplace_back("WWW-Authenticate", "Bearer realm=\"tftstream\"");
  return v;
}

}  // namespace

bool is_loopback_address(const std::string& address) {
  boost::system::error_code ec;
  const auto a = boost::asio::ip::make_address(address, ec);
  if (ec) return false;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).is_loopback();
  }
  return a.is_loopback();
}

bool is_valid_token(const std::string& token) {
  return !token.empty() && token.size() <= 256 &&
         std::all_of(token.begin(), token.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
                  c == '_' || c == '~';
         });
}

std::optional<Response> require_json(const Request& request) {
  if (starts_no_case(header(request, "content-type"), "application/json")) return std::nullopt;
  return Response::error(415, request.method + " " + request.path +
                                  " needs Content-Type: application/json");
}

Guard make_access_guard(AccessRules rules) {
  return [rules = std::move(rules)](const Request& r) {
    if (rules.token.empty() && !loopback_host(header(r, "host"))) {
      return refuse(403, "Host " + std::string(header(r, "host")) +
                             " is not this machine: without server.http_token only requests to "
                             "localhost or a loopback address are served");
    }
    // "null" is what sandboxed frames and file:// pages send: a page of unknown origin.
    const std::string_view origin = header(r, "origin");
    if (origin == "null") return refuse(403, "cross-origin request refused: Origin null");
    if (!origin.empty()) {
      const size_t scheme = origin.find("://");
      const std::string_view origin_host =
          scheme == std::string_view::npos ? origin : origin.substr(scheme + 3);
      if (!equal_no_case(origin_host, header(r, "host"))) {
        return refuse(403, "cross-origin request refused: Origin " + std::string(origin) +
                               " is not this server (" + std::string(header(r, "host")) + ")");
      }
    }
    if (rules.token.empty() ||
        std::find(rules.open_paths.begin(), rules.open_paths.end(), r.path) != rules.open_paths.end()) {
      return Verdict{};
    }
    const std::string_view auth = header(r, "authorization");
    const std::string_view bearer =
        starts_no_case(auth, "Bearer ") ? auth.substr(7) : std::string_view();
    const auto query = r.query.find("token");
    const std::string_view from_query =
        query == r.query.end() ? std::string_view() : std::string_view(query->second);
    const std::string_view from_cookie = cookie(header(r, "cookie"), kTokenCookie);
    if (same_secret(bearer, rules.token) || same_secret(from_cookie, rules.token)) return Verdict{};
    if (same_secret(from_query, rules.token)) {
      Verdict v;
      v.headers.emplace_back("Set-Cookie", std::string(kTokenCookie) + "=" + rules.token +
                                               "; Path=/; HttpOnly; SameSite=Strict");
      return v;
    }
    const bool given = !bearer.empty() || !from_query.empty() || !from_cookie.empty();
    return refuse(401, given ? "wrong token"
                             : "this server needs its token (server.http_token): send "
                               "\"Authorization: Bearer TOKEN\", or open /?token=TOKEN once");
  };
}

}  // namespace tfts::http
