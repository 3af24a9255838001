// DisplaySession: the design's principles 1-5 on one session, without sockets.
#include <gtest/gtest.h>

#include "session_fixture.h"

namespace tfts::server {
namespace {

using testing::FrameMaker;
using testing::TestDisplay;
using testing::hello_for;

core::Rgb565Plane gradient(int w, int h, int phase) {
  core::Rgb565Plane p(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) p.at(x, y) = static_cast<uint16_t>((x * 7 + y * 131 + phase) & 0xFFFF);
  }
  return p;
}

// Sends and ACKs every frame the session is ready to send.
int drain(DisplaySession& s, TestDisplay& d, EncodeCache& cache) {
  int frames = 0;
  while (s.ready()) {
    auto f = s.next_frame(cache);
    if (!f) continue;
    EXPECT_TRUE(s.receive(d.draw(*f), Clock::now()));
    ++frames;
  }
  return frames;
}

TEST(DisplaySession, FirstFrameCoversTheDisplayAndConvergesExactly) {
  const Hello h = hello_for(64, 48);
  DisplaySession s(1, h, {});
  TestDisplay d(h);
  EncodeCache cache;
  FrameMaker maker;
  EXPECT_FALSE(s.ready()) << "nothing to send before a frame";
  s.offer(maker.next(gradient(64, 48, 0)), {});
  EXPECT_EQ(drain(s, d, cache), 1);
  EXPECT_EQ(d.framebuffer(), gradient(64, 48, 0));
  EXPECT_EQ(s.stats().full_refreshes, 1u);
}

// Principle 1: diff against what the display holds. A slow fade changes each pixel by less
// than any threshold per frame, yet the display must end exactly on the last frame.
TEST(DisplaySession, SlowFadeEndsExact) {
  const Hello h = hello_for(48, 32);
  DisplaySession s(1, h, {});
  TestDisplay d(h);
  EncodeCache cache;
  FrameMaker maker;
  core::Rgb565Plane p(48, 32);
  for (int step = 0; step < 40; ++step) {
    for (int y = 0; y < 32; ++y) {
      for (int x = 0; x < 48; ++x) p.at(x, y) = static_cast<uint16_t>(((step / 2) << 11) | step);
    }
    auto f = maker.next(p);
    s.offer(f, f->damage);
    drain(s, d, cache);
  }
  EXPECT_EQ(d.framebuffer(), p);
}

// Principles 3 and 4: at most max_in_flight frames without ACK; after an ACK the next frame
// is the newest one, not the next in a queue.
TEST(DisplaySession, SlowDisplayGetsTheNewestFrameNotAQueue) {
  const Hello h = hello_for(64, 48);
  DisplaySession s(1, h, {.max_in_flight = 2});
  TestDisplay d(h);
  EncodeCache cache;
  FrameMaker maker;
  std::vector<std::vector<uint8_t>> acks;
  ScreenFramePtr last;
  for (int i = 0; i < 10; ++i) {
    last = maker.next(gradient(64, 48, i));
    s.offer(last, last->damage);
    while (s.ready()) {
      auto f = s.next_frame(cache);
      ASSERT_TRUE(f);
      acks.push_back(d.draw(*f));
    }
  }
  EXPECT_EQ(s.stats().frames_sent, 2u) << "ten frames offered, two sent without ACK";
  EXPECT_EQ(s.in_flight(), 2u);
  ASSERT_TRUE(s.receive(acks[0], Clock::now()));
  ASSERT_TRUE(s.ready());
  auto f = s.next_frame(cache);
  ASSERT_TRUE(f);
  EXPECT_EQ(s.stats().last_sent_frame_id, last->id) << "the newest frame, skipping 2..9";
  d.draw(*f);
  EXPECT_EQ(d.framebuffer(), last->target);
}

TEST(DisplaySession, AckOutOfOrderOrWithNothingInFlightIsAViolation) {
  const Hello h = hello_for(32, 32);
  {
    DisplaySession s(1, h, {});
    std::vector<uint8_t> ack(32);
    ack.resize(client::write_ack(ack.data(), ack.size(), 0, {}));
    EXPECT_FALSE(s.receive(ack, Clock::now()));
    EXPECT_EQ(s.close_reason(), proto::Reason::protocol_violation);
    EXPECT_NE(s.close_text().find("no frame in flight"), std::string::npos);
  }
  {
    DisplaySession s(1, h, {});
    FrameMaker maker;
    EncodeCache cache;
    s.offer(maker.next(gradient(32, 32, 1)), {});
    ASSERT_TRUE(s.next_frame(cache));
    std::vector<uint8_t> ack(32);
    ack.resize(client::write_ack(ack.data(), ack.size(), 5, {}));
    EXPECT_FALSE(s.receive(ack, Clock::now()));
    EXPECT_NE(s.close_text().find("expected 0"), std::string::npos);
  }
}

TEST(DisplaySession, RefreshResendsEveryPixel) {
  const Hello h = hello_for(64, 48);
  DisplaySession s(1, h, {});
  TestDisplay d(h);
  EncodeCache cache;
  FrameMaker maker;
  s.offer(maker.next(gradient(64, 48, 0)), {});
  drain(s, d, cache);
  EXPECT_FALSE(s.ready());
  const std::vector<uint8_t> refresh{static_cast<uint8_t>(proto::MessageType::refresh)};
  ASSERT_TRUE(s.receive(refresh, Clock::now()));
  ASSERT_TRUE(s.ready());
  auto f = s.next_frame(cache);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->encoded->stats.pixels, 64 * 48);
}

