// The tfts_mirror core (firmware/TftStream/src/tfts/mirror): synthetic flushes in LVGL's three
// render modes, strides wider than the area and both byte orders, decoded by the real display
// decoder and compared bit-exact; a link that takes little or nothing (frames dropped, never
// blocking, one full refresh once it drains); ACK credit; REFRESH; the server's bytes one at
// a time; refusals, ERROR/BYE, keepalives and timeouts.
#include <gtest/gtest.h>

#include <tuple>

#include "mirror_harness.h"

namespace tfts::mirror::test {
namespace {

const uint16_t kW = 96;
const uint16_t kH = 64;

enum class Mode { partial, direct, full };

// Flushes `pic` the way LVGL hands it over in `mode`: partial = strips of `strip_rows` rows in
// a small buffer (area-sized rows, `pad` spare bytes per row); direct = a few areas of a
// screen-sized buffer; full = the whole screen at once. Ends the frame on the last flush.
void flush_picture(MirrorHarness& h, const core::Rgb565Plane& pic, Mode mode,
                   tfts_mirror_format_t fmt, size_t pad, int strip_rows = 10) {
  const int W = pic.width(), H = pic.height();
  if (mode == Mode::partial) {
    // Two columns of strips: areas narrower than the screen, like an invalidated widget.
    const int half = W / 2 + 3;
    for (int y = 0; y < H; y += strip_rows) {
      const int rows = std::min(strip_rows, H - y);
      for (int part = 0; part < 2; ++part) {
        const int x0 = part ? half : 0, w = part ? W - half : half;
        const size_t stride = static_cast<size_t>(w) * 2 + pad;
        std::vector<uint8_t> buf(stride * rows, 0xAB);
        for (int r = 0; r < rows; ++r)
          for (int x = 0; x < w; ++x) store_pixel(&buf[r * stride + x * 2], pic.at(x0 + x, y + r), fmt);
        const bool last = part == 1 && y + rows >= H;
        tfts_mirror_flush(h.m(), static_cast<uint16_t>(x0), static_cast<uint16_t>(y),
                          static_cast<uint16_t>(w), static_cast<uint16_t>(rows), buf.data(),
                          stride, fmt, last);
      }
    }
    return;
  }
  const size_t stride = static_cast<size_t>(W) * 2 + pad;
  std::vector<uint8_t> screen(stride * H, 0xCD);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) store_pixel(&screen[y * stride + x * 2], pic.at(x, y), fmt);
  if (mode == Mode::full) {
    tfts_mirror_flush(h.m(), 0, 0, static_cast<uint16_t>(W), static_cast<uint16_t>(H),
                      screen.data(), stride, fmt, true);
    return;
  }
  // Direct: areas of any shape, each at its own position inside the screen-sized buffer.
  const int areas[][4] = {{0, 0, W, H / 3}, {0, H / 3, 17, H - H / 3},
                          {17, H / 3, W - 17, H / 2 - H / 3}, {17, H / 2, W - 17, H - H / 2}};
  for (size_t i = 0; i < 4; ++i) {
    const int* a = areas[i];
    tfts_mirror_flush(h.m(), static_cast<uint16_t>(a[0]), static_cast<uint16_t>(a[1]),
                      static_cast<uint16_t>(a[2]), static_cast<uint16_t>(a[3]),
                      &screen[a[1] * stride + a[0] * 2], stride, fmt, i == 3);
  }
}

class RenderModes
    : public ::testing::TestWithParam<std::tuple<Mode, tfts_mirror_format_t, size_t>> {};

TEST_P(RenderModes, DecodedBitExact) {
  const auto [mode, fmt, pad] = GetParam();
  MirrorHarness h(kW, kH, 64 * 1024, 1024);
  ASSERT_TRUE(h.init_ok());
  h.connect();
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));  // the first frame must cover the screen
  const auto pic = synthetic_picture(kW, kH, 3);
  flush_picture(h, pic, mode, fmt, pad);
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(h.display().framebuffer(), pic);
  EXPECT_EQ(h.display().sink().frames(), 1u);
  EXPECT_EQ(tfts_mirror_stats(h.m())->frames_sent, 1u);
  EXPECT_EQ(tfts_mirror_stats(h.m())->frames_dropped, 0u);

  // Every codec of the source role shows up, and no payload exceeds the HELLO's limit.
  const auto msgs = parse_messages(std::span(h.out()).subspan(h.hello_bytes()));
  bool used[3] = {};
  for (const auto& m : msgs) {
    if (m.type != 0x11) continue;
    ASSERT_LT(m.codec, 3);
    used[m.codec] = true;
    EXPECT_LE(m.seq_or_len, 1024u);
  }
  EXPECT_TRUE(used[0] && used[1] && used[2]) << used[0] << used[1] << used[2];
  EXPECT_EQ(msgs.front().type, 0x10);
  EXPECT_EQ(msgs.front().seq_or_len, 0u);
  EXPECT_EQ(msgs.back().type, 0x12);
}

