// End to end: an x11 source driving a real tfts::server::Screen (its thread, pacing, pipeline
// and latest-wins mailbox), and the whole server streaming it to a virtual display over TCP;
// the pixels are compared with what the test client drew.
#include <atomic>

#include "tfts/core/rgb565.h"
#include "tfts/pipeline/screen_pipeline.h"
#include "tfts/server/screen.h"
#include "tfts/server/server.h"
#include "tfts/sim/tcp_display.h"
#include "tfts/source/source_factory.h"
#include "x11_fixture.h"

namespace tfts::x11::testing {
namespace {

class X11Screen : public XvfbTest {
 protected:
  // Takes frames from `feed` until one satisfies `done` (at most `limit`); the last one taken.
  static server::ScreenFramePtr wait_frame(
      server::ScreenFeed& feed, const std::function<bool(const server::ScreenFrame&)>& done,
      std::chrono::milliseconds limit = 5000ms) {
    server::ScreenFramePtr last;
    const auto end = Clock::now() + limit;
    while (Clock::now() < end) {
      if (auto t = feed.mailbox().take()) {
        last = t->frame;
        if (done(*last)) break;
      }
      std::this_thread::sleep_for(10ms);
    }
    return last;
  }
};

// The RGB565 picture a display gets of a w x h window's pattern, 1:1.
core::Rgb565Plane pattern565(int w, int h) {
  core::Rgb565Plane p(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) p.at(x, y) = core::nearest565(quadrant_colour(x, y, w, h));
  }
  return p;
}

TEST_F(X11Screen, DisplayGetsTheDrawnPixels) {
  const xcb_window_t w =
      client_->create_window("tfts e2e", "tfts", "TftsTest", {200, 150, 160, 120});
  config::ScreenConfig cfg;
  cfg.name = "main";
  cfg.fps = 30;
  std::atomic<int> wakes{0};
  server::Screen screen(cfg, make("window=tfts e2e"), [&](const auto&) { ++wakes; });
  screen.start();
  const auto feed = screen.attach(160, 120);
  ASSERT_TRUE(feed);

  const core::Rgb565Plane want = pattern565(160, 120);
  auto frame = wait_frame(*feed, [&](const server::ScreenFrame& f) { return f.target == want; });
  ASSERT_TRUE(frame);
  EXPECT_TRUE(frame->target == want) << "the window's pixels, RGB565, 1:1";

  // The window moves and is drawn on: the display follows.
  client_->move(w, 600, 400);
  client_->fill(w, {0, 0, 20, 10}, 0xFFFFFF);
  frame = wait_frame(*feed, [](const server::ScreenFrame& f) { return f.target.at(0, 0) == 0xFFFF; });
  ASSERT_TRUE(frame);
  EXPECT_EQ(frame->target.at(19, 9), 0xFFFF);
  EXPECT_EQ(frame->target.at(20, 9), core::nearest565(kTopLeft));
  EXPECT_EQ(frame->target.at(159, 119), core::nearest565(kBottomRight));

  // An idle screen makes no new frames.
  std::this_thread::sleep_for(200ms);
  feed->mailbox().take();
  const int before = wakes;
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(feed->mailbox().take());
  EXPECT_EQ(wakes, before);
  screen.detach(feed);
  screen.stop();
  const server::ScreenCounters c = screen.counters();
  EXPECT_GT(c.grabs, c.source_frames * 3) << "most grabs found nothing new";
}

TEST_F(X11Screen, ScaledScreenMatchesThePipelineOnACapture) {
  client_->create_window("tfts scaled", "tfts", "TftsTest", {100, 100, 400, 300});
  config::ScreenConfig cfg;
  cfg.name = "main";
  server::Screen screen(cfg, make("cursor=0"), [](const auto&) {});
  screen.start();
  const auto feed = screen.attach(320, 240);
  ASSERT_TRUE(feed);

  // The reference: a capture of its own, through the pipeline the screen uses.
  auto reference_source = make("cursor=0");
  core::RgbPlane reference;
  ASSERT_EQ(grab_changed(*reference_source, reference).status, GrabStatus::changed);
  pipeline::ScreenPipeline pipeline({320, 240, {}, false});
  const core::Rgb565Plane want = pipeline.process(reference.view());
  const auto frame =
      wait_frame(*feed, [&](const server::ScreenFrame& f) { return f.target == want; });
  ASSERT_TRUE(frame);
  EXPECT_TRUE(frame->target == want);
  screen.detach(feed);
}

// The whole server: the spec goes through source::make_source, as in a config file, and a
// virtual display (the real device decoder) connects over TCP.
TEST_F(X11Screen, ServerStreamsAWindowToAVirtualDisplay) {
  const xcb_window_t w =
      client_->create_window("tfts e2e", "tfts", "TftsTest", {200, 150, 160, 120});
  const std::string spec = "x11:display=" + xvfb_.display() + ";window=tfts e2e;cursor=0";
  std::string error;
  source::SourceSpec source_spec;
  source_spec.spec = spec;
  ASSERT_TRUE(source::make_source(source_spec, error)) << error;
  config::ServerConfig cfg;
  cfg.bind = "127.0.0.1";
  cfg.port = 0;
  cfg.http_port = 0;
  cfg.log_level = "warn";
  config::ScreenConfig main;
  main.name = "main";
  main.source = spec;
  cfg.screens["main"] = main;
  auto server = server::Server::create(cfg, error);
  ASSERT_TRUE(server) << error;
  ASSERT_TRUE(server->start(error)) << error;

  sim::TcpDisplayOptions o;
  o.port = server->display_port();
  o.name = "x11-e2e";
  o.width = 160;
  o.height = 120;
  sim::TcpDisplay display(o);
  std::atomic<bool> stop{false};
  std::thread runner([&] { display.run(&stop); });
  // Converged: the server's newest frame shows `want` and the display has drawn it.
  const auto converged = [&](const core::Rgb565Plane& want) {
    const auto end = Clock::now() + 5s;
    while (Clock::now() < end) {
      const auto frame = server->current_frame("main", 160, 120);
      const auto st = server->status();
      if (frame && frame->target == want && st.displays.size() == 1 &&
          st.displays[0].last_sent_frame_id == frame->id && st.displays[0].in_flight == 0) {
        return true;
      }
      std::this_thread::sleep_for(20ms);
    }
    return false;
  };
  core::Rgb565Plane want = pattern565(160, 120);
  EXPECT_TRUE(converged(want));

  // The window moves and is drawn on: the display follows.
  client_->move(w, 600, 400);
  client_->fill(w, {0, 0, 20, 10}, 0xFFFFFF);
  for (int y = 0; y < 10; ++y) {
    for (int x = 0; x < 20; ++x) want.at(x, y) = 0xFFFF;
  }
  EXPECT_TRUE(converged(want));
  stop = true;
  runner.join();
  EXPECT_TRUE(display.framebuffer() == want) << "the display's pixels, RGB565, 1:1";
  EXPECT_EQ(display.stats().last_error, "");
  server->stop();
}

}  // namespace
}  // namespace tfts::x11::testing
