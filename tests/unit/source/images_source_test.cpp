// ImagesSource: timing from the injected clock, looping and playing once, skipping, errors.
#include "tfts/source/images_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/temp_dir.h"

namespace tfts::source {
namespace {

using std::chrono::milliseconds;
using test::TempDir;

constexpr uint32_t kColours[] = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x00FFFF,
                                 0xFF00FF, 0x808080, 0x102030, 0xFFFFFF, 0x000000};

// An arbitrary origin: the source must count from its first grab, not from the clock's epoch.
const Clock::time_point kT0 = Clock::time_point{} + std::chrono::hours(5);

// The middle of frame `n` at 10 fps, away from the boundaries.
Clock::time_point at(int n) { return kT0 + milliseconds(100 * n + 50); }

// Writes `count` 4x3 PNGs, frame_00.png, frame_01.png, ..., coloured kColours[i].
void write_clip(const TempDir& dir, int count) {
  for (int i = 0; i < count; ++i) {
    dir.write_png("frame_" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".png", 4, 3,
                  kColours[i]);
  }
}

std::unique_ptr<ImagesSource> open_clip(const TempDir& dir, bool loop, double fps = 10) {
  std::string error;
  auto source = ImagesSource::open(dir.path(), {fps, loop}, error);
  EXPECT_TRUE(source) << error;
  return source;
}

// The colour of a solid frame (its first pixel), or a marker for an empty one.
uint32_t colour(const core::RgbPlane& frame) { return frame.empty() ? 0xDEADu : frame.at(0, 0); }

TEST(ImagesSource, FrameNumberFollowsTheClock) {
  TempDir dir;
  write_clip(dir, 4);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  // The first grab sets t0, whatever the clock's value.
  EXPECT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[0]);
  for (int n = 1; n < 4; ++n) {
    EXPECT_EQ(source->grab(frame, at(n)).status, GrabStatus::changed) << n;
    EXPECT_EQ(colour(frame), kColours[n]) << n;
  }
}

TEST(ImagesSource, FrameBoundaryBelongsToTheNextFrame) {
  TempDir dir;
  write_clip(dir, 4);
  auto source = open_clip(dir, true, 30);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  // 1/30 s is not a whole number of nanoseconds; the rounded-up tick is frame 1.
  EXPECT_EQ(source->grab(frame, kT0 + std::chrono::nanoseconds(33'333'334)).status,
            GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[1]);
}

TEST(ImagesSource, UnchangedWithinOneFrameAndDoesNotDecodeAgain) {
  TempDir dir;
  write_clip(dir, 3);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  // Were the file decoded again, its absence would give `failed`.
  std::filesystem::remove(dir.file("frame_00.png"));
  for (int ms : {1, 30, 60, 99}) {
    EXPECT_EQ(source->grab(frame, kT0 + milliseconds(ms)).status, GrabStatus::unchanged) << ms;
  }
  EXPECT_EQ(colour(frame), kColours[0]);
  EXPECT_EQ(source->grab(frame, at(1)).status, GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[1]);
}

TEST(ImagesSource, LoopStartsAgainAtTheEnd) {
  TempDir dir;
  write_clip(dir, 3);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  for (int n = 1; n < 8; ++n) {
    EXPECT_EQ(source->grab(frame, at(n)).status, GrabStatus::changed) << n;
    EXPECT_EQ(colour(frame), kColours[n % 3]) << n;
  }
}

// A looping clip is decoded once: the second round plays from memory, even with the files gone.
TEST(ImagesSource, LoopPlaysLaterRoundsFromMemory) {
  TempDir dir;
  write_clip(dir, 3);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  for (int n = 1; n < 3; ++n) ASSERT_EQ(source->grab(frame, at(n)).status, GrabStatus::changed);
  for (const auto& f : source->files()) std::filesystem::remove(f);
  for (int n = 3; n < 9; ++n) {
    EXPECT_EQ(source->grab(frame, at(n)).status, GrabStatus::changed) << n;
    EXPECT_EQ(colour(frame), kColours[n % 3]) << n;
  }
}