INSTANTIATE_TEST_SUITE_P(
    Mirror, RenderModes,
    ::testing::Combine(::testing::Values(Mode::partial, Mode::direct, Mode::full),
                       ::testing::Values(TFTS_MIRROR_RGB565, TFTS_MIRROR_RGB565_SWAPPED),
                       ::testing::Values(size_t{0}, size_t{6}, size_t{64})));

TEST(MirrorCore, HelloIsASourceTheServerAccepts) {
  MirrorHarness h(320, 240, 8192, 4096, "lvgl-c3");
  ASSERT_TRUE(h.init_ok());
  h.connect();
  ASSERT_EQ(h.hello_state(), server::HelloReader::State::done);
  EXPECT_EQ(h.hello().role, proto::Role::source);
  EXPECT_EQ(h.hello().name, "lvgl-c3");
  EXPECT_EQ(h.hello().width, 320);
  EXPECT_EQ(h.hello().height, 240);
  EXPECT_EQ(h.hello().codecs, kSourceCodecs);
  EXPECT_EQ(h.hello().max_payload, 4096u);
  EXPECT_FALSE(h.hello().framebuffer);
  EXPECT_EQ(tfts_mirror_state(h.m()), TFTS_MIRROR_STREAMING);
}

TEST(MirrorCore, PayloadLimitCappedByBuffer) {
  MirrorHarness h(kW, kH, 1000, 8192);
  ASSERT_TRUE(h.init_ok());
  h.connect();
  EXPECT_EQ(h.hello().max_payload, 1000u - 32u);
}

TEST(MirrorCore, RejectsBadConfig) {
  uint8_t buf[512];
  tfts_mirror_t m;
  tfts_mirror_config_t cfg{};
  cfg.width = 10, cfg.height = 10, cfg.name = "x", cfg.buf = buf, cfg.buf_size = sizeof buf;
  cfg.write = [](void*, const uint8_t*, size_t n) { return n; };
  EXPECT_TRUE(tfts_mirror_init(&m, &cfg));
  cfg.name = "";
  EXPECT_FALSE(tfts_mirror_init(&m, &cfg));
  cfg.name = "x", cfg.buf_size = 100;
  EXPECT_FALSE(tfts_mirror_init(&m, &cfg));
  cfg.buf_size = sizeof buf, cfg.width = 5000;
  EXPECT_FALSE(tfts_mirror_init(&m, &cfg));
}

// A server whose WELCOME leaves rle out gets fill and raw only.
TEST(MirrorCore, NoRleWhenTheServerDoesNotTakeIt) {
  MirrorHarness h(kW, kH, 64 * 1024, 1024);
  h.connect(2, 2000, 0, /*server_codecs=*/0x0003);
  const auto pic = synthetic_picture(kW, kH, 13);
  flush_picture(h, pic, Mode::full, TFTS_MIRROR_RGB565, 0);
  for (const auto& m : parse_messages(std::span(h.out()).subspan(h.hello_bytes()))) {
    if (m.type == 0x11) {
      EXPECT_LT(m.codec, 2);
    }
  }
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(h.display().framebuffer(), pic);
}

