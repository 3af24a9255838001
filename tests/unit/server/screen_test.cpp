// The screen side: the latest-wins mailbox, the per-size feed (crop, rotation, damage) and the
// screen thread with a source the test controls.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "server_fixture.h"
#include "tfts/server/screen.h"
#include "tfts/server/status_card.h"

namespace tfts::server {
namespace {

using namespace std::chrono_literals;

ScreenFramePtr frame_with(uint64_t id, int w, int h, std::initializer_list<std::pair<int, int>> tiles) {
  auto f = std::make_shared<ScreenFrame>();
  f->id = id;
  f->target = core::Rgb565Plane(w, h, static_cast<uint16_t>(id));
  f->damage = pipeline::TileMask(w, h);
  for (auto [c, r] : tiles) f->damage.set(c, r);
  return f;
}

// Principle 3: the producer never waits and nothing queues; the consumer gets the newest
// frame with every tile that changed since it last looked.
TEST(FrameMailbox, LatestWinsAndDamageAccumulates) {
  FrameMailbox box;
  EXPECT_TRUE(box.put(frame_with(1, 64, 32, {{0, 0}}))) << "empty: wake the consumer";
  EXPECT_FALSE(box.put(frame_with(2, 64, 32, {{1, 1}}))) << "already waiting: no second wake";
  EXPECT_FALSE(box.put(frame_with(3, 64, 32, {{3, 0}})));
  auto t = box.take();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->frame->id, 3u);
  EXPECT_EQ(t->damage.count(), 3);
  EXPECT_TRUE(t->damage.test(0, 0) && t->damage.test(1, 1) && t->damage.test(3, 0));
  EXPECT_FALSE(box.take());
  EXPECT_TRUE(box.put(frame_with(4, 64, 32, {})));
}

core::RgbPlane numbered(int w, int h) {
  core::RgbPlane p(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) p.at(x, y) = static_cast<uint32_t>((x * 8) << 16 | (y * 8) << 8 | 0x40);
  }
  return p;
}

TEST(ScreenFeed, RotationTurnsThePictureClockwise) {
  config::ScreenConfig plain, turned;
  turned.rotation = 90;
  const core::RgbPlane src = numbered(32, 16);
  ScreenFeed upright(32, 16, plain);
  ScreenFeed rotated(16, 32, turned);
  const auto a = upright.produce(src.view(), Clock::now());
  const auto b = rotated.produce(src.view(), Clock::now());
  ASSERT_EQ(b->target.width(), 16);
  ASSERT_EQ(b->target.height(), 32);
  // Clockwise: the source's top-left pixel ends top-right, its bottom-left ends top-left.
  EXPECT_EQ(b->target.at(15, 0), a->target.at(0, 0));
  EXPECT_EQ(b->target.at(0, 0), a->target.at(0, 15));
  EXPECT_EQ(b->target.at(0, 31), a->target.at(31, 15));
}

TEST(ScreenFeed, SameSourceAgainProducesNothingAndDamageIsExact) {
  ScreenFeed feed(64, 32, config::ScreenConfig{});
  core::RgbPlane src(64, 32, 0x102030);
  const auto first = feed.produce(src.view(), Clock::now());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->damage.count(), first->damage.cols() * first->damage.rows());
  EXPECT_FALSE(feed.produce(src.view(), Clock::now()));
  src.at(40, 20) = 0xFFFFFF;
  const auto second = feed.produce(src.view(), Clock::now());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, first->id + 1);
  EXPECT_EQ(second->damage.count(), 1);
  EXPECT_TRUE(second->damage.test(2, 1));
}

TEST(ScreenFeed, CropIsClampedToThePicture) {
  const core::RgbPlane src = numbered(40, 30);
  const auto whole = apply_crop(src, std::nullopt);
  EXPECT_EQ(whole.width, 40);
  const auto cut = apply_crop(src, config::CropRect{30, 20, 100, 100});
  EXPECT_EQ(cut.width, 10);
  EXPECT_EQ(cut.height, 10);
  EXPECT_EQ(cut.at(0, 0), src.at(30, 20));
}

