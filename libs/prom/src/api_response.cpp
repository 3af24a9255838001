#include "tfts/prom/api_response.h"

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <system_error>

namespace tfts::prom {

namespace {

using nlohmann::json;

// Prometheus answers nest six levels deep (object, data, result, series, values, sample). The
// JSON parser keeps one container per level, so a body of 8 MiB of '[' would cost hundreds of
// MiB; anything nested deeper than this is refused before parsing.
constexpr int kMaxDepth = 32;
// How much of a body that is not a Prometheus answer is quoted in the error.
constexpr size_t kQuoteBytes = 80;
// Prometheus' error texts are short; a longer one is cut so a hostile body cannot fill a panel.
constexpr size_t kMaxErrorBytes = 512;

bool is_success_status(int status) { return status >= 200 && status < 300; }

// Concatenation by appending: GCC 12 warns falsely (-Wrestrict) about `a + b + c` at -O3.
std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) out.append(part);
  return out;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  unsigned min = 0;
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = b & (0x7Fu >> n);
  for (size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// `text` made safe to draw: control characters become spaces, invalid UTF-8 becomes '?',
// surrounding blanks are dropped, and at most `max_bytes` bytes are kept (never half a character).
std::string printable(std::string_view text, size_t max_bytes) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_sequence(text, i);
    if (n == 0) {
      if (out.size() + 1 > max_bytes) break;
      out += '?';
      ++i;
      continue;
    }
    if (out.size() + n > max_bytes) break;
    const auto b = static_cast<unsigned char>(text[i]);
    if (n == 1 && (b < 0x20 || b == 0x7F)) {
      out += ' ';
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  const size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

// What a body that is not a Prometheus answer says for itself: an HTML page's <title> (a
// proxy's "502 Bad Gateway" page starts with a bare "<html>" line), else its first non-blank line.
std::string body_summary(std::string_view body) {
  const size_t open = body.find("<title>");
  if (open != std::string_view::npos) {
    const size_t from = open + 7;
    const size_t close = body.find("</title>", from);
    if (close != std::string_view::npos) {
      std::string title = printable(body.substr(from, close - from), kQuoteBytes);
      if (!title.empty()) return title;
    }
  }
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string line = printable(body.substr(pos, end - pos), kQuoteBytes);
    if (!line.empty()) return line;
    pos = end + 1;
  }
  return {};
}

QueryResult failure(std::string error) {
  QueryResult r;
  r.error = printable(error, kMaxErrorBytes);
  if (r.error.empty()) r.error = "empty error";
  return r;
}

QueryResult http_failure(int http_status, std::string_view body) {
  std::string error = "HTTP ";
  error += std::to_string(http_status);
  const std::string summary = body_summary(body);
  if (!summary.empty()) {
    error += ": ";
    error += summary;
  }
  return failure(std::move(error));
}

// True when `body` nests arrays and objects at most kMaxDepth deep. Brackets inside strings do
// not count; a malformed body is left for the parser to reject.
bool depth_within_limit(std::string_view body) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

// A sample value as Prometheus writes it (Go's FormatFloat): "1.5", "1e+21", "NaN", "+Inf", "-Inf".
bool parse_value(const std::string& text, double& out) {
  if (text == "NaN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (text == "+Inf" || text == "Inf") {
    out = std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == "-Inf") {
    out = -std::numeric_limits<double>::infinity();
    return true;
  }
  const char* first = text.data();
  const char* last = first + text.size();
  if (first != last && *first == '+') ++first;  // from_chars takes no '+'
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last && first != last;
}

// One [time, "value"] pair; `what` names it in the error ("result[2].values[7]").
bool parse_sample(const json& pair, double& time, double& value, const std::string& what,
                  std::string& error) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_string()) {
    error = join({what, " is not [time, \"value\"]"});
    return false;
  }
  time = pair[0].get<double>();
  if (!std::isfinite(time)) {
    error = join({what, " has a time out of range"});
    return false;
  }
  if (!parse_value(pair[1].get_ref<const std::string&>(), value)) {
    error = join({what, " has a value that is not a number"});
    return false;
  }
  return true;
}

void append_quoted(std::string& out, const std::string& value) {
  out += '"';
  for (const char c : value) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
}

// The series' name: the legend label's value, or the label set in PromQL form with the metric
// name in front (node_load1{instance="x",job="node"}). Labels come sorted (json objects are).
bool series_name(const json& metric, const std::string& legend, const std::string& what,
                 std::string& name, std::string& error) {
  if (!metric.is_object()) {
    error = join({what, ".metric is not an object"});
    return false;
  }
  for (const auto& [key, value] : metric.items()) {
    if (!value.is_string()) {
      error = join({what, ".metric label \"", key, "\" is not a string"});
      return false;
    }
  }
  if (!legend.empty()) {
    const auto it = metric.find(legend);
    if (it != metric.end() && !it->get_ref<const std::string&>().empty()) {
      name = it->get<std::string>();
      return true;
    }
  }
  name.clear();
  const auto metric_name = metric.find("__name__");
  if (metric_name != metric.end()) name = metric_name->get<std::string>();
  std::string labels;
  for (const auto& [key, value] : metric.items()) {
    if (key == "__name__") continue;
    labels += labels.empty() ? '{' : ',';
    labels += key;
    labels += '=';
    append_quoted(labels, value.get_ref<const std::string&>());
  }
  if (!labels.empty()) {
    labels += '}';
  } else if (name.empty()) {
    labels = "{}";
  }
  name += labels;
  return true;
}

