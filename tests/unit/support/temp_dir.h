// TempDir: a fresh directory for one test, removed with everything in it when the test ends.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp (POSIX)

#include <filesystem>
#include <string>
#include <system_error>

#include "tfts/core/plane.h"
#include "tfts/core/png_io.h"

namespace tfts::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tfts_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

  // Writes a solid w x h PNG named `name`.
  void write_png(const std::string& name, int w, int h, uint32_t rgb) const {
    std::string error;
    EXPECT_TRUE(core::save_png(file(name), core::RgbPlane(w, h, rgb), error)) << error;
  }

 private:
  std::string path_;
};

}  // namespace tfts::test