// A source the test drives: a counter picture, or failures.
class ScriptedSource final : public source::FrameSource {
 public:
  std::atomic<int> value{1};
  std::atomic<bool> failing{false};
  source::GrabResult grab(core::RgbPlane& frame, source::Clock::time_point) override {
    if (failing) return source::GrabResult::failed("camera unplugged");
    if (value == shown_) return source::GrabResult::unchanged();
    shown_ = value;
    frame = core::RgbPlane(64, 48, static_cast<uint32_t>(shown_ * 0x010101));
    return source::GrabResult::changed();
  }
  std::string describe() const override { return "scripted"; }

 private:
  int shown_ = 0;
};

TEST(Screen, NewFeedGetsAFrameEvenWhenTheSourceHoldsStill) {
  auto src = std::make_unique<ScriptedSource>();
  ScriptedSource* source = src.get();
  std::mutex m;
  std::vector<std::shared_ptr<ScreenFeed>> woken;
  config::ScreenConfig cfg;
  cfg.name = "s";
  cfg.fps = 100;
  Screen screen(cfg, std::move(src), [&](const std::shared_ptr<ScreenFeed>& f) {
    std::lock_guard lock(m);
    woken.push_back(f);
  });
  screen.start();
  auto a = screen.attach(32, 24);
  ASSERT_TRUE(testing::eventually([&] { std::lock_guard l(m); return woken.size() == 1; }, 2s));
  auto b = screen.attach(16, 12);  // the source has not changed since: still a first frame
  ASSERT_TRUE(testing::eventually([&] { std::lock_guard l(m); return woken.size() == 2; }, 2s));
  EXPECT_EQ(b->mailbox().take()->frame->target.width(), 16);
  source->failing = true;
  ASSERT_TRUE(testing::eventually([&] { return screen.counters().source_errors >= 3; }, 2s));
  EXPECT_EQ(screen.counters().last_error, "camera unplugged");
  source->failing = false;
  source->value = 2;
  ASSERT_TRUE(testing::eventually([&] { return screen.counters().last_error.empty(); }, 2s));
  screen.detach(a);
  screen.detach(b);
  screen.stop();
  EXPECT_GE(screen.counters().source_frames, 2u);
}

}  // namespace
}  // namespace tfts::server

namespace tfts::server {
namespace {

// A failing source shows the status card after a second instead of freezing, and the source's
// picture comes back as soon as it works again.
TEST(Screen, FailingSourceShowsTheStatusCardThenRecovers) {
  auto src = std::make_unique<ScriptedSource>();
  ScriptedSource* source = src.get();
  std::atomic<int> wakes{0};
  config::ScreenConfig cfg;
  cfg.name = "desk";
  cfg.fps = 50;
  Screen screen(cfg, std::move(src), [&](const std::shared_ptr<ScreenFeed>&) { ++wakes; });
  screen.start();
  auto feed = screen.attach(64, 48);
  std::optional<MailboxTake> got;
  auto next = [&] {
    return testing::eventually([&] { return (got = feed->mailbox().take()).has_value(); }, 3s);
  };
  ASSERT_TRUE(next());
  const core::Rgb565Plane solid = got->frame->target;
  source->failing = true;
  ASSERT_TRUE(next()) << "a status frame arrives";
  EXPECT_NE(got->frame->target, solid);
  std::string error;
  core::RgbPlane card;
  render_status_card(card, 320, 240, "desk", "camera unplugged", 1);
  EXPECT_TRUE(core::save_png(::testing::TempDir() + "status_card.png", card, error)) << error;
  source->failing = false;
  source->value = 1;  // unchanged: the source's old picture must still replace the card
  ASSERT_TRUE(testing::eventually(
      [&] {
        auto t = feed->mailbox().take();
        return t && t->frame->target == solid;
      },
      3s));
  screen.detach(feed);
  screen.stop();
}

}  // namespace
}  // namespace tfts::server