// One element of a vector (`matrix` false: "value") or matrix (`matrix` true: "values") result.
bool parse_series(const json& item, bool matrix, const std::string& legend, const std::string& what,
                  Series& out, std::string& error) {
  if (!item.is_object()) {
    error = join({what, " is not an object"});
    return false;
  }
  const char* key = matrix ? "values" : "value";
  const auto samples = item.find(key);
  if (samples == item.end()) {
    // Native histograms come as "histogram(s)": a panel draws numbers, not buckets.
    const bool histogram = item.contains(matrix ? "histograms" : "histogram");
    error = histogram ? "native histogram samples are not supported (use histogram_quantile or "
                        "histogram_sum)"
                      : join({what, " has no \"", key, "\""});
    return false;
  }
  const auto metric = item.find("metric");
  if (metric == item.end()) {
    // Prometheus sends {} for a series without labels, so a missing one is a broken answer.
    error = join({what, " has no \"metric\""});
    return false;
  }
  if (!series_name(*metric, legend, what, out.name, error)) return false;

  double time = 0, value = 0;
  if (!matrix) {
    if (!parse_sample(*samples, time, value, join({what, ".value"}), error)) return false;
    out.times.push_back(time);
    out.values.push_back(value);
    return true;
  }
  if (!samples->is_array()) {
    error = join({what, ".values is not an array"});
    return false;
  }
  out.times.reserve(samples->size());
  out.values.reserve(samples->size());
  for (size_t i = 0; i < samples->size(); ++i) {
    std::string at = what;
    at += ".values[";
    at += std::to_string(i);
    at += ']';
    if (!parse_sample((*samples)[i], time, value, at, error)) return false;
    if (!out.times.empty() && time < out.times.back()) {
      error = join({at, " goes back in time"});
      return false;
    }
    out.times.push_back(time);
    out.values.push_back(value);
  }
  return true;
}

QueryResult parse_data(const json& data, const std::string& legend, size_t max_series) {
  if (!data.is_object()) return failure("\"data\" is missing or not an object");
  const auto type = data.find("resultType");
  const auto result = data.find("result");
  if (type == data.end() || !type->is_string() || result == data.end()) {
    return failure("\"data\" has no resultType or result");
  }
  const std::string& kind = type->get_ref<const std::string&>();
  QueryResult r;
  if (kind == "scalar") {
    Series s;
    double time = 0, value = 0;
    if (!parse_sample(*result, time, value, "result", r.error)) return failure(r.error);
    s.times.push_back(time);
    s.values.push_back(value);
    if (max_series > 0) r.series.push_back(std::move(s));
    r.ok = true;
    return r;
  }
  if (kind != "vector" && kind != "matrix") {
    if (kind == "string") return failure("resultType \"string\" not supported");
    return failure(join({"unknown resultType \"", printable(kind, kQuoteBytes), "\""}));
  }
  if (!result->is_array()) return failure("result is not an array");
  const bool matrix = kind == "matrix";
  // Every element is checked, also past max_series: a broken answer is reported as broken.
  for (size_t i = 0; i < result->size(); ++i) {
    Series s;
    std::string what = "result[";
    what += std::to_string(i);
    what += ']';
    if (!parse_series((*result)[i], matrix, legend, what, s, r.error)) return failure(r.error);
    if (r.series.size() < max_series) r.series.push_back(std::move(s));
  }
  r.ok = true;
  return r;
}

}  // namespace

QueryResult parse_api_response(std::string_view body, int http_status, const std::string& legend,
                               size_t max_series) {
  if (!depth_within_limit(body)) {
    if (!is_success_status(http_status)) return http_failure(http_status, body);
    return failure(join({"not a Prometheus answer: JSON nested deeper than ",
                         std::to_string(kMaxDepth), " levels"}));
  }
  const json doc = json::parse(body, nullptr, false);
  const bool has_status = doc.is_object() && doc.contains("status") && doc["status"].is_string();
  if (!has_status) {
    // Not the API talking: a proxy's error page, a 404 from a wrong base path, ...
    if (!is_success_status(http_status)) return http_failure(http_status, body);
    if (doc.is_discarded()) {
      std::string error = "not JSON: ";
      error += body_summary(body);
      return failure(std::move(error));
    }
    return failure("not a Prometheus answer (no \"status\")");
  }
  const std::string& status = doc["status"].get_ref<const std::string&>();
  if (status == "error") {
    const auto type = doc.find("errorType");
    const auto text = doc.find("error");
    std::string error;
    if (type != doc.end() && type->is_string()) error = type->get<std::string>();
    if (text != doc.end() && text->is_string()) {
      if (!error.empty()) error += ": ";
      error += text->get_ref<const std::string&>();
    }
    if (error.empty()) error = "Prometheus reported an error without saying which";
    return failure(std::move(error));
  }
  if (status != "success") {
    return failure(join({"unknown status \"", printable(status, kQuoteBytes), "\""}));
  }
  const auto data = doc.find("data");
  if (data == doc.end()) return failure("\"data\" is missing or not an object");
  return parse_data(*data, legend, max_series);
}

}  // namespace tfts::prom
