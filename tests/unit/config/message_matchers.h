// Assertions on LoadResult messages: a test names the part it expects, and a failure prints
// every message, so the actual wording is visible at once.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "tfts/config/config_loader.h"

namespace tfts::config {

inline std::string all_messages(const LoadResult& r) {
  std::string out;
  for (const std::string& e : r.errors) out += "\n  error: " + e;
  for (const std::string& w : r.warnings) out += "\n  warning: " + w;
  return out.empty() ? " (no messages)" : out;
}

inline bool any_contains(const std::vector<std::string>& messages, std::string_view part) {
  return std::any_of(messages.begin(), messages.end(),
                     [&](const std::string& m) { return m.find(part) != std::string::npos; });
}

inline ::testing::AssertionResult has_error(const LoadResult& r, std::string_view part) {
  if (any_contains(r.errors, part)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "no error contains \"" << part << "\":" << all_messages(r);
}

inline ::testing::AssertionResult has_warning(const LoadResult& r, std::string_view part) {
  if (any_contains(r.warnings, part)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "no warning contains \"" << part << "\":" << all_messages(r);
}

inline ::testing::AssertionResult is_clean(const LoadResult& r) {
  if (r.errors.empty() && r.warnings.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected no messages:" << all_messages(r);
}

}  // namespace tfts::config
