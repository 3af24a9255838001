// The pieces of the Prometheus text exposition format (version 0.0.4) that every family writes:
// escaped HELP text and label values, numbers as Prometheus reads them, label sets.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tfts::metrics {

// Label values escape backslash, double quote and newline, and replace bytes that are not
// UTF-8 with U+FFFD; HELP text escapes backslash and newline.
void append_label_value(std::string& out, std::string_view value);
void append_help(std::string& out, std::string_view help);
// Integers as integers, everything else in the shortest form that reads back exactly;
// NaN, +Inf and -Inf as the format spells them.
void append_number(std::string& out, double v);
void append_number(std::string& out, uint64_t v);
// {name="value",...} for the given names and values (one more pair when `extra_name` is set,
// for a histogram's "le"); nothing at all when there are no labels.
void append_labels(std::string& out, std::span<const std::string> names,
                   std::span<const std::string> values, std::string_view extra_name = {},
                   std::string_view extra_value = {});

// True for a valid metric or label name ([a-zA-Z_:][a-zA-Z0-9_:]*, no colon in label names).
bool valid_metric_name(std::string_view name);
bool valid_label_name(std::string_view name);

}  // namespace tfts::metrics