TEST(ImagesSource, OnceFinishesAndHoldsTheLastPicture) {
  TempDir dir;
  write_clip(dir, 3);
  auto source = open_clip(dir, false);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  ASSERT_EQ(source->grab(frame, at(1)).status, GrabStatus::changed);
  ASSERT_EQ(source->grab(frame, at(2)).status, GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[2]);
  for (int n : {3, 4, 50}) {
    EXPECT_EQ(source->grab(frame, at(n)).status, GrabStatus::finished) << n;
    EXPECT_EQ(colour(frame), kColours[2]) << n;
  }
  // Finished is final, even if the clock goes back.
  EXPECT_EQ(source->grab(frame, kT0).status, GrabStatus::finished);
}

TEST(ImagesSource, OnceShowsTheLastPictureWhenTheClockJumpsPastTheEnd) {
  TempDir dir;
  write_clip(dir, 5);
  auto source = open_clip(dir, false);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  EXPECT_EQ(source->grab(frame, at(100)).status, GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[4]);
  EXPECT_EQ(source->grab(frame, at(101)).status, GrabStatus::finished);
  EXPECT_EQ(colour(frame), kColours[4]);
}

TEST(ImagesSource, OnceWithOneFile) {
  TempDir dir;
  write_clip(dir, 1);
  auto source = open_clip(dir, false);
  core::RgbPlane frame;
  EXPECT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  EXPECT_EQ(source->grab(frame, at(0)).status, GrabStatus::unchanged);
  EXPECT_EQ(source->grab(frame, at(1)).status, GrabStatus::finished);
  EXPECT_EQ(colour(frame), kColours[0]);
}

TEST(ImagesSource, SkipsFramesWhenTheScreenFallsBehind) {
  TempDir dir;
  write_clip(dir, 10);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  // The screen stalled for 0.7 s: the next grab shows frame 7, not frame 1 (latest wins).
  EXPECT_EQ(source->grab(frame, at(7)).status, GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[7]);
  EXPECT_EQ(source->grab(frame, at(8)).status, GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[8]);
  // A jump of a whole number of loops lands on the picture already shown.
  EXPECT_EQ(source->grab(frame, at(28)).status, GrabStatus::unchanged);
  EXPECT_EQ(colour(frame), kColours[8]);
}

TEST(ImagesSource, OneFileLoopDecodesOnce) {
  TempDir dir;
  write_clip(dir, 1);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  std::filesystem::remove(dir.file("frame_00.png"));
  for (int n = 1; n < 5; ++n) EXPECT_EQ(source->grab(frame, at(n)).status, GrabStatus::unchanged);
}

TEST(ImagesSource, ClockBeforeTheFirstGrabShowsTheFirstPicture) {
  TempDir dir;
  write_clip(dir, 2);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  EXPECT_EQ(source->grab(frame, kT0 - std::chrono::seconds(3)).status, GrabStatus::unchanged);
  EXPECT_EQ(colour(frame), kColours[0]);
}

TEST(ImagesSource, CorruptFileFailsNamingItAndTheNextFrameGoesOn) {
  TempDir dir;
  dir.write_png("a.png", 4, 3, kColours[0]);
  std::ofstream(dir.file("b.png")) << "this is not a PNG file";
  dir.write_png("c.png", 4, 3, kColours[2]);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  ASSERT_EQ(source->grab(frame, kT0).status, GrabStatus::changed);
  const GrabResult bad = source->grab(frame, at(1));
  EXPECT_EQ(bad.status, GrabStatus::failed);
  EXPECT_NE(bad.message.find("b.png"), std::string::npos) << bad.message;
  EXPECT_EQ(colour(frame), kColours[0]);  // the previous picture stays
  // Failed once per frame, not on every call.
  EXPECT_EQ(source->grab(frame, at(1)).status, GrabStatus::unchanged);
  EXPECT_EQ(source->grab(frame, at(2)).status, GrabStatus::changed);
  EXPECT_EQ(colour(frame), kColours[2]);
}

