#include "tfts/webui/assets.h"

#include <algorithm>

namespace tfts::webui {

// web_assets() is generated (embed_assets.cmake) with the table sorted by path.
const WebAsset* find_web_asset(std::string_view path) {
  const std::span<const WebAsset> all = web_assets();
  const auto it = std::lower_bound(all.begin(), all.end(), path,
                                   [](const WebAsset& a, std::string_view p) { return a.path < p; });
  if (it == all.end() || it->path != path) return nullptr;
  return &*it;
}

}  // namespace tfts::webui
