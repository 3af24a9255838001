// When there is no X display, or it goes away and comes back.
#include <signal.h>

#include "connection.h"
#include "x11_fixture.h"

namespace tfts::x11::testing {
namespace {

TEST(X11NoDisplay, ClearErrorAndNoWaiting) {
  std::string display(":");  // appended: GCC 12 -Wrestrict misfires on ":" + std::string
  display += std::to_string(unused_display_number());
  std::string error;
  auto s = make_x11_source("display=" + display, error);
  ASSERT_TRUE(s) << error;
  core::RgbPlane frame;
  const auto before = Clock::now();
  const GrabResult r = s->grab(frame, Clock::now());
  EXPECT_LT(Clock::now() - before, 200ms);
  ASSERT_EQ(r.status, GrabStatus::failed);
  EXPECT_TRUE(contains(r.message, "x11: cannot open X display " + display + ": ")) << r.message;
  EXPECT_TRUE(frame.empty());
  // Retries are spaced out: the next grab does not try again at once, and says the same.
  const GrabResult again = s->grab(frame, Clock::now());
  EXPECT_EQ(again.message, r.message);
}

TEST(X11NoDisplay, BadDisplayName) {
  std::string error;
  auto s = make_x11_source("display=no-colon-here", error);
  ASSERT_TRUE(s) << error;
  core::RgbPlane frame;
  const GrabResult r = grab_until(
      *s, frame, [](const GrabResult& g) { return !contains(g.message, "no answer yet"); });
  EXPECT_TRUE(contains(r.message, "not a valid display name")) << r.message;
}

class X11Recovery : public XvfbTest {};

TEST_F(X11Recovery, ReconnectsAfterTheServerRestarts) {
  client_->create_window("Editor", "tfts", "TftsTest", {10, 10, 80, 60});
  auto screen = make("cursor=0;geometry=200x200");
  auto window = make("cursor=0;window=Editor");
  core::RgbPlane a, b;
  ASSERT_EQ(grab_changed(*screen, a).status, GrabStatus::changed);
  ASSERT_EQ(grab_changed(*window, b).status, GrabStatus::changed);

  client_.reset();
  xvfb_.stop();
  GrabResult r = screen->grab(a, Clock::now());
  ASSERT_EQ(r.status, GrabStatus::failed);
  EXPECT_TRUE(contains(r.message, "x11: lost X display " + xvfb_.display())) << r.message;
  EXPECT_EQ(a.width(), 200) << "the last picture stays";
  r = grab_until(*screen, a, [](const GrabResult& g) { return contains(g.message, "cannot open"); });
  EXPECT_TRUE(contains(r.message, "cannot open X display")) << r.message;
  window->grab(b, Clock::now());

  std::string error;
  ASSERT_TRUE(xvfb_.restart(error)) << error;
  connect_client();
  client_->fill(client_->root(), {0, 0, 50, 50}, 0x00FF00);
  // The backoff is at most kLastRetry.
  r = grab_until(*screen, a, [&](const GrabResult& g) {
    return g.status == GrabStatus::changed && a.at(0, 0) == 0x00FF00u;
  });
  EXPECT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_EQ(a.at(0, 0), 0x00FF00u);

  client_->create_window("Editor", "tfts", "TftsTest", {300, 300, 90, 70});
  r = grab_until(*window, b, [&](const GrabResult& g) { return g.status == GrabStatus::changed; });
  ASSERT_EQ(r.status, GrabStatus::changed) << r.message;
  EXPECT_EQ(b.width(), 90);
  EXPECT_TRUE(shows_pattern(b, 0, 0, 90, 70));
}

TEST_F(X11Recovery, HungServerDoesNotHoldGrab) {
  // With the pointer on, every grab asks the server where it is: a round trip.
  auto s = make("geometry=64x64");
  core::RgbPlane frame;
  ASSERT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  kill(xvfb_.pid(), SIGSTOP);
  const auto before = Clock::now();
  const GrabResult r = s->grab(frame, Clock::now());
  const auto took = Clock::now() - before;
  // A new source cannot even connect: the attempt waits on its own thread.
  auto fresh = make("cursor=0;geometry=64x64");
  const auto before_fresh = Clock::now();
  const GrabResult f = fresh->grab(frame, Clock::now());
  const auto took_fresh = Clock::now() - before_fresh;
  kill(xvfb_.pid(), SIGCONT);

  EXPECT_EQ(r.status, GrabStatus::failed);
  EXPECT_TRUE(contains(r.message, "did not answer within 500 ms; reconnecting")) << r.message;
  EXPECT_LT(took, Connection::kReplyTimeout + 200ms);
  EXPECT_EQ(f.status, GrabStatus::failed);
  EXPECT_TRUE(contains(f.message, "no answer yet")) << f.message;
  EXPECT_LT(took_fresh, kConnectWait + 200ms);
  // Once the server runs again, both capture.
  EXPECT_EQ(grab_changed(*s, frame).status, GrabStatus::changed);
  EXPECT_EQ(grab_changed(*fresh, frame).status, GrabStatus::changed);
}

}  // namespace
}  // namespace tfts::x11::testing
