#include "tfts/http/target_parser.h"

namespace tfts::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr size_t kMaxTarget = 4096;

}  // namespace

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '\0') {
      return false;
    } else {
      out += c;
    }
  }
  return true;
}

bool parse_target(std::string_view target, std::string& path,
                  std::map<std::string, std::string>& query, std::string& error) {
  query.clear();
  if (target.size() > kMaxTarget) {
    error = "request target longer than 4096 bytes";
    return false;
  }
  if (target.empty() || target.front() != '/') {
    error = "request target must be a path starting with '/'";
    return false;
  }
  const size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  const size_t hash = raw_path.find('#');
  if (hash != std::string_view::npos) raw_path = raw_path.substr(0, hash);
  if (!percent_decode(raw_path, path, false)) {
    error = "bad percent escape in the path";
    return false;
  }
  // Segment by segment: "/a/../b", "/..", "/a/.." are refused.
  for (size_t start = 0; start <= path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0) {
      error = "'..' is not allowed in a path";
      return false;
    }
    start = end + 1;
  }
  if (q == std::string_view::npos) return true;
  std::string_view rest = target.substr(q + 1);
  const size_t qhash = rest.find('#');
  if (qhash != std::string_view::npos) rest = rest.substr(0, qhash);
  std::string key, value;
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (!percent_decode(pair.substr(0, eq), key, true) ||
        !percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1),
                        value, true)) {
      error = "bad percent escape in the query string";
      return false;
    }
    query[key] = value;
  }
  return true;
}

}  // namespace tfts::http