// A GUI-like screen (a few flat colours, anti-aliased edges: at most 16 colours per area)
// goes as palette_rle, whose runs cost 1 or 2 bytes instead of rle's 3; without it in the
// WELCOME the same screen goes as rle, bigger.
TEST(MirrorCore, FewColoursGoAsPaletteRle) {
  core::Rgb565Plane gui(kW, kH);
  const uint16_t colours[] = {0x0000, 0xFFFF, 0x1A3F, 0x8410, 0xC618, 0x07E0};
  for (int y = 0; y < kH; ++y) {
    for (int x = 0; x < kW; ++x) gui.at(x, y) = colours[(x / 7 + y / 5 + (x * y) % 3) % 6];
  }
  size_t bytes[2] = {0, 0};
  for (int with_palette = 1; with_palette >= 0; --with_palette) {
    MirrorHarness h(kW, kH, 64 * 1024, 1024);
    h.connect(2, 2000, 0, with_palette ? proto::kAllCodecs : 0x0007);
    flush_picture(h, gui, Mode::full, TFTS_MIRROR_RGB565_SWAPPED, 6);
    int palette_rects = 0;
    for (const auto& m : parse_messages(std::span(h.out()).subspan(h.hello_bytes()))) {
      if (m.type == 0x11) palette_rects += m.codec == 4;
    }
    EXPECT_EQ(palette_rects > 0, with_palette == 1);
    bytes[with_palette] = h.out().size();
    ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
    EXPECT_EQ(h.display().framebuffer(), gui);
  }
  EXPECT_LT(bytes[1] * 2, bytes[0]) << "palette_rle " << bytes[1] << " B, rle " << bytes[0] << " B";
}

TEST(MirrorCore, FlatScreenIsOneFill) {
  MirrorHarness h(kW, kH, 4096);
  h.connect();
  std::vector<uint8_t> screen(kW * kH * 2);
  for (size_t i = 0; i < screen.size(); i += 2) store_pixel(&screen[i], 0x07E0, TFTS_MIRROR_RGB565);
  tfts_mirror_flush(h.m(), 0, 0, kW, kH, screen.data(), kW * 2, TFTS_MIRROR_RGB565, true);
  const auto msgs = parse_messages(std::span(h.out()).subspan(h.hello_bytes()));
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(msgs[1].codec, 0);
  EXPECT_EQ(msgs[1].w, kW);
  EXPECT_EQ(msgs[1].h, kH);
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(h.display().framebuffer().at(5, 5), 0x07E0);
}

TEST(MirrorCore, AreasBeyondTheScreenAreClipped) {
  MirrorHarness h(kW, kH, 16384);
  h.connect();
  const auto pic = synthetic_picture(kW + 20, kH + 20, 5);
  std::vector<uint8_t> buf;
  for (int y = 0; y < kH + 20; ++y)
    for (int x = 0; x < kW + 20; ++x) {
      uint8_t b[2];
      store_pixel(b, pic.at(x, y), TFTS_MIRROR_RGB565);
      buf.insert(buf.end(), b, b + 2);
    }
  tfts_mirror_flush(h.m(), 0, 0, kW + 20, kH + 20, buf.data(), (kW + 20) * 2,
                    TFTS_MIRROR_RGB565, true);
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(h.display().framebuffer().at(kW - 1, kH - 1), pic.at(kW - 1, kH - 1));
}

