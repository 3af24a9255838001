// libFuzzer target for the HTTP request-target parser (tfts::http::parse_target and
// percent_decode): the part of every HTTP request that our code, not Beast, reads. The input is
// the raw target bytes. Checked promises (an abort is a finding):
// - a refusal always comes with a reason, and a success never does harm later: the path starts
//   with '/', holds no NUL and no ".." segment, and query keys and values hold no NUL;
// - decoding is exact: percent-encoding the decoded path again and parsing it gives it back.
// Replayed over tests/fuzz/http_corpus by http_target_fuzz_replay (ctest http_fuzz_corpus).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <map>
#include <string>
#include <string_view>

#include "tfts/http/target_parser.h"

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "http_target_fuzz: broken promise: %s\n", what);
    abort();
  }
}

bool has_dotdot_segment(const std::string& path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0) return true;
    start = end + 1;
  }
  return false;
}

std::string encode_all(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (c == '/') {
      out += '/';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  std::string path, error;
  std::map<std::string, std::string> query;
  if (!tfts::http::parse_target(target, path, query, error)) {
    check(!error.empty(), "a refusal has a reason");
    return 0;
  }
  check(!path.empty() && path[0] == '/', "the path starts with '/'");
  check(path.find('\0') == std::string::npos, "no NUL in the path");
  check(!has_dotdot_segment(path), "no '..' segment");
  for (const auto& [key, value] : query) {
    check(key.find('\0') == std::string::npos && value.find('\0') == std::string::npos,
          "no NUL in the query");
  }
  if (path.size() <= 1300) {  // encoded, it stays within the 4096-byte target limit
    std::string again, why;
    std::map<std::string, std::string> no_query;
    const std::string encoded = encode_all(path);
    check(tfts::http::parse_target(encoded, again, no_query, why), "an encoded path parses");
    check(again == path, "encoding and decoding give the path back");
  }
  return 0;
}
