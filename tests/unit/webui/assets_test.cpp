// tfts::webui: the embedded table matches the files under web/ byte for byte, is sorted, and
// find_web_asset() finds exactly the embedded paths.
#include "tfts/webui/assets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using tfts::webui::find_web_asset;
using tfts::webui::web_assets;

const fs::path kWebDir = TFTS_WEB_DIR;  // set by tests/unit/webui/CMakeLists.txt

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// What the library promises to embed, found on disk independently of CMake's globs.
std::set<std::string> expected_paths() {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(kWebDir / "decoder")) {
    if (e.is_regular_file() && e.path().extension() == ".js") {
      out.insert("decoder/" + e.path().filename().string());
    }
  }
  for (const auto& e : fs::recursive_directory_iterator(kWebDir / "ui")) {
    if (e.is_regular_file()) out.insert(fs::relative(e.path(), kWebDir).generic_string());
  }
  return out;
}

TEST(WebAssets, EmbedsExactlyTheDecoderAndUiFiles) {
  std::set<std::string> embedded;
  for (const auto& a : web_assets()) embedded.insert(std::string(a.path));
  EXPECT_EQ(embedded, expected_paths());
  EXPECT_TRUE(embedded.contains("decoder/decoder.js"));
  EXPECT_TRUE(embedded.contains("ui/display.html"));
  EXPECT_TRUE(embedded.contains("ui/display.js"));
  for (const auto& p : embedded) {
    EXPECT_FALSE(p.starts_with("decoder/test/") || p.starts_with("decoder/bench/")) << p;
  }
}

TEST(WebAssets, BytesEqualTheFilesOnDisk) {
  for (const auto& a : web_assets()) {
    EXPECT_EQ(a.bytes, read_file(kWebDir / std::string(a.path))) << a.path;
  }
}

TEST(WebAssets, SortedAndUnique) {
  const auto all = web_assets();
  ASSERT_FALSE(all.empty());
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].path, all[i].path);
}

TEST(WebAssets, ContentTypesByExtension) {
  const auto type_of = [](std::string_view path) -> std::string_view {
    const auto* a = find_web_asset(path);
    return a ? a->content_type : "(missing)";
  };
  EXPECT_EQ(type_of("decoder/decoder.js"), "text/javascript");
  EXPECT_EQ(type_of("ui/display.html"), "text/html; charset=utf-8");
  EXPECT_EQ(type_of("ui/display.js"), "text/javascript");
  for (const auto& a : web_assets()) {
    const std::string_view p = a.path;
    if (p.ends_with(".css")) {
      EXPECT_EQ(a.content_type, "text/css");
    }
    if (p.ends_with(".svg")) {
      EXPECT_EQ(a.content_type, "image/svg+xml");
    }
    if (p.ends_with(".png")) {
      EXPECT_EQ(a.content_type, "image/png");
    }
    if (p.ends_with(".json")) {
      EXPECT_EQ(a.content_type, "application/json");
    }
    if (p.ends_with(".mjs")) {
      EXPECT_EQ(a.content_type, "text/javascript");
    }
  }
}

TEST(WebAssets, FindIsExact) {
  const auto* a = find_web_asset("decoder/decoder.js");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->path, "decoder/decoder.js");
  EXPECT_TRUE(a->bytes.find("export class Decoder") != std::string_view::npos);
  EXPECT_EQ(find_web_asset(""), nullptr);
  EXPECT_EQ(find_web_asset("/decoder/decoder.js"), nullptr);
  EXPECT_EQ(find_web_asset("decoder/decoder.j"), nullptr);
  EXPECT_EQ(find_web_asset("decoder/decoder.jsx"), nullptr);
  EXPECT_EQ(find_web_asset("decoder//decoder.js"), nullptr);
  EXPECT_EQ(find_web_asset("ui/../decoder/decoder.js"), nullptr);
  EXPECT_EQ(find_web_asset("Decoder/decoder.js"), nullptr);
  EXPECT_EQ(find_web_asset("decoder/test/png.mjs"), nullptr);
  EXPECT_EQ(find_web_asset("zzz"), nullptr);
}

}  // namespace