// A link that takes nothing: the frame's rectangles vanish (it stays as an empty frame),
// flush returns at once, and the full refresh waits until the link has drained and the
// server has returned credit.
TEST(MirrorCore, StalledLinkDropsAndRefreshesOnceDrained) {
  MirrorHarness h(kW, kH, 2048, 512);
  h.connect();
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));
  h.set_write_budget(0);
  const auto pic = synthetic_picture(kW, kH, 7);
  flush_picture(h, pic, Mode::partial, TFTS_MIRROR_RGB565, 0);
  const auto* st = tfts_mirror_stats(h.m());
  EXPECT_EQ(st->frames_sent, 1u);
  EXPECT_EQ(st->frames_dropped, 1u);
  EXPECT_EQ(tfts_mirror_pending(h.m()), 10u);  // FRAME_BEGIN + FRAME_END, nothing else
  EXPECT_FALSE(tfts_mirror_take_refresh(h.m()));
  flush_picture(h, pic, Mode::partial, TFTS_MIRROR_RGB565, 0);
  EXPECT_EQ(st->frames_dropped, 2u);
  EXPECT_FALSE(tfts_mirror_take_refresh(h.m()));
  // The link opens: the refresh waits for credit (two empty frames in flight), then comes
  // once, and the full frame arrives intact.
  h.set_write_budget(SIZE_MAX);
  tfts_mirror_poll(h.m(), 10);
  EXPECT_EQ(tfts_mirror_pending(h.m()), 0u);
  EXPECT_FALSE(tfts_mirror_take_refresh(h.m()));
  h.ack(0);
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));
  EXPECT_FALSE(tfts_mirror_take_refresh(h.m()));
  flush_picture(h, pic, Mode::partial, TFTS_MIRROR_RGB565, 0);
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(h.display().framebuffer(), pic);
  EXPECT_EQ(h.display().sink().last_seq(), 2u);
  EXPECT_EQ(st->frames_dropped, 2u);
}

// A link that takes a little, then nothing: the frame is cut short (its FRAME_END still goes
// out, so the stream stays valid); the refresh is offered only once the buffer has drained.
TEST(MirrorCore, SlowLinkCutsFramesShortAndRecovers) {
  MirrorHarness h(kW, kH, 1200, 512);
  h.connect();
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));
  h.set_write_budget(300);
  const auto pic = synthetic_picture(kW, kH, 9);
  flush_picture(h, pic, Mode::direct, TFTS_MIRROR_RGB565_SWAPPED, 0);
  const auto* st = tfts_mirror_stats(h.m());
  EXPECT_EQ(st->frames_dropped, 1u);
  EXPECT_EQ(st->frames_sent, 1u);
  EXPECT_GT(tfts_mirror_pending(h.m()), 0u);
  EXPECT_FALSE(tfts_mirror_take_refresh(h.m()));  // the buffer has not drained
  h.set_write_budget(SIZE_MAX);
  for (uint32_t t = 1; t < 100 && tfts_mirror_pending(h.m()); ++t) tfts_mirror_poll(h.m(), t);
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);  // well-formed despite the cut
  h.ack(0);
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));
  flush_picture(h, pic, Mode::full, TFTS_MIRROR_RGB565_SWAPPED, 0);
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(h.display().framebuffer(), pic);
}

TEST(MirrorCore, CreditFromAcks) {
  MirrorHarness h(kW, kH, 32768);
  h.connect(/*max_in_flight=*/1);
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));
  const auto pic = synthetic_picture(kW, kH, 11);
  flush_picture(h, pic, Mode::full, TFTS_MIRROR_RGB565, 0);   // seq 0, in flight
  const auto pic2 = synthetic_picture(kW, kH, 12);
  flush_picture(h, pic2, Mode::full, TFTS_MIRROR_RGB565, 0);  // no credit: dropped
  const auto* st = tfts_mirror_stats(h.m());
  EXPECT_EQ(st->frames_sent, 1u);
  EXPECT_EQ(st->frames_dropped, 1u);
  EXPECT_FALSE(tfts_mirror_take_refresh(h.m()));
  h.ack(0);
  EXPECT_EQ(st->frames_acked, 1u);
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));
  flush_picture(h, pic2, Mode::full, TFTS_MIRROR_RGB565, 0);  // seq 1
  ASSERT_EQ(h.deliver(), client::DecodeStatus::need_more);
  EXPECT_EQ(h.display().framebuffer(), pic2);
  EXPECT_EQ(h.display().sink().last_seq(), 1u);
}

