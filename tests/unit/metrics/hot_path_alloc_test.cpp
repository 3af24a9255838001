// "Nothing per-frame may allocate in the hot path for metrics": what a screen, a session and a
// connection do per frame, counted with the global operator new replaced in this binary.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "tfts/server/server_metrics.h"

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace tfts::server {
namespace {

TEST(MetricsHotPath, PerFrameUpdatesAllocateNothing) {
  ServerMetrics metrics;
  ScreenMetrics& screen = metrics.screen("main");
  DisplayMetrics& display = metrics.display_joined("main", "desk");  // once per connection
  codec::FrameStats stats;
  stats.bytes = 1234;
  stats.rects = 3;
  stats.rects_by_codec[2] = 2;
  stats.bytes_by_codec[2] = 1000;
  stats.rects_by_codec[5] = 1;
  stats.bytes_by_codec[5] = 200;
  AckMessage ack;
  ack.decode_us = 900;
  ack.draw_us = 12000;
  ack.free_heap = 123456;
  auto now = Clock::now();

  counting = true;
  for (int frame = 0; frame < 1000; ++frame) {
    // Screen thread: a grab, the pipeline's stages, a frame produced.
    screen.grabs->add();
    screen.captured->add();
    screen.capture->observe(0.0004);
    screen.resize->observe(0.0026);
    screen.colour->observe(0.0003);
    screen.diff->observe(0.00005);
    screen.processed->add();
    screen.source_failing->set(0);
    // Network thread: an encode, a send, an ACK.
    screen.encode->observe(0.002);
    display.frame_sent(stats, 1250, frame == 0);
    display.in_flight->set(1);
    screen.send->observe(0.0001);
    now += std::chrono::milliseconds(33);
    display.acked(ack, 0.021, now);
    display.in_flight->set(0);
  }
  counting = false;
  EXPECT_EQ(allocations.load(), 0);

  const std::string text = metrics.expose();  // and the numbers arrived
  EXPECT_NE(text.find("tftstream_display_frames_acked_total{screen=\"main\",display=\"desk\"} 1000\n"),
            std::string::npos);
  EXPECT_NE(text.find("tftstream_display_codec_rects_total{screen=\"main\",display=\"desk\","
                      "codec=\"rle\"} 2000\n"),
            std::string::npos);
  EXPECT_NE(text.find("tftstream_display_acked_fps{screen=\"main\",display=\"desk\"} 30"),
            std::string::npos) << "one ACK every 33 ms";
}

TEST(MetricsHotPath, TwoSessionsOfOneNameShareSeriesAndTheLastToLeaveClearsGauges) {
  ServerMetrics metrics;
  DisplayMetrics& first = metrics.display_joined("main", "desk");
  DisplayMetrics& second = metrics.display_joined("main", "desk");
  EXPECT_EQ(&first, &second);
  first.in_flight->set(2);
  metrics.display_left("main", "desk");
  EXPECT_EQ(first.in_flight->value(), 2) << "the other session still streams";
  EXPECT_EQ(first.connected->value(), 1);
  metrics.display_left("main", "desk");
  EXPECT_EQ(first.in_flight->value(), 0);
  EXPECT_EQ(first.connected->value(), 0);
  EXPECT_EQ(first.connects->value(), 2u);
  EXPECT_EQ(first.disconnects->value(), 2u);
}

TEST(MetricsHotPath, EvictedDisplaysTakeTheirProtocolErrorsAlong) {
  ServerMetrics metrics(2);
  for (int i = 0; i < 6; ++i) {
    const std::string name = "liar" + std::to_string(i);
    metrics.display_joined("main", name);
    metrics.protocol_error("main", name, proto::Reason::protocol_violation);
    metrics.display_left("main", name);
  }
  const std::string text = metrics.expose();
  EXPECT_EQ(text.find("display=\"liar0\""), std::string::npos);
  EXPECT_NE(text.find("tftstream_protocol_errors_total{screen=\"main\",display=\"liar5\","
                      "reason=\"protocol_violation\"} 1"),
            std::string::npos);
}

TEST(MetricsHotPath, DisplaySeriesAreBoundedAndConnectedOnesStay) {
  ServerMetrics metrics(4);
  metrics.display_joined("main", "stays");
  for (int i = 0; i < 10; ++i) {
    const std::string name = "visitor" + std::to_string(i);
    metrics.display_joined("main", name);
    metrics.display_left("main", name);
  }
  const std::string text = metrics.expose();
  EXPECT_NE(text.find("display=\"stays\""), std::string::npos);
  EXPECT_EQ(text.find("display=\"visitor0\""), std::string::npos) << "the oldest went first";
  EXPECT_NE(text.find("display=\"visitor9\""), std::string::npos);
  size_t connects = 0;
  for (size_t at = text.find("\ntftstream_display_connects_total{"); at != std::string::npos;
       at = text.find("\ntftstream_display_connects_total{", at + 1)) {
    ++connects;
  }
  EXPECT_EQ(connects, 4u);
}

}  // namespace
}  // namespace tfts::server
