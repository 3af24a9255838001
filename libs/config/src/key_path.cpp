#include "key_path.h"

#include <algorithm>
#include <numeric>

namespace tfts::config {
namespace {

// Typos within this many edits get a "did you mean": enough for a swapped or dropped letter
// ("server.prot", "screen.main.fps"), too few to pair unrelated keys.
constexpr size_t kMaxSuggestDistance = 2;

std::vector<std::string_view> pattern_segments(std::string_view pattern) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t dot = pattern.find('.', start);
    out.push_back(pattern.substr(start, dot - start));
    if (dot == std::string_view::npos) return out;
    start = dot + 1;
  }
}

// The first `path.size()` segments of the pattern match `path`.
bool prefix_matches(const std::vector<std::string_view>& pattern,
                    std::span<const std::string> path) {
  if (path.size() > pattern.size()) return false;
  for (size_t i = 0; i < path.size(); ++i) {
    if (pattern[i] != "*" && pattern[i] != path[i]) return false;
  }
  return true;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest
// typo ("prot" for "port").
size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  std::iota(prev.begin(), prev.end(), size_t{0});
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

}  // namespace

KeyPath split_key(std::string_view dotted) {
  KeyPath out;
  for (std::string_view s : pattern_segments(dotted)) out.emplace_back(s);
  return out;
}

bool is_bare_key(std::string_view segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string join_key(std::span<const std::string> path) {
  std::string out;
  for (const std::string& segment : path) {
    if (!out.empty()) out += '.';
    if (is_bare_key(segment)) {
      out += segment;
      continue;
    }
    out += '"';
    for (char c : segment) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

std::string instance_key(std::string_view pattern, std::string_view name) {
  std::string out(pattern);
  if (const size_t star = out.find('*'); star != std::string::npos) out.replace(star, 1, name);
  return out;
}

const SchemaEntry* find_entry(std::span<const std::string> path) {
  for (const SchemaEntry& entry : schema()) {
    const auto segments = pattern_segments(entry.key);
    if (segments.size() == path.size() && prefix_matches(segments, path)) return &entry;
  }
  return nullptr;
}

std::string_view wildcard_segment(std::string_view pattern, std::span<const std::string> path) {
  const auto segments = pattern_segments(pattern);
  for (size_t i = 0; i < segments.size() && i < path.size(); ++i) {
    if (segments[i] == "*") return path[i];
  }
  return {};
}

bool is_section(std::span<const std::string> path) {
  return std::any_of(schema().begin(), schema().end(), [&](const SchemaEntry& entry) {
    const auto segments = pattern_segments(entry.key);
    return segments.size() > path.size() && prefix_matches(segments, path);
  });
}

std::optional<Section> collection_at(std::span<const std::string> path) {
  for (const SchemaEntry& entry : schema()) {
    const auto segments = pattern_segments(entry.key);
    if (segments.size() > path.size() && segments[path.size()] == "*" &&
        prefix_matches(segments, path)) {
      return entry.section();  // one section per table: config_schema.cpp checks it
    }
  }
  return std::nullopt;
}

std::string name_rule(Section section) {
  std::string_view noun = "name";
  switch (section) {
    case Section::screen:
      noun = "screen name";
      break;
    case Section::theme:
      noun = "theme name";
      break;
    case Section::server:
    case Section::legacy:
      break;
  }
  return "a " + std::string(noun) + " uses only letters, digits, \"_\" and \"-\"";
}

std::string suggest_key(std::span<const std::string> path) {
  const std::string typed = join_key(path);
  std::string best;
  size_t best_distance = kMaxSuggestDistance + 1;
  for (const SchemaEntry& entry : schema()) {
    // Compare against the key as it would be written for the typed instance name, so that a
    // long screen or theme name does not hide a typo in the rest of the key.
    const std::string_view name = wildcard_segment(entry.key, path);
    const bool has_star = entry.key.find('*') != std::string_view::npos;
    if (has_star && name.empty()) continue;
    const std::string candidate = has_star ? instance_key(entry.key, name) : std::string(entry.key);
    const size_t distance = edit_distance(typed, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace tfts::config