TEST(MirrorCore, RefreshFromServer) {
  MirrorHarness h(kW, kH, 32768);
  h.connect();
  ASSERT_TRUE(tfts_mirror_take_refresh(h.m()));
  EXPECT_FALSE(tfts_mirror_take_refresh(h.m()));
  const uint8_t refresh = 0x14;
  tfts_mirror_receive(h.m(), &refresh, 1);
  EXPECT_EQ(tfts_mirror_stats(h.m())->refresh_requests, 1u);
  EXPECT_TRUE(tfts_mirror_take_refresh(h.m()));
}

// The server's bytes one at a time through the read callback: WELCOME, KEEPALIVE, ACK, REFRESH.
TEST(MirrorCore, OneByteAtATimeReader) {
  struct Feed {
    std::vector<uint8_t> bytes;
    size_t at = 0;
  } feed;
  feed.bytes = sim::make_welcome(proto::kAllCodecs, 1, 1000, 42);
  feed.bytes.push_back(0x20);
  uint8_t ack[proto::kAckBytes];
  client::write_ack(ack, sizeof ack, 0, client::AckStats{5, 0, 0, 127});
  std::vector<uint8_t> sent;
  std::vector<uint8_t> buf(8192);
  tfts_mirror_t m;
  tfts_mirror_config_t cfg{};
  cfg.width = kW, cfg.height = kH, cfg.name = "bytes", cfg.buf = buf.data();
  cfg.buf_size = buf.size();
  cfg.user = &feed;
  cfg.read = [](void* user, uint8_t* b, size_t cap) -> int {
    auto* f = static_cast<Feed*>(user);
    if (cap == 0 || f->at == f->bytes.size()) return 0;
    b[0] = f->bytes[f->at++];
    return 1;
  };
  cfg.write = [](void*, const uint8_t*, size_t n) { return n; };
  ASSERT_TRUE(tfts_mirror_init(&m, &cfg));
  tfts_mirror_start(&m, 0);
  uint32_t t = 0;
  while (tfts_mirror_state(&m) == TFTS_MIRROR_HANDSHAKE && t < 100) tfts_mirror_poll(&m, ++t);
  ASSERT_EQ(tfts_mirror_state(&m), TFTS_MIRROR_STREAMING);
  EXPECT_EQ(m.session_id, 42u);
  ASSERT_TRUE(tfts_mirror_take_refresh(&m));
  std::vector<uint8_t> px(kW * 2 * 4, 0x11);
  tfts_mirror_flush(&m, 0, 0, kW, 4, px.data(), kW * 2, TFTS_MIRROR_RGB565, true);
  EXPECT_EQ(m.in_flight, 1u);
  feed.bytes.insert(feed.bytes.end(), ack, ack + sizeof ack);
  feed.bytes.push_back(0x14);
  for (int i = 0; i < 40; ++i) tfts_mirror_poll(&m, ++t);
  EXPECT_EQ(m.in_flight, 0u);
  EXPECT_EQ(tfts_mirror_stats(&m)->frames_acked, 1u);
  EXPECT_EQ(tfts_mirror_stats(&m)->refresh_requests, 1u);
  EXPECT_EQ(tfts_mirror_state(&m), TFTS_MIRROR_STREAMING);
}

TEST(MirrorCore, RefusalGivesTheServersReason) {
  MirrorHarness h(kW, kH, 4096);
  tfts_mirror_start(h.m(), 0);
  const uint8_t refusal[] = {'T', 'F', 'T', 'S', 1, 0, 0, 0x30, 12, 4, 'f', 'u', 'l', 'l'};
  for (uint8_t b : refusal) tfts_mirror_receive(h.m(), &b, 1);
  EXPECT_EQ(tfts_mirror_state(h.m()), TFTS_MIRROR_CLOSED);
  EXPECT_EQ(tfts_mirror_close_reason(h.m()), TFTS_MIRROR_CLOSE_REFUSED);
  EXPECT_EQ(tfts_mirror_peer_reason(h.m()), 12);
}

