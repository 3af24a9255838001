// CreditWindow: one frame in flight for displays whose drawing dominates, the configured
// window for displays whose link does.
#include <gtest/gtest.h>

#include "session_fixture.h"
#include "tfts/server/credit_window.h"

namespace tfts::server {
namespace {

using namespace std::chrono_literals;
using C = CreditWindow::Clock;

TEST(CreditWindow, FullWindowUntilMeasured) {
  CreditWindow w(2);
  EXPECT_EQ(w.window(C::now()), 2);
}

TEST(CreditWindow, DrawBoundDisplayGetsOneFrame) {
  CreditWindow w(2);
  const auto t = C::now();
  w.on_ack(205ms, 200.0, true, t);  // 5 ms transfer, 200 ms drawing
  EXPECT_TRUE(w.draw_bound());
  EXPECT_EQ(w.window(t), 1);
}

TEST(CreditWindow, LinkBoundDisplayKeepsTheWindowAndIsProbed) {
  CreditWindow w(3);
  const auto t = C::now();
  w.on_ack(40ms, 10.0, true, t);  // 30 ms transfer, 10 ms drawing
  EXPECT_FALSE(w.draw_bound());
  EXPECT_EQ(w.window(t + 1s), 3);
  EXPECT_EQ(w.window(t + 6s), 1) << "a probe goes out alone after a while";
  w.on_ack(60ms, 10.0, false, t + 6s);  // a frame that queued says nothing about transfer
  EXPECT_EQ(w.window(t + 6s), 1);
  w.on_ack(41ms, 10.0, true, t + 6s);
  EXPECT_EQ(w.window(t + 6s), 3);
}

TEST(CreditWindow, SilentBusyTimesKeepTheWindow) {
  CreditWindow w(2);
  w.on_ack(3ms, 0.0, true, C::now());  // a display that reports no timings
  EXPECT_EQ(w.window(C::now()), 2);
}

// Over a session: a slow panel ends with one frame in flight, so what it draws is never a
// frame that waited behind another.
TEST(CreditWindow, SessionWithASlowPanelKeepsOneInFlight) {
  const Hello h = testing::hello_for(32, 32);
  DisplaySession s(1, h, {});
  EncodeCache cache;
  testing::FrameMaker maker;
  core::Rgb565Plane p(32, 32, 1);
  s.offer(maker.next(p), {});
  auto first = s.next_frame(cache);
  ASSERT_TRUE(first);
  std::vector<uint8_t> ack(32);
  ack.resize(client::write_ack(ack.data(), ack.size(), first->seq, {1000, 200000, 0, 0}));
  ASSERT_TRUE(s.receive(ack, Clock::now()));
  EXPECT_TRUE(s.credit().draw_bound());
  for (int i = 2; i < 6; ++i) {
    p = core::Rgb565Plane(32, 32, static_cast<uint16_t>(i));
    auto f = maker.next(p);
    s.offer(f, f->damage);
    while (s.ready()) ASSERT_TRUE(s.next_frame(cache));
  }
  EXPECT_EQ(s.in_flight(), 1u);
}

}  // namespace
}  // namespace tfts::server
