#include "toml_reader.h"

#include <algorithm>
#include <sstream>
#include <utility>

#include "field_access.h"
#include "key_path.h"
#include "toml_value.h"

namespace tfts::config {
namespace {

class TomlReader {
 public:
  TomlReader(std::string_view origin, ServerConfig& config) : origin_(origin), config_(config) {}

  // The messages in file order: toml++ tables iterate in key order, which would list line 9
  // before line 3.
  void flush(LoadResult& out) {
    std::stable_sort(messages_.begin(), messages_.end(), [](const Message& a, const Message& b) {
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    for (Message& m : messages_)
      (m.warning ? out.warnings : out.errors).push_back(std::move(m.text));
    messages_.clear();
  }

  // Walks the document depth-first; path_ holds the keys down to `node`.
  void visit(const toml::node& node) {
    if (path_.size() == 3 && path_[0] == "screens" && path_[2] == "prometheus") {
      store_dashboard(node);
    } else if (const SchemaEntry* entry = find_entry(path_)) {
      store(*entry, node);
    } else if (const std::optional<Section> section = collection_at(path_)) {
      visit_collection(node, *section);
    } else if (const toml::table* table = node.as_table()) {
      visit_table(*table);
    } else if (is_section(path_)) {
      error(node, join_key(path_) + ": expected a table, got " + describe_node(node));
    } else {
      warn_unknown(node);
    }
  }

 private:
  void store(const SchemaEntry& entry, const toml::node& node) {
    const std::string key = join_key(path_);
    Conversion c = value_from_toml(entry, node);
    for (const std::string& e : c.errors) error(node, key + ": " + e);
    if (!c.value) return;
    const std::string_view name = wildcard_segment(entry.key, path_);
    for (const std::string& e : set_checked(entry, *c.value, config_, name)) {
      error(node, key + ": " + e);
    }
  }

  // [screens.NAME.prometheus]: a dashboard has a schema of its own (libs/prom), so the table is
  // kept whole, as TOML text, for the source to parse.
  void store_dashboard(const toml::node& node) {
    const toml::table* table = node.as_table();
    if (!table) {
      error(node, join_key(path_) + ": expected a table (a dashboard), got " + describe_node(node));
      return;
    }
    // Written as a document: an inline table (prometheus = { ... }) would print as "{ ... }".
    toml::table document = *table;
    document.is_inline(false);
    std::ostringstream text;
    text << toml::toml_formatter(document);
    config_.screens[path_[1]].prometheus = text.str();
  }

  // A table of named instances ([screens.NAME], [themes.NAME]): each child is created even when
  // empty, so `[screens.side]` alone defines a screen with default settings.
  void visit_collection(const toml::node& node, Section section) {
    const toml::table* table = node.as_table();
    if (!table) {
      error(node, join_key(path_) + ": expected a table, got " + describe_node(node));
      return;
    }
    for (const auto& [key, child] : *table) {
      path_.emplace_back(key.str());
      if (!is_valid_instance_name(key.str())) {
        error(key.source(), join_key(path_) + ": " + name_rule(section));
      } else if (!child.is_table()) {
        error(child, join_key(path_) + ": expected a table, got " + describe_node(child));
      } else {
        ensure_instance(config_, section, key.str());
        visit(child);
      }
      path_.pop_back();
    }
  }

  void visit_table(const toml::table& table) {
    // An empty unknown table is reported itself; otherwise each unknown key below it is, so
    // that "[sever] port = 1" suggests "server.port".
    if (table.empty() && !is_section(path_)) warn_unknown(table);
    for (const auto& [key, child] : table) {
      path_.emplace_back(key.str());
      visit(child);
      path_.pop_back();
    }
  }

  void warn_unknown(const toml::node& node) {
    std::string message = "unknown key " + quote_toml(join_key(path_));
    if (const std::string suggestion = suggest_key(path_); !suggestion.empty()) {
      message += " (did you mean " + quote_toml(suggestion) + "?)";
    }
    add(node.source(), std::move(message), true);
  }

  void error(const toml::node& node, const std::string& message) { error(node.source(), message); }
  void error(const toml::source_region& region, const std::string& message) {
    add(region, message, false);
  }
  void add(const toml::source_region& region, std::string message, bool warning) {
    messages_.push_back({region.begin.line, region.begin.column,
                         location_prefix(origin_, region) + message, warning});
  }

  struct Message {
    toml::source_index line;
    toml::source_index column;
    std::string text;
    bool warning;
  };

  std::string_view origin_;
  ServerConfig& config_;
  KeyPath path_;
  std::vector<Message> messages_;
};

}  // namespace

std::string location_prefix(std::string_view origin, const toml::source_region& region) {
  std::string out(origin.empty() ? "<config>" : origin);
  if (region.begin.line > 0) {
    out += ':' + std::to_string(region.begin.line) + ':' + std::to_string(region.begin.column);
  }
  return out + ": ";
}

void read_toml(const toml::table& document, std::string_view origin, ServerConfig& config,
               LoadResult& out) {
  TomlReader reader(origin, config);
  reader.visit(document);
  reader.flush(out);
}

}  // namespace tfts::config
