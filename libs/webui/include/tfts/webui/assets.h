// The web UI's static files (web/decoder/*.js, web/ui/**), compiled into the binary so the
// server serves them without a file system. Generated at build time by libs/webui/cmake/
// embed_assets.cmake from the files themselves; editing a file rebuilds the table.
#pragma once

#include <span>
#include <string_view>

namespace tfts::webui {

/// One embedded file. All views point at static storage and stay valid for the whole program.
struct WebAsset {
  std::string_view path;          ///< relative to web/, '/'-separated: "decoder/decoder.js"
  std::string_view content_type;  ///< by extension: "text/javascript", "text/html; charset=utf-8"
  std::string_view bytes;         ///< the file's exact contents (may contain NULs)
};

/// The asset at `path` (relative to web/, no leading '/', case-sensitive, exact match: no
/// normalisation, so "../x" or "decoder//decoder.js" find nothing), or nullptr. Thread-safe.
[[nodiscard]] const WebAsset* find_web_asset(std::string_view path);

/// Every embedded asset, sorted by path (strictly increasing).
[[nodiscard]] std::span<const WebAsset> web_assets();

}  // namespace tfts::webui
