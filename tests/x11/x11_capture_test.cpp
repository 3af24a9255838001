// Screen, region and monitor capture against a real Xvfb: the pixels a test client drew, at
// the right places; idle screens cost no pixels (DAMAGE); the pointer is composited (XFIXES);
// the GetImage fallback, a 16-bit screen, RandR monitors and screen resizes.
#include "x11_fixture.h"

namespace tfts::x11::testing {
namespace {

class X11Capture : public XvfbTest {};

TEST_F(X11Capture, WholeScreenShowsTheDrawnPixels) {
  client_->create_window("tfts capture", "tfts", "TftsTest", {100, 80, 200, 120});
  client_->fill(client_->root(), {700, 500, 30, 20}, 0xFFFFFF);
  auto s = make("cursor=0");
  core::RgbPlane frame;
  const GrabResult r = grab_changed(*s, frame);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  ASSERT_EQ(frame.width(), 1024);
  ASSERT_EQ(frame.height(), 768);
  EXPECT_TRUE(shows_pattern(frame, 100, 80, 200, 120));
  EXPECT_EQ(frame.at(99, 80), kRootColour);
  EXPECT_EQ(frame.at(300, 200), kRootColour);
  EXPECT_EQ(frame.at(700, 500), 0xFFFFFFu);
  EXPECT_EQ(frame.at(729, 519), 0xFFFFFFu);
  EXPECT_EQ(frame.at(730, 519), kRootColour);
  EXPECT_EQ(frame.at(0, 0), kRootColour);
  EXPECT_EQ(frame.at(1023, 767), kRootColour);
}

TEST_F(X11Capture, RegionIsCutFromTheScreenAndClippedAtItsEdge) {
  client_->create_window("tfts region", "tfts", "TftsTest", {100, 80, 200, 120});
  auto s = make("geometry=300x200+50+40;cursor=0");
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  ASSERT_EQ(frame.width(), 300);
  ASSERT_EQ(frame.height(), 200);
  EXPECT_TRUE(shows_pattern(frame, 50, 40, 200, 120));
  EXPECT_EQ(frame.at(0, 0), kRootColour);

  // Partly off the screen: the frame is the visible part.
  auto edge = make("geometry=200x100+900+700;cursor=0");
  ASSERT_EQ(grab_changed(*edge, frame).status, GrabStatus::changed);
  EXPECT_EQ(frame.width(), 124);
  EXPECT_EQ(frame.height(), 68);

  auto outside = make("geometry=10x10+2000+0;cursor=0");
  const GrabResult r = outside->grab(frame, Clock::now());
  EXPECT_EQ(r.status, GrabStatus::failed);
  EXPECT_TRUE(contains(r.message, "lies outside the 1024x768 screen")) << r.message;
}

TEST_F(X11Capture, IdleScreenIsUnchangedUntilTheAreaIsDrawnOn) {
  auto s = make("geometry=200x200+100+100;cursor=0");
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  const uint32_t* pixels = frame.data();
  for (int i = 0; i < 10; ++i) {
    std::this_thread::sleep_for(5ms);
    EXPECT_EQ(s->grab(frame, Clock::now()).status, GrabStatus::unchanged) << i;
  }
  // Drawing elsewhere on the screen does not count.
  client_->fill(client_->root(), {500, 500, 50, 50}, 0xFF0000);
  for (int i = 0; i < 5; ++i) {
    std::this_thread::sleep_for(5ms);
    EXPECT_EQ(s->grab(frame, Clock::now()).status, GrabStatus::unchanged) << i;
  }
  // Drawing inside does, and shows.
  client_->fill(client_->root(), {150, 150, 10, 10}, 0x00FF00);
  ASSERT_EQ(grab_changed(*s, frame, 2000ms).status, GrabStatus::changed);
  EXPECT_EQ(frame.at(50, 50), 0x00FF00u);
  EXPECT_EQ(frame.at(49, 50), kRootColour);
  EXPECT_EQ(frame.data(), pixels) << "same size: the caller's buffer is reused";
  EXPECT_EQ(s->grab(frame, Clock::now()).status, GrabStatus::unchanged);
}

TEST_F(X11Capture, WithoutDamageEveryGrabReads) {
  auto s = make("damage=0;cursor=0;geometry=64x64");
  core::RgbPlane frame;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(s->grab(frame, Clock::now()).status, GrabStatus::changed);
}

TEST_F(X11Capture, PointerIsCompositedAndFollowed) {
  client_->warp_pointer(200, 200);
  auto with = make("geometry=100x100+150+150");
  auto without = make("geometry=100x100+150+150;cursor=0");
  core::RgbPlane a, b;
  ASSERT_EQ(grab_changed(*with, a).status, GrabStatus::changed);
  ASSERT_EQ(grab_changed(*without, b).status, GrabStatus::changed);
  // Xvfb's root cursor (an X shape) is drawn around its hot spot at (200, 200) = (50, 50) here.
  int differ = 0;
  for (int y = 0; y < 100; ++y) {
    for (int x = 0; x < 100; ++x) differ += a.at(x, y) != b.at(x, y);
  }
  EXPECT_GT(differ, 20) << "the pointer's pixels";
  EXPECT_EQ(b.at(50, 50), kRootColour);
  EXPECT_EQ(a.at(0, 0), kRootColour) << "far from the pointer nothing changes";

  // The pointer moves within the area: a new picture without new damage.
  client_->warp_pointer(230, 180);
  const GrabResult moved = grab_changed(*with, a, 2000ms);
  ASSERT_EQ(moved.status, GrabStatus::changed);
  // It leaves the area: what it covered is back, exactly.
  client_->warp_pointer(600, 600);
  ASSERT_EQ(grab_changed(*with, a, 2000ms).status, GrabStatus::changed);
  EXPECT_EQ(a, b);
  EXPECT_EQ(with->grab(a, Clock::now()).status, GrabStatus::unchanged);
  // Moving elsewhere on the screen is no news for this area.
  client_->warp_pointer(700, 500);
  EXPECT_EQ(with->grab(a, Clock::now()).status, GrabStatus::unchanged);
}

TEST_F(X11Capture, MonitorByName) {
  client_->create_window("tfts monitor", "tfts", "TftsTest", {600, 100, 200, 120});
  ASSERT_TRUE(client_->set_monitor("TFTS-RIGHT", {512, 0, 512, 768}));
  auto s = make("monitor=TFTS-RIGHT;cursor=0");
  core::RgbPlane frame;
  const GrabResult r = grab_changed(*s, frame);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_EQ(frame.width(), 512);
  EXPECT_EQ(frame.height(), 768);
  EXPECT_TRUE(shows_pattern(frame, 88, 100, 200, 120));

  // geometry= is relative to the monitor.
  auto part = make("monitor=TFTS-RIGHT;geometry=100x50+88+100;cursor=0");
  ASSERT_EQ(grab_changed(*part, frame).status, GrabStatus::changed);
  EXPECT_EQ(frame.width(), 100);
  EXPECT_EQ(frame.at(0, 0), kTopLeft);

  auto missing = make("monitor=NOPE");
  const GrabResult m = missing->grab(frame, Clock::now());
  EXPECT_EQ(m.status, GrabStatus::failed);
  EXPECT_TRUE(contains(m.message, "no monitor or output named 'NOPE'")) << m.message;
  EXPECT_TRUE(contains(m.message, "TFTS-RIGHT")) << "lists the names there are: " << m.message;
}

TEST_F(X11Capture, ScreenResizeChangesTheFrame) {
  auto s = make("cursor=0");
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  ASSERT_EQ(frame.width(), 1024);
  if (!client_->set_screen_size(800, 600)) GTEST_SKIP() << "this Xvfb cannot resize its screen";
  const GrabResult r = grab_until(
      *s, frame, [&](const GrabResult&) { return frame.width() == 800; }, 3000ms);
  EXPECT_EQ(frame.width(), 800) << r.message;
  EXPECT_EQ(frame.height(), 600);
  ASSERT_TRUE(client_->set_screen_size(1024, 768));
  client_->fill(client_->root(), {1000, 700, 24, 68}, 0xFFFFFF);
  grab_until(*s, frame, [&](const GrabResult&) { return frame.width() == 1024; }, 3000ms);
  ASSERT_EQ(frame.width(), 1024);
  EXPECT_EQ(frame.height(), 768);
  grab_until(*s, frame, [&](const GrabResult&) { return frame.at(1023, 767) == 0xFFFFFFu; });
  EXPECT_EQ(frame.at(1023, 767), 0xFFFFFFu) << "the pixels of the grown screen";
}

TEST(X11Fallback, GetImageWhenTheServerHasNoShm) {
  XvfbServer xvfb;
  std::string error;
  ASSERT_TRUE(xvfb.start({640, 480, 24, {"-extension", "MIT-SHM"}}, error)) << error;
  TestClient client(xvfb.display());
  client.fill_root(kRootColour);
  client.create_window("tfts noshm", "tfts", "TftsTest", {10, 20, 64, 48});
  auto s = make_x11_source("display=" + xvfb.display() + ";cursor=0", error);
  ASSERT_TRUE(s) << error;
  core::RgbPlane frame;
  const GrabResult r = grab_changed(*s, frame);
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_TRUE(shows_pattern(frame, 10, 20, 64, 48));
}

TEST_F(X11Capture, ShmOffReadsTheSamePixels) {
  client_->create_window("tfts shm", "tfts", "TftsTest", {10, 20, 64, 48});
  auto shm = make("cursor=0;geometry=100x100");
  auto plain = make("cursor=0;geometry=100x100;shm=0");
  core::RgbPlane a, b;
  ASSERT_EQ(grab_changed(*shm, a).status, GrabStatus::changed);
  ASSERT_EQ(grab_changed(*plain, b).status, GrabStatus::changed);
  EXPECT_TRUE(shows_pattern(b, 10, 20, 64, 48));
  EXPECT_EQ(a, b);
}

TEST(X11Depth16, SixteenBitScreen) {
  XvfbServer xvfb;
  std::string error;
  ASSERT_TRUE(xvfb.start({640, 480, 16, {}}, error)) << error;
  TestClient client(xvfb.display());
  client.fill_root(kRootColour);
  client.create_window("tfts 565", "tfts", "TftsTest", {10, 20, 64, 48});
  auto s = make_x11_source("display=" + xvfb.display() + ";cursor=0", error);
  ASSERT_TRUE(s) << error;
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  // The colours were chosen to survive RGB565 exactly.
  EXPECT_TRUE(shows_pattern(frame, 10, 20, 64, 48));
  EXPECT_EQ(frame.at(0, 0), kRootColour);
}

}  // namespace
}  // namespace tfts::x11::testing