// Principle 5: lossy while moving, exact once still.
TEST(DisplaySession, LossyWhileMovingThenRefinedToExact) {
  const Hello h = hello_for(64, 48);
  DisplaySession s(1, h, {.max_in_flight = 2, .max_error = 16});
  TestDisplay d(h);
  EncodeCache cache;
  FrameMaker maker;
  core::Rgb565Plane p(64, 48, 0x8410);
  s.offer(maker.next(p), {});
  drain(s, d, cache);
  // A small change (2 levels of green) is within the bound: while moving it may wait.
  for (auto& px : std::span(p.data(), 64 * 48)) px = static_cast<uint16_t>(px + (1 << 5));
  auto moved = maker.next(p);
  s.offer(moved, moved->damage);
  ASSERT_TRUE(s.ready());
  auto lossy = s.next_frame(cache);
  EXPECT_FALSE(lossy) << "the change is under the bound, nothing sent yet";
  // The source holds still: the session refines to exact on its own.
  drain(s, d, cache);
  EXPECT_EQ(d.framebuffer(), p);
}

TEST(DisplaySession, FloodingIsCutOff) {
  const Hello h = hello_for(32, 32);
  DisplaySession s(1, h, {.max_in_flight = 2, .max_error = 0, .max_messages_per_second = 50});
  const std::vector<uint8_t> keepalives(60, static_cast<uint8_t>(proto::MessageType::keepalive));
  EXPECT_FALSE(s.receive(keepalives, Clock::now()));
  EXPECT_EQ(s.close_reason(), proto::Reason::protocol_violation);
  EXPECT_NE(s.close_text().find("faster than allowed"), std::string::npos);
}

// Principle 2 and the fan-out: sessions holding the same frame share one encode.
TEST(DisplaySession, InSyncSessionsShareOneEncode) {
  const Hello h = hello_for(64, 48);
  EncodeCache cache;
  FrameMaker maker;
  std::vector<std::unique_ptr<DisplaySession>> sessions;
  std::vector<std::unique_ptr<TestDisplay>> displays;
  for (int i = 0; i < 4; ++i) {
    sessions.push_back(std::make_unique<DisplaySession>(i + 1, h, SessionSettings{}));
    displays.push_back(std::make_unique<TestDisplay>(h));
  }
  for (int step = 0; step < 5; ++step) {
    auto f = maker.next(gradient(64, 48, step * 3));
    for (size_t i = 0; i < sessions.size(); ++i) {
      sessions[i]->offer(f, f->damage);
      drain(*sessions[i], *displays[i], cache);
    }
  }
  for (size_t i = 0; i < sessions.size(); ++i) {
    EXPECT_EQ(displays[i]->framebuffer(), gradient(64, 48, 12));
  }
  EXPECT_EQ(cache.misses(), 5u) << "one encode per frame";
  EXPECT_EQ(cache.hits(), 15u) << "three sessions reuse it";
}

}  // namespace
}  // namespace tfts::server
