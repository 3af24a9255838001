// A test with its own Xvfb (1024x768x24 unless a test starts another), a TestClient drawing on
// it, and helpers to build x11 sources for that display and grab until a condition holds.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "test_client.h"
#include "tfts/x11/x11_source.h"
#include "xvfb_server.h"

namespace tfts::x11::testing {

using namespace std::chrono_literals;
using source::Clock;
using source::GrabResult;
using source::GrabStatus;

class XvfbTest : public ::testing::Test {
 protected:
  void SetUp() override { start_xvfb({}); }

  void start_xvfb(const XvfbOptions& options) {
    client_.reset();
    std::string error;
    ASSERT_TRUE(xvfb_.start(options, error)) << error;
    connect_client();
  }
  void connect_client() {
    client_ = std::make_unique<TestClient>(xvfb_.display());
    ASSERT_TRUE(client_->ok());
    client_->fill_root(kRootColour);
  }

  // An x11 source for this test's display; `options` as after "x11:" (without display=).
  std::unique_ptr<source::FrameSource> make(const std::string& options) {
    std::string error;
    auto s = make_x11_source("display=" + xvfb_.display() + (options.empty() ? "" : ";" + options),
                             error);
    EXPECT_TRUE(s) << error;
    return s;
  }

  XvfbServer xvfb_;
  std::unique_ptr<TestClient> client_;
};

// Grabs every 10 ms until `done(result)` holds or `limit` passes; returns the last result.
inline GrabResult grab_until(source::FrameSource& s, core::RgbPlane& frame,
                             const std::function<bool(const GrabResult&)>& done,
                             std::chrono::milliseconds limit = 5000ms) {
  const auto end = Clock::now() + limit;
  GrabResult r = s.grab(frame, Clock::now());
  while (!done(r) && Clock::now() < end) {
    std::this_thread::sleep_for(10ms);
    r = s.grab(frame, Clock::now());
  }
  return r;
}
// Grabs until a new picture arrives (`changed`).
inline GrabResult grab_changed(source::FrameSource& s, core::RgbPlane& frame,
                               std::chrono::milliseconds limit = 5000ms) {
  return grab_until(
      s, frame, [](const GrabResult& r) { return r.status == GrabStatus::changed; }, limit);
}

// True when `frame`'s w x h area at (x, y) shows the quadrant pattern of a w x h window.
inline ::testing::AssertionResult shows_pattern(const core::RgbPlane& frame, int x, int y, int w,
                                                int h) {
  if (x < 0 || y < 0 || x + w > frame.width() || y + h > frame.height()) {
    return ::testing::AssertionFailure() << "a " << w << "x" << h << " pattern at " << x << ","
                                         << y << " does not fit the " << frame.width() << "x"
                                         << frame.height() << " frame";
  }
  for (int j = 0; j < h; ++j) {
    for (int i = 0; i < w; ++i) {
      const uint32_t want = quadrant_colour(i, j, w, h);
      if (frame.at(x + i, y + j) != want) {
        return ::testing::AssertionFailure()
               << "pixel " << i << "," << j << " of the pattern (frame " << x + i << ","
               << y + j << ") is " << std::hex << frame.at(x + i, y + j) << ", wanted " << want;
      }
    }
  }
  return ::testing::AssertionSuccess();
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace tfts::x11::testing
