// make_source: spec parsing, the kinds' own errors, and the usage table.
#include "tfts/source/source_factory.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "support/temp_dir.h"

namespace tfts::source {
namespace {

std::unique_ptr<FrameSource> make(const std::string& text, std::string& error, double fps = 30,
                                  bool loop = true) {
  SourceSpec spec;
  spec.spec = text;
  spec.fps = fps;
  spec.loop = loop;
  return make_source(spec, error);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(SourceFactory, TestCard) {
  std::string error;
  auto source = make("test", error);
  ASSERT_TRUE(source) << error;
  EXPECT_EQ(source->describe(), "test:640x480");
  source = make("test:320x240", error);
  ASSERT_TRUE(source) << error;
  EXPECT_EQ(source->describe(), "test:320x240");
  source = make("test:240X135", error);
  ASSERT_TRUE(source) << error;
  EXPECT_EQ(source->describe(), "test:240x135");
  core::RgbPlane frame;
  EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::changed);
  EXPECT_EQ(frame.width(), 240);
}

TEST(SourceFactory, TestCardBadSizes) {
  for (const char* spec : {"test:", "test:320", "test:x240", "test:320x", "test:0x240",
                           "test:320x240x", "test:-320x240", "test:99999x10", "test: 320x240",
                           "test:320 x240", "test:8x8", "test:abc"}) {
    std::string error;
    EXPECT_FALSE(make(spec, error)) << spec;
    EXPECT_TRUE(contains(error, "WxH")) << spec << ": " << error;
  }
}

TEST(SourceFactory, Images) {
  test::TempDir dir;
  dir.write_png("a.png", 2, 2, 0x123456);
  dir.write_png("b.png", 2, 2, 0x654321);
  std::string error;
  auto source = make("images:" + dir.path(), error, 12, false);
  ASSERT_TRUE(source) << error;
  EXPECT_EQ(source->describe(), "images:" + dir.path() + " (2 files, 12 fps, once)");
  // fps and loop reach the source: at 12 fps, 0.5 s is past the end of two files.
  core::RgbPlane frame;
  const Clock::time_point t0 = Clock::now();
  EXPECT_EQ(source->grab(frame, t0).status, GrabStatus::changed);
  EXPECT_EQ(source->grab(frame, t0 + std::chrono::milliseconds(500)).status, GrabStatus::changed);
  EXPECT_EQ(frame.at(0, 0), 0x654321u);
  EXPECT_EQ(source->grab(frame, t0 + std::chrono::milliseconds(600)).status, GrabStatus::finished);
}

TEST(SourceFactory, ImagesDirectoryMayContainAColon) {
  test::TempDir dir;
  const std::string sub = dir.file("clip:one");
  std::filesystem::create_directory(sub);
  std::string error;
  EXPECT_TRUE(core::save_png(sub + "/0.png", core::RgbPlane(2, 2), error)) << error;
  EXPECT_TRUE(make("images:" + sub, error)) << error;
}

TEST(SourceFactory, ImagesErrors) {
  for (const char* spec : {"images", "images:"}) {
    std::string error;
    EXPECT_FALSE(make(spec, error)) << spec;
    EXPECT_TRUE(contains(error, "images:DIR")) << error;
  }
  test::TempDir dir;
  std::string error;
  EXPECT_FALSE(make("images:" + dir.file("missing"), error));
  EXPECT_TRUE(contains(error, "does not exist")) << error;
  EXPECT_FALSE(make("images:" + dir.path(), error));
  EXPECT_TRUE(contains(error, "no .png")) << error;
}

TEST(SourceFactory, UnknownKindListsTheKnownOnes) {
  for (const char* spec : {"webcam", "bogus:thing", "TEST", "testcard", ""}) {
    std::string error;
    EXPECT_FALSE(make(spec, error)) << spec;
    EXPECT_TRUE(contains(error, "test[:WxH]")) << error;
    EXPECT_TRUE(contains(error, "images:DIR")) << error;
  }
  std::string error;
  EXPECT_FALSE(make("bogus:thing", error));
  EXPECT_TRUE(contains(error, "unknown source 'bogus'")) << error;
}

TEST(SourceFactory, InvalidFps) {
  for (double fps : {0.0, -1.0, std::nan(""), HUGE_VAL}) {
    std::string error;
    EXPECT_FALSE(make("test", error, fps)) << fps;
    EXPECT_TRUE(contains(error, "fps")) << error;
  }
}

TEST(SourceFactory, DeviceSourcesNeedTheServersRegistry) {
  std::string error;
  SourceSpec spec;
  spec.spec = "device:panel";
  EXPECT_EQ(make_source(spec, error), nullptr);
  EXPECT_NE(error.find("only inside a running server"), std::string::npos) << error;
  spec.spec = "device:";
  DeviceRegistry registry;
  spec.devices = &registry;
  EXPECT_EQ(make_source(spec, error), nullptr);
  EXPECT_NE(error.find("device:NAME"), std::string::npos) << error;
  spec.spec = "device:panel";
  auto source = make_source(spec, error);
  ASSERT_NE(source, nullptr) << error;
  core::RgbPlane frame;
  EXPECT_EQ(source->grab(frame, Clock::now()).message, "device 'panel' has not connected yet");
  registry.connected("panel", 7);
  EXPECT_EQ(source->grab(frame, Clock::now()).message, "device 'panel' has sent no frame yet");
  registry.publish("panel", 7, std::make_shared<core::Rgb565Plane>(2, 1, 0xF800));
  registry.publish("panel", 6, std::make_shared<core::Rgb565Plane>(2, 1, 0x001F));  // stale
  EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::changed);
  EXPECT_EQ(frame.at(1, 0), 0xFF0000u);
  EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::unchanged);
  registry.disconnected("panel", 6);  // an old session leaving changes nothing
  EXPECT_EQ(source->grab(frame, Clock::now()).status, GrabStatus::unchanged);
  registry.disconnected("panel", 7);
  EXPECT_EQ(source->grab(frame, Clock::now()).message, "device 'panel' is not connected");
}

TEST(SourceFactory, Usages) {
  const std::vector<std::string> usages = source_usages();
  ASSERT_EQ(usages.size(), 7u);
  const char* starts[] = {"test[:WxH]  ", "images:DIR  ", "x11[:OPTION;...]  ", "bios[:WxH]  ",
                          "cpu[:WxH]  ", "prometheus[:FILE][@WxH]  ", "device:NAME  "};
  for (size_t i = 0; i < usages.size(); ++i) {
    EXPECT_EQ(usages[i].rfind(starts[i], 0), 0u) << usages[i];
  }
}

}  // namespace
}  // namespace tfts::source
