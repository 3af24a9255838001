// Window capture against a real Xvfb: found by title, class or regex; followed when it moves
// or resizes; reported clearly when missing, hidden or closed; found again when it comes back.
#include "x11_fixture.h"

namespace tfts::x11::testing {
namespace {

class X11Window : public XvfbTest {};

TEST_F(X11Window, ByTitleFollowsMovesAndResizes) {
  client_->create_window("Some other window", "other", "Other", {0, 0, 300, 300});
  const xcb_window_t w =
      client_->create_window("Editor - notes.txt", "tfts", "TftsTest", {100, 80, 200, 120});
  auto s = make("window=Editor;cursor=0");
  core::RgbPlane frame;
  GrabResult r = grab_changed(*s, frame);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  ASSERT_EQ(frame.width(), 200);
  ASSERT_EQ(frame.height(), 120);
  EXPECT_TRUE(shows_pattern(frame, 0, 0, 200, 120));
  EXPECT_EQ(s->grab(frame, Clock::now()).status, GrabStatus::unchanged);

  client_->move(w, 500, 400);
  r = grab_changed(*s, frame);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_TRUE(shows_pattern(frame, 0, 0, 200, 120));

  client_->resize(w, 160, 90);
  r = grab_until(*s, frame, [&](const GrabResult&) { return frame.width() == 160; });
  ASSERT_EQ(frame.width(), 160) << r.message;
  ASSERT_EQ(frame.height(), 90);
  grab_until(*s, frame, [&](const GrabResult&) { return shows_pattern(frame, 0, 0, 160, 90); });
  EXPECT_TRUE(shows_pattern(frame, 0, 0, 160, 90));

  // Partly off the screen: clipped to what is visible.
  client_->move(w, 1000, 700);
  grab_until(*s, frame, [&](const GrabResult&) { return frame.width() == 24; });
  EXPECT_EQ(frame.width(), 24);
  EXPECT_EQ(frame.height(), 68);
  EXPECT_EQ(frame.at(0, 0), kTopLeft);
}

TEST_F(X11Window, ByClassAndByRegex) {
  client_->create_window("first", "alpha", "AlphaClass", {0, 0, 100, 100});
  client_->create_window("second", "beta", "BetaClass", {200, 0, 64, 32});
  core::RgbPlane frame;
  for (const char* options : {"class=BetaClass", "class=beta", "window=/^sec.nd$/",
                              "window=/SECOND/i", "class=/^Beta/;window=sec"}) {
    auto s = make(std::string(options) + ";cursor=0");
    const GrabResult r = grab_changed(*s, frame);
    ASSERT_EQ(r.status, GrabStatus::changed) << options << ": " << r.message;
    EXPECT_EQ(frame.width(), 64) << options;
    EXPECT_EQ(frame.height(), 32) << options;
  }
}

TEST_F(X11Window, GeometryCropsTheWindow) {
  client_->create_window("cropped", "tfts", "TftsTest", {300, 200, 200, 120});
  auto s = make("window=cropped;geometry=50x40+100+60;cursor=0");
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  EXPECT_EQ(frame.width(), 50);
  EXPECT_EQ(frame.height(), 40);
  EXPECT_EQ(frame.at(0, 0), kBottomRight);
}

TEST_F(X11Window, NotFoundThenAppears) {
  auto s = make("window=Editor;cursor=0");
  core::RgbPlane frame;
  const auto before = Clock::now();
  GrabResult r = s->grab(frame, Clock::now());
  EXPECT_EQ(r.status, GrabStatus::failed);
  EXPECT_EQ(r.message, "x11: no window matches title 'Editor'");
  EXPECT_LT(Clock::now() - before, 500ms);
  auto by_class = make("class=/^Nope$/i;window=x");
  r = by_class->grab(frame, Clock::now());
  EXPECT_EQ(r.message, "x11: no window matches title 'x' and class /^Nope$/i");

  client_->create_window("Editor", "tfts", "TftsTest", {10, 10, 80, 60});
  r = grab_changed(*s, frame, 3000ms);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_EQ(frame.width(), 80);
}

TEST_F(X11Window, ClosedIsReportedAndAReopenedOneIsFound) {
  xcb_window_t w = client_->create_window("Editor", "tfts", "TftsTest", {10, 10, 80, 60});
  auto s = make("window=Editor;cursor=0");
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);

  client_->destroy(w);
  GrabResult r = s->grab(frame, Clock::now());
  ASSERT_EQ(r.status, GrabStatus::failed);
  EXPECT_TRUE(contains(r.message, "x11: window 'Editor' closed")) << r.message;
  EXPECT_EQ(frame.width(), 80) << "the last picture stays";
  // The sentence stays while nothing matches (one log line, not one per search).
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(s->grab(frame, Clock::now()).message, r.message);

  w = client_->create_window("Editor again", "tfts", "TftsTest", {300, 300, 100, 50});
  r = grab_changed(*s, frame, 3000ms);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_EQ(frame.width(), 100);
  EXPECT_TRUE(shows_pattern(frame, 0, 0, 100, 50));
}

TEST_F(X11Window, HiddenWindowIsReportedAndComesBack) {
  const xcb_window_t w = client_->create_window("Editor", "tfts", "TftsTest", {10, 10, 80, 60});
  auto s = make("window=Editor;cursor=0");
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  client_->unmap(w);
  GrabResult r = s->grab(frame, Clock::now());
  EXPECT_EQ(r.status, GrabStatus::failed);
  EXPECT_EQ(r.message, "x11: window 'Editor' is not visible (unmapped or minimised)");
  client_->map(w);
  client_->paint(w, 80, 60);
  r = grab_changed(*s, frame);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_TRUE(shows_pattern(frame, 0, 0, 80, 60));
}

TEST_F(X11Window, SearchIsRateLimited) {
  auto s = make("window=Editor;cursor=0");
  core::RgbPlane frame;
  const auto t0 = Clock::now();
  EXPECT_EQ(s->grab(frame, t0).status, GrabStatus::failed);
  client_->create_window("Editor", "tfts", "TftsTest", {10, 10, 80, 60});
  // Within kSearchInterval of the last search (on the source's clock) nothing is searched.
  EXPECT_EQ(s->grab(frame, t0 + kSearchInterval / 2).status, GrabStatus::failed);
  EXPECT_EQ(s->grab(frame, t0 + kSearchInterval).status, GrabStatus::changed);
}

}  // namespace
}  // namespace tfts::x11::testing
