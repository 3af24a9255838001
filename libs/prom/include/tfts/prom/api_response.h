// Parsing the Prometheus HTTP API's JSON answers (/api/v1/query, /api/v1/query_range): network
// input, so every malformed, truncated or surprising body becomes a clear error, never a crash
// (fuzzed: tests/fuzz/prom_response_fuzz.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tfts/prom/dashboard_data.h"

namespace tfts::prom {

struct QueryResult {
  bool ok = false;
  // When !ok: Prometheus' own errorType and error joined ("bad_data: 1:5: parse error ..."), or
  // what was wrong with the body ("not JSON: ...", "resultType \"string\" not supported").
  std::string error;
  std::vector<Series> series;  // vector and matrix results; a scalar is one unnamed series
};

/// Parses one API answer. `http_status` is the HTTP status it came with (Prometheus answers
/// 400/422/503 with a JSON error body). Series are named by the value of label `legend` when it
/// is non-empty and present, else by their label set in PromQL form ({job="node",mode="idle"}).
/// At most `max_series` series are kept (the rest are dropped, not an error) so a careless
/// query cannot exhaust memory; values "NaN", "+Inf", "-Inf" parse as such.
QueryResult parse_api_response(std::string_view body, int http_status,
                               const std::string& legend, size_t max_series = 64);

}  // namespace tfts::prom
