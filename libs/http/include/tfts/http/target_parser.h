// Splitting a request target ("/api/x%20y?full=1&a=b") into a decoded path and query
// parameters. Network input: malformed escapes, NUL bytes and over-long targets are errors,
// never crashes (fuzzed by tests/fuzz/http_target_fuzz.cpp).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tfts::http {

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings).
/// False for a truncated or non-hex escape, or an escape that decodes to NUL.
[[nodiscard]] bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

/// Splits `target` into its path and query. False with a reason in `error` when the target is
/// not origin-form (must start with '/'), is longer than 4096 bytes, or has a bad escape; also
/// when the decoded path has a ".." segment (no route needs one, and refusing it early means no
/// route can be tricked into one).
[[nodiscard]] bool parse_target(std::string_view target, std::string& path,
                                std::map<std::string, std::string>& query, std::string& error);

}  // namespace tfts::http