TEST(ImagesSource, FilesMayDifferInSize) {
  TempDir dir;
  dir.write_png("1.png", 4, 3, kColours[0]);
  dir.write_png("2.png", 7, 5, kColours[1]);
  dir.write_png("3.png", 1, 9, kColours[2]);
  auto source = open_clip(dir, true);
  core::RgbPlane frame;
  const int sizes[][2] = {{4, 3}, {7, 5}, {1, 9}, {4, 3}};
  for (int n = 0; n < 4; ++n) {
    ASSERT_EQ(source->grab(frame, n == 0 ? kT0 : at(n)).status, GrabStatus::changed) << n;
    EXPECT_EQ(frame.width(), sizes[n][0]) << n;
    EXPECT_EQ(frame.height(), sizes[n][1]) << n;
    EXPECT_EQ(colour(frame), kColours[n % 3]) << n;
  }
}

TEST(ImagesSource, KeepsTheFrameBufferWhileTheSizeStaysTheSame) {
  TempDir dir;
  write_clip(dir, 3);
  auto source = open_clip(dir, true);
  core::RgbPlane frame(4, 3);
  const uint32_t* buffer = frame.data();
  for (int n = 0; n < 3; ++n) {
    ASSERT_EQ(source->grab(frame, n == 0 ? kT0 : at(n)).status, GrabStatus::changed) << n;
    EXPECT_EQ(frame.data(), buffer) << n;
  }
}

TEST(ImagesSource, PlaysOnlyPngFilesSortedByName) {
  TempDir dir;
  dir.write_png("b.png", 2, 2, kColours[1]);
  dir.write_png("a.png", 2, 2, kColours[0]);
  dir.write_png("C.PNG", 2, 2, kColours[2]);  // byte order: upper case sorts first
  std::ofstream(dir.file("notes.txt")) << "not a picture";
  std::filesystem::create_directory(dir.file("sub.png"));  // a directory, not a file
  auto source = open_clip(dir, true);
  ASSERT_EQ(source->files().size(), 3u);
  EXPECT_EQ(source->files()[0], dir.file("C.PNG"));
  EXPECT_EQ(source->files()[1], dir.file("a.png"));
  EXPECT_EQ(source->files()[2], dir.file("b.png"));
}

TEST(ImagesSource, MissingDirectory) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(ImagesSource::open(dir.file("nowhere"), {}, error));
  EXPECT_NE(error.find("does not exist"), std::string::npos) << error;
  EXPECT_NE(error.find(dir.file("nowhere")), std::string::npos) << error;
}

TEST(ImagesSource, NotADirectory) {
  TempDir dir;
  dir.write_png("one.png", 2, 2, 0);
  std::string error;
  EXPECT_FALSE(ImagesSource::open(dir.file("one.png"), {}, error));
  EXPECT_NE(error.find("not a directory"), std::string::npos) << error;
}

TEST(ImagesSource, DirectoryWithoutPng) {
  TempDir dir;
  std::string error;
  EXPECT_FALSE(ImagesSource::open(dir.path(), {}, error));
  EXPECT_NE(error.find("no .png"), std::string::npos) << error;
  std::ofstream(dir.file("readme.txt")) << "no pictures here";
  error.clear();
  EXPECT_FALSE(ImagesSource::open(dir.path(), {}, error));
  EXPECT_NE(error.find("no .png"), std::string::npos) << error;
}

TEST(ImagesSource, InvalidFps) {
  TempDir dir;
  write_clip(dir, 1);
  for (double fps : {0.0, -5.0, std::nan("")}) {
    std::string error;
    EXPECT_FALSE(ImagesSource::open(dir.path(), {fps, true}, error)) << fps;
    EXPECT_NE(error.find("fps"), std::string::npos) << error;
  }
}

TEST(ImagesSource, Describe) {
  TempDir dir;
  write_clip(dir, 3);
  auto source = open_clip(dir, false, 12.5);
  EXPECT_EQ(source->describe(), "images:" + dir.path() + " (3 files, 12.5 fps, once)");
}

}  // namespace
}  // namespace tfts::source