TEST(MirrorCore, ServerByeAndErrorEndTheSession) {
  MirrorHarness h(kW, kH, 4096);
  h.connect();
  const uint8_t bye[] = {0x31, 9, 0};
  tfts_mirror_receive(h.m(), bye, sizeof bye);
  EXPECT_EQ(tfts_mirror_close_reason(h.m()), TFTS_MIRROR_CLOSE_PEER_BYE);
  EXPECT_EQ(tfts_mirror_peer_reason(h.m()), 9);
  // Flushes after the end are ignored, and a new session starts from seq 0.
  std::vector<uint8_t> px(kW * 2, 0);
  tfts_mirror_flush(h.m(), 0, 0, kW, 1, px.data(), kW * 2, TFTS_MIRROR_RGB565, true);
  EXPECT_EQ(tfts_mirror_stats(h.m())->frames_sent, 0u);

  MirrorHarness e(kW, kH, 4096);
  e.connect();
  const uint8_t error[] = {0x30, 5, 2, 'n', 'o'};
  tfts_mirror_receive(e.m(), error, sizeof error);
  EXPECT_EQ(tfts_mirror_close_reason(e.m()), TFTS_MIRROR_CLOSE_PEER_ERROR);
  EXPECT_EQ(tfts_mirror_peer_reason(e.m()), 5);
}

TEST(MirrorCore, GarbageFromTheServerIsAProtocolError) {
  MirrorHarness h(kW, kH, 4096);
  h.connect();
  const size_t before = h.out().size();
  const uint8_t frame_begin[] = {0x10, 0, 0, 0, 0};  // frames never go server -> source
  tfts_mirror_receive(h.m(), frame_begin, sizeof frame_begin);
  EXPECT_EQ(tfts_mirror_close_reason(h.m()), TFTS_MIRROR_CLOSE_PROTOCOL);
  ASSERT_EQ(h.out().size(), before + 3);
  EXPECT_EQ(h.out()[before], 0x30);
  EXPECT_EQ(h.out()[before + 1], 1);  // protocol_violation

  MirrorHarness b(kW, kH, 4096);
  tfts_mirror_start(b.m(), 0);
  const uint8_t bad[] = {'H', 'T', 'T', 'P', 1, 0, 9};
  tfts_mirror_receive(b.m(), bad, sizeof bad);
  EXPECT_EQ(tfts_mirror_close_reason(b.m()), TFTS_MIRROR_CLOSE_PROTOCOL);
}

TEST(MirrorCore, KeepaliveWhenIdleAndTimeouts) {
  MirrorHarness h(kW, kH, 4096);
  h.connect(2, 1000, 0);
  const size_t before = h.out().size();
  tfts_mirror_poll(h.m(), 500);
  EXPECT_EQ(h.out().size(), before);
  tfts_mirror_poll(h.m(), 1000);
  ASSERT_EQ(h.out().size(), before + 1);
  EXPECT_EQ(h.out().back(), 0x20);
  tfts_mirror_poll(h.m(), 3001);  // the server silent for more than 3 x keepalive
  EXPECT_EQ(tfts_mirror_close_reason(h.m()), TFTS_MIRROR_CLOSE_TIMEOUT);

  MirrorHarness w(kW, kH, 4096);
  tfts_mirror_start(w.m(), 0);
  tfts_mirror_poll(w.m(), 4000);
  EXPECT_EQ(tfts_mirror_state(w.m()), TFTS_MIRROR_HANDSHAKE);
  tfts_mirror_poll(w.m(), 5001);
  EXPECT_EQ(tfts_mirror_close_reason(w.m()), TFTS_MIRROR_CLOSE_TIMEOUT);
}

}  // namespace
}  // namespace tfts::mirror::test
