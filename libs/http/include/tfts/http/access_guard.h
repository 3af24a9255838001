// Who may use the HTTP port (docs/http-api.md, "Access"), as a Router guard. Three rules, in
// this order:
// - without a token, the Host header must name localhost or a loopback address (403): a page
//   whose own name was rebound to 127.0.0.1 (DNS rebinding) still sends its own name;
// - a request whose Origin header names another host than its Host header, or is "null", is
//   refused (403): a page elsewhere must not drive the server through the user's browser (the
//   POST routes also insist on Content-Type: application/json, which a cross-site form cannot
//   send);
// - with a token set, every path but the open ones needs it (401): "Authorization: Bearer T",
//   the cookie tftstream_token=T, or ?token=T, which also sets that cookie for the pages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tfts/http/router.h"

namespace tfts::http {

struct AccessRules {
  std::string token;                                // "" = no token needed
  std::vector<std::string> open_paths{"/healthz"};  // reachable without the token
};

inline constexpr const char* kTokenCookie = "tftstream_token";

Guard make_access_guard(AccessRules rules);

// For the POST routes: nothing when the request says Content-Type: application/json, else the
// 415 to answer. A cross-site form can post text/plain or form data without a preflight,
// never JSON.
std::optional<Response> require_json(const Request& request);

// 127.0.0.0/8 and ::1 (also as ::ffff:127.x.y.z); false for anything else, names included.
bool is_loopback_address(const std::string& address);

// Letters, digits and -._~ (so it goes into a cookie and a URL unchanged), 1..256 characters.
bool is_valid_token(const std::string& token);

}  // namespace tfts::http
