// libFuzzer target for tfts::prom::parse_api_response (input format: prom_fuzz.h). Builds as a
// libFuzzer target (clang -fsanitize=fuzzer) and, with prom_replay_main.cpp, as an ordinary
// program that replays files (any compiler).
#include <stdio.h>
#include <stdlib.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "prom_fuzz.h"
#include "tfts/prom/api_response.h"

namespace tfts_fuzz {
namespace {

using tfts::prom::parse_api_response;
using tfts::prom::QueryResult;
using tfts::prom::Series;

// Bodies are capped at 8 MiB by the HTTP client; the fuzzer's are far smaller, which keeps
// each run fast without losing any code path.
const size_t kMaxInput = 1 << 16;
const size_t kMaxErrorBytes = 512;  // api_response.cpp's cap
const int kStatuses[8] = {200, 400, 422, 503, 502, 404, 500, 204};
const char* const kLegends[4] = {"", "job", "instance", "__name__"};
const size_t kMaxSeries[8] = {64, 0, 1, 2, 3, 8, 1000, 64};

std::string g_outcome;

[[noreturn]] void fail(const char* what, const QueryResult& r) {
  fprintf(stderr, "prom_response_fuzz: %s\n  ok=%d series=%zu error=\"%s\"\n", what, r.ok,
          r.series.size(), r.error.c_str());
  fflush(stderr);
  abort();
}

#define PROM_CHECK(cond, what, result) \
  do {                                 \
    if (!(cond)) fail(what, result);   \
  } while (0)

// True when `s` is UTF-8 without control characters (errors are drawn on a panel as they are).
bool printable_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80             ? 1
               : (b & 0xE0) == 0xC0 ? 2
               : (b & 0xF0) == 0xE0 ? 3
               : (b & 0xF8) == 0xF0 ? 4
                                    : 0;
    if (n == 0 || i + n > s.size()) return false;
    if (n == 1 && (b < 0x20 || b == 0x7F)) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

bool same_double(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool same_points(const Series& a, const Series& b) {
  if (a.times.size() != b.times.size() || a.values.size() != b.values.size()) return false;
  for (size_t i = 0; i < a.times.size(); ++i) {
    if (a.times[i] != b.times[i] || !same_double(a.values[i], b.values[i])) return false;
  }
  return true;
}

void check_result(const QueryResult& r, size_t max_series) {
  if (!r.ok) {
    PROM_CHECK(!r.error.empty(), "an error without a reason", r);
    PROM_CHECK(r.error.size() <= kMaxErrorBytes, "an error longer than 512 bytes", r);
    PROM_CHECK(printable_utf8(r.error), "an error that is not printable UTF-8", r);
    PROM_CHECK(r.error.front() != ' ' && r.error.back() != ' ', "an error with blanks around", r);
    PROM_CHECK(r.series.empty(), "series kept with an error", r);
    return;
  }
  PROM_CHECK(r.error.empty(), "an error text on success", r);
  PROM_CHECK(r.series.size() <= max_series, "more series than max_series", r);
  for (const Series& s : r.series) {
    PROM_CHECK(!s.times.empty() || s.values.empty(), "values without times", r);
    PROM_CHECK(s.times.size() == s.values.size(), "times and values of different lengths", r);
    for (size_t i = 0; i < s.times.size(); ++i) {
      PROM_CHECK(std::isfinite(s.times[i]), "a time that is not finite", r);
      PROM_CHECK(i == 0 || s.times[i - 1] <= s.times[i], "times not ascending", r);
    }
  }
}

const char* outcome_end(const QueryResult& r) {
  if (r.ok) return "ok";
  if (r.error.rfind("HTTP ", 0) == 0) return "http";
  if (r.error.rfind("not JSON", 0) == 0) return "not_json";
  return "error";
}

}  // namespace

const std::string& prom_outcome() { return g_outcome; }

}  // namespace tfts_fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfts_fuzz;
  g_outcome.clear();
  if (size < 1 || size > kMaxInput) return 0;
  const int status = kStatuses[data[0] & 7];
  const std::string legend = kLegends[(data[0] >> 3) & 3];
  const size_t max_series = kMaxSeries[(data[0] >> 5) & 7];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

  const QueryResult r = parse_api_response(body, status, legend, max_series);
  check_result(r, max_series);

  // The cap only drops series from the end: without it the same answer, with more series.
  const QueryResult all = parse_api_response(body, status, legend, SIZE_MAX);
  check_result(all, SIZE_MAX);
  PROM_CHECK(all.ok == r.ok && all.error == r.error, "max_series changed the verdict", r);
  PROM_CHECK(all.series.size() >= r.series.size(), "a larger cap kept fewer series", r);
  for (size_t i = 0; i < r.series.size(); ++i) {
    PROM_CHECK(all.series[i].name == r.series[i].name && same_points(all.series[i], r.series[i]),
               "the cap changed a kept series", r);
  }
  // The legend only names series: the verdict and the points stay.
  if (!legend.empty()) {
    const QueryResult unnamed = parse_api_response(body, status, std::string(), max_series);
    PROM_CHECK(unnamed.ok == r.ok && unnamed.series.size() == r.series.size(),
               "the legend changed the verdict", r);
    for (size_t i = 0; i < r.series.size(); ++i) {
      PROM_CHECK(same_points(unnamed.series[i], r.series[i]), "the legend changed the points", r);
    }
  }
  // Not the API talking (no JSON) with an error status: the status is what the panel shows.
  if (!r.ok && (status < 200 || status >= 300) && r.error.rfind("HTTP ", 0) == 0) {
    const std::string prefix = "HTTP " + std::to_string(status);
    PROM_CHECK(r.error.rfind(prefix, 0) == 0, "an HTTP error naming another status", r);
  }
  g_outcome = std::string(outcome_end(r)) + "." + std::to_string(r.ok ? r.series.size() : 0);
  return 0;
}
