#include "tfts/server/control_routes.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "tfts/config/config_loader.h"
#include "tfts/config/config_schema.h"
#include "tfts/config/screen_edit.h"
#include "tfts/http/access_guard.h"
#include "tfts/server/server.h"
#include "tfts/source/source_factory.h"

namespace tfts::server {
namespace {

using nlohmann::json;

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string_view section_name(config::Section section) {
  switch (section) {
    case config::Section::server: return "server";
    case config::Section::screen: return "screen";
    case config::Section::theme: return "theme";
    case config::Section::legacy: return "legacy";
  }
  return "unknown";
}

// Identifiers for programs (docs/http-api.md), where kind_name() words it for people.
std::string_view kind_id(config::Kind kind) {
  switch (kind) {
    case config::Kind::string: return "string";
    case config::Kind::integer: return "integer";
    case config::Kind::real: return "real";
    case config::Kind::boolean: return "boolean";
    case config::Kind::string_list: return "string_list";
    case config::Kind::crop: return "crop";
    case config::Kind::rgb: return "rgb";
    case config::Kind::color: return "color";
  }
  return "unknown";
}

json schema_json() {
  json keys = json::array();
  for (const config::SchemaEntry& e : config::schema()) {
    json k{{"key", e.key},
           {"section", section_name(e.section())},
           {"kind", kind_id(e.kind)},
           {"default", e.default_text},
           {"allowed", json::array()},
           {"help", e.help},
           // Screens change while the server runs (POST /api/screens/NAME); the rest at start.
           {"runtime", e.section() == config::Section::screen}};
    if (e.range) {
      k["min"] = e.range->min;
      k["max"] = e.range->max;
    }
    for (const std::string_view a : e.allowed) k["allowed"].push_back(a);
    keys.push_back(std::move(k));
  }
  return {{"keys", std::move(keys)}};
}

json screen_json(const config::ServerConfig& cfg, const std::string& name) {
  json values = json::object();
  for (const auto& [key, text] : config::screen_values(cfg, name)) values[key] = text;
  return values;
}

// A JSON value as override text: strings as they are, numbers and booleans as JSON writes
// them (shortest exact form), arrays joined with commas, null as "" (no crop, no list).
bool to_override_text(const json& v, std::string& out) {
  if (v.is_string()) {
    out = v.get<std::string>();
  } else if (v.is_number() || v.is_boolean()) {
    out = v.dump();
  } else if (v.is_null()) {
    out.clear();
  } else if (v.is_array()) {
    out.clear();
    for (size_t i = 0; i < v.size(); ++i) {
      std::string text;
      if (v[i].is_array() || v[i].is_object() || !to_override_text(v[i], text)) return false;
      if (i > 0) out += ',';
      out += text;
    }
  } else {
    return false;
  }
  return true;
}

http::Response change_screen(Server& server, const http::Request& req) {
  if (auto refused = http::require_json(req)) return std::move(*refused);
  constexpr std::string_view kPrefix = "/api/screens/";
  const std::string name = req.path.substr(kPrefix.size());
  if (!server.config().screens.contains(name)) {
    return http::Response::error(404, "no screen called '" + name + "'");
  }
  json body;
  try {
    body = json::parse(req.body);
  } catch (const json::parse_error& e) {
    return http::Response::error(400, std::string("the body is not JSON: ") + e.what());
  }
  if (!body.is_object()) {
    return http::Response::error(400, "the body must be a JSON object of key: value");
  }
  std::vector<config::KeyText> changes;
  for (const auto& [key, value] : body.items()) {
    std::string text;
    if (!to_override_text(value, text)) {
      return http::Response::error(400, "'" + key + "': expected a string, number, boolean, "
                                                    "null or a flat array");
    }
    changes.emplace_back(key, std::move(text));
  }
  const config::ScreenEdit edit = server.change_screen(name, changes);
  if (!edit.ok()) {
    json errors = json::array();
    for (const auto& e : edit.errors) errors.push_back({{"key", e.key}, {"message", e.message}});
    const auto& first = edit.errors.front();
    json j{{"error", first.key.empty() ? first.message : first.key + ": " + first.message},
           {"errors", std::move(errors)}};
    return http::Response::json(400, dump(j));
  }
  return http::Response::json(200, dump({{"screen", screen_json(server.config(), name)}}));
}

}  // namespace

void add_control_routes(http::Router& router, Server& server) {
  router.add("GET", "/api/schema", [schema = dump(schema_json())](const http::Request&) {
    return http::Response::json(200, schema);
  });

  router.add("GET", "/api/sources", [](const http::Request&) {
    json kinds = json::array();
    for (const auto& k : source::source_kinds()) {
      kinds.push_back({{"kind", k.name}, {"syntax", k.syntax}, {"description", k.description}});
    }
    return http::Response::json(200, dump({{"sources", std::move(kinds)}}));
  });

  router.add("GET", "/api/config", [&server](const http::Request&) {
    config::ServerConfig shown = server.config();
    if (!shown.http_token.empty()) shown.http_token = "(hidden)";  // the caller has it anyway
    json screens = json::object();
    for (const auto& [name, screen] : shown.screens) screens[name] = screen_json(shown, name);
    json j{{"path", server.config_file().empty() ? json(nullptr) : json(server.config_file())},
           {"saved", server.config_saved()},
           {"screens", std::move(screens)},
           {"toml", config::to_toml(shown)}};
    return http::Response::json(200, dump(j));
  });

  router.add_prefix("POST", "/api/screens/", [&server](const http::Request& req) {
    return change_screen(server, req);
  });

  router.add("POST", "/api/config/save", [&server](const http::Request& req) {
    if (auto refused = http::require_json(req)) return std::move(*refused);
    std::string error;
    size_t bytes = 0;
    if (!server.save_config(error, bytes)) {
      return http::Response::error(server.config_file().empty() ? 409 : 500, error);
    }
    return http::Response::json(200, dump({{"path", server.config_file()}, {"bytes", bytes}}));
  });
}

}  // namespace tfts::server
