// libFuzzer target for the device side of mirroring, the tfts_mirror core
// (firmware/TftStream/src/tfts/mirror): mirror_receive.cpp parses what a fuzzed server sends,
// while the device flushes areas, polls with a moving clock and takes refreshes, behind a write
// callback that takes all, some or nothing (input format in mirror_fuzz.h).
//
// Checked after every call into the core (an abort is a finding):
// - it writes nothing outside the caller's send buffer (guard bytes around it stay intact), and
//   offers the write callback only bytes inside that buffer, never an empty write; the flushed
//   pixels are read in place from buffers of exactly their size (ASan sees any read past them);
// - its state only moves forward: HANDSHAKE after start, then STREAMING, then CLOSED (or
//   straight to CLOSED); close_reason is NONE exactly while it is not CLOSED;
// - stats counters never go down, except bytes_encoded, which a dropped frame lowers by design
//   (its unsent rectangles are taken back); bytes_written is what the callback took;
//   bytes_encoded = bytes_written + pending (nothing queued is ever thrown away);
// - once CLOSED nothing new is queued, and the callback gets no more than what was pending;
// - never more frames in flight than WELCOME's max_in_flight, never more ACKs than frames
//   begun; take_refresh says yes only while streaming, with credit, nothing pending and no
//   frame open;
// - everything written reads as a valid stream: the HELLO on the server's HelloReader (role
//   source, the configured size and name, the core's max_payload), the rest after a WELCOME on
//   the real display decoder (sim::SimulatedDisplay; device frames are the server's frames
//   reversed, §2.4) with the codecs both ends have: no decoder error, frame seqs counting up
//   from 0, ERROR/BYE only once the core is CLOSED (with the reason its close_reason implies)
//   and nothing after it; after the final drain all is written, and a session the core ended
//   itself (protocol error, silent server, close()) ends with its ERROR/BYE, unless the send
//   buffer had no room left for it (3 bytes).
// Deterministic: all choices come from the input (a seeded xorshift for the details).
//
// Builds as a libFuzzer target (clang -fsanitize=fuzzer) and, with mirror_replay_main.cpp, as
// an ordinary program that replays files (any compiler).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "mirror_fuzz.h"
#include "tfts/client/decoder.h"
#include "tfts/mirror/tfts_mirror.h"
#include "tfts/server/hello.h"
#include "tfts/sim/simulated_display.h"

namespace tfts_fuzz {
namespace {

namespace client = tfts::client;
namespace proto = tfts::proto;
namespace server = tfts::server;
namespace sim = tfts::sim;

const size_t kMaxInput = 1 << 12;  // longer inputs are ignored (keeps each run fast)
const size_t kHeaderBytes = 5;
const size_t kGuardBytes = 64;  // around the send buffer; must stay kGuard
const uint8_t kGuard = 0xA5;
const int kTailSteps = 6;    // steps after the last server byte: room for timeouts
const char kName[] = "fuzz-panel";
const uint16_t kFillRaw =
    (1u << static_cast<int>(proto::Codec::fill)) | (1u << static_cast<int>(proto::Codec::raw));

// Keep the tables in sync with mirror_make_corpus.py.
struct Size {
  uint16_t width;
  uint16_t height;
};
const Size kSizes[8] = {{96, 64}, {1, 1}, {320, 240}, {17, 5},
                        {4096, 2}, {2, 4096}, {64, 64}, {33, 7}};
const uint32_t kPayloads[4] = {0, 256, 300, 1000};
const size_t kBufSizes[8] = {288, 289, 300, 512, 1024, 2048, 4200, 9000};
const uint32_t kTickSets[4][8] = {{0, 0, 0, 0, 0, 0, 0, 0},
                                  {10, 10, 10, 10, 10, 10, 10, 10},
                                  {250, 250, 250, 250, 250, 250, 250, 250},
                                  {0, 1, 5, 50, 500, 1000, 2100, 7000}};
const size_t kAreaMax = 48;  // side of a flushed area (the refresh flush covers the screen)

enum WriteMode : uint8_t { write_all = 0, write_some, write_none, write_random };
enum ChunkMode : uint8_t { chunk_whole = 0, chunk_bytewise, chunk_fixed, chunk_random };
enum FlushMode : uint8_t { flush_none = 0, flush_frames, flush_third_ends, flush_random };

std::string g_outcome;
std::string g_context;
const char* g_where = "";  // the call into the core the last check followed
std::string g_detail;      // what the failing check saw, when more than the core's fields
const tfts_mirror_t* g_mirror = nullptr;  // printed by mirror_check_failed()

struct Run {
  tfts_mirror_t m{};
  std::vector<uint8_t> mem;  // guard, send buffer, guard
  uint8_t* buf = nullptr;
  size_t buf_size = 0;
  uint8_t write_mode = 0, write_param = 0;
  bool draining = false;  // the final drain: the callback takes everything
  uint32_t rng = 1;
  uint32_t now = 0;
  // what the write callback took
  std::vector<uint8_t> out;
  uint32_t taken = 0;  // wraps like the core's uint32_t counters
  bool close_noted = false;
  size_t pending_at_close = 0;
  uint32_t encoded_at_close = 0;
  size_t written_after_close = 0;
  // the read callback: bytes that have arrived and are not read yet
  const uint8_t* rx = nullptr;
  size_t rx_avail = 0;
  bool input_done = false, disconnect_at_end = false;
  // what the last check saw
  tfts_mirror_state_t state = TFTS_MIRROR_CONNECTING;
  tfts_mirror_stats_t stats{};
  // the reference reader of what was written
  server::HelloReader hello;
  size_t hello_fed = 0;
  bool hello_done = false;
  std::unique_ptr<sim::SimulatedDisplay> display;
  size_t fed = 0;
  uint32_t frames_decoded = 0;
  bool saw_bye = false;

  uint32_t next() {  // xorshift32
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
  }
};

void note_close(Run& r, size_t pending) {
  if (r.close_noted) return;
  r.close_noted = true;
  r.pending_at_close = pending;
  r.encoded_at_close = r.m.stats.bytes_encoded;
}

size_t on_write(void* user, const uint8_t* data, size_t n) {
  Run& r = *static_cast<Run*>(user);
  FUZZ_CHECK(n > 0, "the write callback was offered nothing");
  FUZZ_CHECK(data >= r.buf && n <= r.buf_size && data + n <= r.buf + r.buf_size,
             "the write callback was offered bytes outside the send buffer");
  size_t take = n;
  if (!r.draining) {
    switch (r.write_mode) {
      case write_all:
        break;
      case write_some:
        take = std::min<size_t>(n, 1u + r.write_param);
        break;
      case write_none:
        take = 0;
        break;
      default: {
        const uint32_t pick = r.next() % 4;
        take = pick == 0 ? 0 : pick == 1 ? 1 + r.next() % n : n;
        break;
      }
    }
  }
  if (r.m.state == TFTS_MIRROR_CLOSED) {
    note_close(r, n);  // what is offered first after the close is all that was pending
    r.written_after_close += take;
  }
  r.out.insert(r.out.end(), data, data + take);
  r.taken += static_cast<uint32_t>(take);
  return take;
}

int on_read(void* user, uint8_t* dst, size_t cap) {
  Run& r = *static_cast<Run*>(user);
  FUZZ_CHECK(dst != nullptr && cap > 0, "the read callback got no room");
  if (r.rx_avail == 0) return r.input_done && r.disconnect_at_end ? -1 : 0;
  const size_t n = std::min(cap, r.rx_avail);
  memcpy(dst, r.rx, n);
  r.rx += n;
  r.rx_avail -= n;
  return static_cast<int>(n);
}

// How the chunks of the server's bytes are cut (as server_input_fuzz.cpp's Chunker).
size_t chunk_size(uint8_t mode, uint8_t param, Run& r, size_t left) {
  size_t n = left;
  if (mode == chunk_bytewise) n = 1;
  if (mode == chunk_fixed) n = 1u + param;
  if (mode == chunk_random) n = 1u + r.next() % (1u + param);
  return std::min(n, left);
}

// The reason an ERROR/BYE from the core must carry, given how it closed; false: it sends none.
bool expected_reason(const tfts_mirror_t& m, bool welcomed, proto::Reason& reason) {
  switch (tfts_mirror_close_reason(&m)) {
    case TFTS_MIRROR_CLOSE_PROTOCOL:
      reason = proto::Reason::protocol_violation;  // or bad_magic / unsupported_version
      return true;
    case TFTS_MIRROR_CLOSE_TIMEOUT:
      reason = proto::Reason::timeout;
      return welcomed;  // a handshake timeout just ends (nothing was agreed to say it on)
    case TFTS_MIRROR_CLOSE_LOCAL:
      reason = proto::Reason::normal;
      return true;
    default:
      return false;
  }
}

bool reason_fits(proto::Reason got, proto::Reason want) {
  if (got == want) return true;
  return want == proto::Reason::protocol_violation &&
         (got == proto::Reason::bad_magic || got == proto::Reason::unsupported_version);
}

// Feeds what was written since the last call to the reference reader.
void decode_output(Run& r) {
  const tfts_mirror_t& m = r.m;
  if (!r.hello_done) {
    const std::span<const uint8_t> rest(r.out.data() + r.hello_fed, r.out.size() - r.hello_fed);
    r.hello_fed += r.hello.consume(rest);
    if (r.hello.state() == server::HelloReader::State::failed) g_detail = r.hello.error();
    FUZZ_CHECK(r.hello.state() != server::HelloReader::State::failed,
               "the server's HelloReader refused the core's HELLO");
    if (r.hello.state() == server::HelloReader::State::reading) return;
    const server::Hello& h = r.hello.hello();
    FUZZ_CHECK(h.role == proto::Role::source && h.width == m.cfg.width &&
                   h.height == m.cfg.height && h.name == kName &&
                   h.max_payload == m.max_payload && (h.codecs & kFillRaw) == kFillRaw &&
                   !h.framebuffer,
               "the HELLO does not say what the config does");
    r.hello_done = true;
    r.fed = r.hello_fed;
  }
  if (r.fed == r.out.size()) return;
  if (!r.display) {
    // Frames only follow a WELCOME, so the codecs the core may use are known by now: those
    // both its HELLO and the WELCOME named (§2.4 item 2). The reference display takes only
    // those, so any other is a decoder error.
    const uint16_t codecs =
        static_cast<uint16_t>(kFillRaw | (m.server_codecs & r.hello.hello().codecs));
    r.display = std::make_unique<sim::SimulatedDisplay>(
        client::DisplayConfig{m.cfg.width, m.cfg.height, m.max_payload, codecs, false});
    const std::vector<uint8_t> welcome = sim::make_welcome(codecs, 1, 2000, 1);
    const client::FeedResult w = r.display->feed_until_event(welcome.data(), welcome.size());
    FUZZ_CHECK(w.status == client::DecodeStatus::welcome && w.consumed == welcome.size(),
               "the reference display refused its WELCOME");
  }
  while (r.fed < r.out.size()) {
    FUZZ_CHECK(!r.saw_bye, "the core wrote bytes after its ERROR/BYE");
    const client::FeedResult res =
        r.display->feed_until_event(r.out.data() + r.fed, r.out.size() - r.fed);
    r.fed += res.consumed;
    if (client::is_error(res.status)) {
      g_detail = std::string("decoder status ") + client::status_name(res.status) + " at byte " +
                 std::to_string(r.fed) + " of " + std::to_string(r.out.size());
    }
    FUZZ_CHECK(!client::is_error(res.status), "the reference decoder refused the core's stream");
    if (res.status == client::DecodeStatus::frame_done) {
      FUZZ_CHECK(r.display->decoder().frame_seq() == r.frames_decoded,
                 "frame seqs do not count up by one from 0");
      r.frames_decoded++;
      FUZZ_CHECK(r.frames_decoded <= m.stats.frames_sent, "more frames decoded than sent");
    } else if (res.status == client::DecodeStatus::bye) {
      r.saw_bye = true;
      proto::Reason want;
      FUZZ_CHECK(m.state == TFTS_MIRROR_CLOSED && expected_reason(m, m.max_in_flight > 0, want),
                 "ERROR/BYE sent by a session that goes on, or closed without one");
      FUZZ_CHECK(reason_fits(r.display->decoder().reason(), want),
                 "the ERROR/BYE's reason does not fit why the session closed");
    } else if (res.consumed == 0) {
      break;
    }
  }
}

void check(Run& r, const char* where) {
  g_where = where;
  g_detail.clear();
  const tfts_mirror_t& m = r.m;
  for (size_t i = 0; i < kGuardBytes; ++i) {
    FUZZ_CHECK(r.mem[i] == kGuard && r.mem[kGuardBytes + r.buf_size + i] == kGuard,
               "the core wrote outside the send buffer");
  }
  const tfts_mirror_state_t s = tfts_mirror_state(&m);
  FUZZ_CHECK(s >= r.state && s <= TFTS_MIRROR_CLOSED &&
                 (r.state != TFTS_MIRROR_CONNECTING || s == TFTS_MIRROR_HANDSHAKE),
             "the state went back, or skipped the handshake");
  FUZZ_CHECK((s == TFTS_MIRROR_CLOSED) == (tfts_mirror_close_reason(&m) != TFTS_MIRROR_CLOSE_NONE),
             "close_reason disagrees with the state");

  const tfts_mirror_stats_t& st = *tfts_mirror_stats(&m);
  const tfts_mirror_stats_t& was = r.stats;
  FUZZ_CHECK(st.frames_sent >= was.frames_sent && st.frames_dropped >= was.frames_dropped &&
                 st.frames_acked >= was.frames_acked && st.rects_sent >= was.rects_sent &&
                 st.full_refreshes >= was.full_refreshes &&
                 st.refresh_requests >= was.refresh_requests &&
                 st.bytes_written >= was.bytes_written,
             "a stats counter went down");
  FUZZ_CHECK(st.bytes_written == r.taken, "bytes_written is not what the callback took");
  const size_t pending = tfts_mirror_pending(&m);
  FUZZ_CHECK(pending <= r.buf_size, "more pending than the buffer holds");
  // Queued bytes are never thrown away, not even by a close: they may be in the middle of a
  // message the server has partly read.
  FUZZ_CHECK(st.bytes_encoded == st.bytes_written + pending,
             "bytes_encoded is not bytes_written + pending");
  if (s == TFTS_MIRROR_CLOSED) {
    note_close(r, pending);
    FUZZ_CHECK(st.bytes_encoded == r.encoded_at_close, "bytes queued after CLOSED");
    FUZZ_CHECK(r.written_after_close <= r.pending_at_close,
               "more written after CLOSED than was pending");
  }
  if (s == TFTS_MIRROR_STREAMING) {
    FUZZ_CHECK(m.max_in_flight >= 1 && m.in_flight <= m.max_in_flight,
               "more frames in flight than WELCOME allows");
  }
  // m.frame 1: a FRAME_BEGIN is queued, no end yet. A close forgets an open frame, so the
  // count is only checked while the session lasts (no ACK is read after it anyway).
  const uint32_t frame_open = m.frame == 1 ? 1 : 0;
  FUZZ_CHECK(s == TFTS_MIRROR_CLOSED || st.frames_acked <= st.frames_sent + frame_open,
             "more ACKs than frames begun");

  decode_output(r);
  r.state = s;
  r.stats = st;
}

// An area of `w` x `h` pixels in a buffer of exactly its size (rows `stride` bytes apart).
std::vector<uint8_t> make_pixels(Run& r, uint16_t w, uint16_t h, size_t stride,
                                 tfts_mirror_format_t fmt) {
  std::vector<uint8_t> px(std::max<size_t>(1, stride * (h ? h - 1 : 0) + 2u * w), 0x5A);
  // flat (fill), runs of ever new colours (rle), noise (raw), runs of at most 16 colours
  // (palette_rle, like GUI text on a flat background)
  const uint32_t pattern = r.next() % 4;
  uint16_t v = static_cast<uint16_t>(r.next());
  const uint32_t run = 1 + r.next() % 9;
  uint16_t colours[16];
  const uint32_t n_colours = 2 + r.next() % 15;
  for (uint32_t i = 0; i < n_colours; ++i) colours[i] = static_cast<uint16_t>(r.next());
  for (uint16_t y = 0; y < h; ++y) {
    for (uint16_t x = 0; x < w; ++x) {
      if (pattern == 1 && (x + y * w) % run == 0) v = static_cast<uint16_t>(v * 31 + 7);
      if (pattern == 2) v = static_cast<uint16_t>(r.next());
      if (pattern == 3 && (x + y * w) % run == 0) v = colours[r.next() % n_colours];
      uint8_t* p = &px[y * stride + 2u * x];
      p[0] = static_cast<uint8_t>(fmt == TFTS_MIRROR_RGB565_SWAPPED ? v >> 8 : v);
      p[1] = static_cast<uint8_t>(fmt == TFTS_MIRROR_RGB565_SWAPPED ? v : v >> 8);
    }
  }
  return px;
}

void flush_area(Run& r, bool last) {
  const uint16_t W = r.m.cfg.width, H = r.m.cfg.height;
  // Mostly inside the screen; sometimes across its edge or outside (the core clips or skips).
  const uint16_t x = static_cast<uint16_t>(r.next() % 8 ? r.next() % W : W - 1 + r.next() % 3);
  const uint16_t y = static_cast<uint16_t>(r.next() % 8 ? r.next() % H : H - 1 + r.next() % 3);
  uint16_t w = static_cast<uint16_t>(1 + r.next() % std::min<size_t>(W, kAreaMax));
  uint16_t h = static_cast<uint16_t>(1 + r.next() % std::min<size_t>(H, kAreaMax));
  if (r.next() % 32 == 0) (r.next() & 1 ? w : h) = 0;
  const tfts_mirror_format_t fmt =
      r.next() & 1 ? TFTS_MIRROR_RGB565_SWAPPED : TFTS_MIRROR_RGB565;
  const size_t stride = 2u * w + r.next() % 4;
  const std::vector<uint8_t> px = make_pixels(r, w, h, stride, fmt);
  const bool no_pixels = r.next() % 32 == 0;
  // Now and then the frame is ended explicitly (callers without a `last` flag).
  const bool explicit_end = last && r.next() % 8 == 0;
  tfts_mirror_flush(&r.m, x, y, w, h, no_pixels ? nullptr : px.data(), stride, fmt,
                    last && !explicit_end);
  check(r, "flush");
  if (explicit_end) {
    tfts_mirror_end_frame(&r.m);
    check(r, "end_frame");
  }
}

// What the LVGL glue does with a refresh: the whole screen, in strips of up to 8 KiB.
void flush_screen(Run& r) {
  const uint16_t W = r.m.cfg.width, H = r.m.cfg.height;
  const uint16_t rows = static_cast<uint16_t>(std::max<size_t>(1, std::min<size_t>(H, 4096u / W)));
  const tfts_mirror_format_t fmt =
      r.next() & 1 ? TFTS_MIRROR_RGB565_SWAPPED : TFTS_MIRROR_RGB565;
  for (uint16_t y = 0; y < H; y = static_cast<uint16_t>(y + rows)) {
    const uint16_t h = static_cast<uint16_t>(std::min<size_t>(rows, H - y));
    const std::vector<uint8_t> px = make_pixels(r, W, h, 2u * W, fmt);
    tfts_mirror_flush(&r.m, 0, y, W, h, px.data(), 2u * W, fmt, y + h >= H);
    check(r, "refresh flush");
  }
}

void step(Run& r, const uint8_t* chunk, size_t n, bool read_cb, uint8_t driver, int index) {
  r.now += kTickSets[(driver >> 2) & 3][r.next() & 7];
  if (read_cb) r.rx_avail += n;  // arrived; the core reads it in poll()
  tfts_mirror_poll(&r.m, r.now);
  check(r, "poll");
  if (!read_cb && n) {
    tfts_mirror_receive(&r.m, chunk, n);
    check(r, "receive");
  }
  switch (driver & 3) {
    case flush_frames:
      flush_area(r, true);
      break;
    case flush_third_ends:
      flush_area(r, index % 3 == 2);
      break;
    case flush_random:
      for (uint32_t i = r.next() % 4; i > 0; --i) flush_area(r, r.next() % 3 == 0);
      break;
    default:
      break;
  }
  const bool frame_open = r.m.frame != 0;
  const bool may_refresh = tfts_mirror_state(&r.m) == TFTS_MIRROR_STREAMING && !frame_open &&
                           tfts_mirror_pending(&r.m) == 0 && r.m.in_flight < r.m.max_in_flight;
  if (tfts_mirror_take_refresh(&r.m)) {
    FUZZ_CHECK(may_refresh, "a refresh handed out while the link cannot take it");
    check(r, "take_refresh");
    if (driver & 0x40) flush_screen(r);
  } else {
    check(r, "take_refresh");
  }
}

const char* outcome_end(const tfts_mirror_t& m) {
  switch (tfts_mirror_state(&m)) {
    case TFTS_MIRROR_CONNECTING: return "connecting";
    case TFTS_MIRROR_HANDSHAKE: return "handshake";
    case TFTS_MIRROR_STREAMING: return "streaming";
    case TFTS_MIRROR_CLOSED: break;
  }
  switch (tfts_mirror_close_reason(&m)) {
    case TFTS_MIRROR_CLOSE_REFUSED: return "refused";
    case TFTS_MIRROR_CLOSE_PEER_ERROR: return "peer_error";
    case TFTS_MIRROR_CLOSE_PEER_BYE: return "peer_bye";
    case TFTS_MIRROR_CLOSE_DISCONNECTED: return "disconnected";
    case TFTS_MIRROR_CLOSE_TIMEOUT: return "timeout";
    case TFTS_MIRROR_CLOSE_PROTOCOL: return "protocol";
    case TFTS_MIRROR_CLOSE_LOCAL: return "local";
    default: return "closed";
  }
}

}  // namespace

const std::string& mirror_outcome() { return g_outcome; }

void mirror_check_failed(const char* file, int line, const char* cond, const char* what) {
  fprintf(stderr,
          "mirror_receive_fuzz: broken promise: %s\n  %s:%d: %s\n  input: %s\n  after: %s %s\n",
          what, file, line, cond, g_context.c_str(), g_where, g_detail.c_str());
  if (g_mirror) {
    const tfts_mirror_t& m = *g_mirror;
    fprintf(stderr,
            "  core: state %s, close %d, frames sent %u dropped %u acked %u, in flight %u/%u, "
            "frame %u, pending %zu, encoded %u, written %u\n",
            tfts_mirror_state_name(tfts_mirror_state(&m)), static_cast<int>(m.close_reason),
            static_cast<unsigned>(m.stats.frames_sent),
            static_cast<unsigned>(m.stats.frames_dropped),
            static_cast<unsigned>(m.stats.frames_acked), static_cast<unsigned>(m.in_flight),
            static_cast<unsigned>(m.max_in_flight), static_cast<unsigned>(m.frame),
            tfts_mirror_pending(&m), static_cast<unsigned>(m.stats.bytes_encoded),
            static_cast<unsigned>(m.stats.bytes_written));
  }
  fflush(stderr);
  abort();
}

}  // namespace tfts_fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfts_fuzz;
  g_outcome.clear();
  if (size < kHeaderBytes || size > kMaxInput) return 0;
  auto run = std::make_unique<Run>();  // the decoder's framebuffer can be large: not on the stack
  Run& r = *run;
  const Size screen = kSizes[data[0] & 7];
  const uint32_t max_payload = kPayloads[(data[0] >> 3) & 3];
  r.buf_size = kBufSizes[(data[0] >> 5) & 7];
  r.write_mode = data[1] & 3;
  r.write_param = data[1] >> 2;
  const uint8_t chunk_mode = data[2] & 3, chunk_param = data[2] >> 2;
  const uint8_t driver = data[3];
  const bool read_cb = (driver & 0x10) != 0;
  r.disconnect_at_end = (driver & 0x20) != 0;
  r.rng = 0x9E3779B9u ^ (uint32_t{data[4]} * 0x01000193u);
  r.now = r.next() & 1 ? 0xFFFFF000u : 0;  // half the runs see the millisecond clock wrap
  const uint8_t* stream = data + kHeaderBytes;
  const size_t stream_size = size - kHeaderBytes;
  r.rx = stream;
  g_context = "screen " + std::to_string(screen.width) + "x" + std::to_string(screen.height) +
              ", max_payload " + std::to_string(max_payload) + ", buf " +
              std::to_string(r.buf_size) + ", write " + std::to_string(r.write_mode) + "/" +
              std::to_string(r.write_param) + ", chunks " + std::to_string(chunk_mode) + "/" +
              std::to_string(chunk_param) + ", driver " + std::to_string(driver) + ", seed " +
              std::to_string(data[4]) + ", " + std::to_string(stream_size) + " server bytes";

  g_mirror = &r.m;
  r.mem.assign(r.buf_size + 2 * kGuardBytes, kGuard);
  r.buf = r.mem.data() + kGuardBytes;
  tfts_mirror_config_t cfg{};
  cfg.width = screen.width;
  cfg.height = screen.height;
  cfg.name = kName;
  cfg.max_payload = max_payload;
  cfg.buf = r.buf;
  cfg.buf_size = r.buf_size;
  cfg.write = on_write;
  cfg.read = read_cb ? on_read : nullptr;
  cfg.user = &r;
  FUZZ_CHECK(tfts_mirror_init(&r.m, &cfg), "init refused a valid config");
  FUZZ_CHECK(tfts_mirror_state(&r.m) == TFTS_MIRROR_CONNECTING, "init did not leave CONNECTING");
  std::fill(r.buf, r.buf + r.buf_size, 0);  // the core's business from here on; guards are not
  tfts_mirror_start(&r.m, r.now);
  check(r, "start");

  size_t pos = 0;
  int index = 0;
  while (pos < stream_size) {
    const size_t n = chunk_size(chunk_mode, chunk_param, r, stream_size - pos);
    step(r, stream + pos, n, read_cb, driver, index++);
    pos += n;
  }
  r.input_done = true;
  for (int i = 0; i < kTailSteps; ++i) step(r, nullptr, 0, read_cb, driver, index++);
  if (driver & 0x80) {
    tfts_mirror_close(&r.m);
    check(r, "close");
    FUZZ_CHECK(tfts_mirror_state(&r.m) == TFTS_MIRROR_CLOSED, "close() left the session open");
  }

  // The final drain: a link that takes everything gets everything that is pending.
  r.draining = true;
  tfts_mirror_poll(&r.m, r.now);
  check(r, "drain");
  FUZZ_CHECK(tfts_mirror_pending(&r.m) == 0, "bytes left pending on a link that takes all");
  FUZZ_CHECK(r.hello_done, "the HELLO was not written whole");
  proto::Reason want;
  if (tfts_mirror_state(&r.m) == TFTS_MIRROR_CLOSED &&
      expected_reason(r.m, r.m.max_in_flight > 0, want)) {
    // Left out only when it did not fit; then what was pending at the close fills the buffer.
    FUZZ_CHECK(r.saw_bye || r.pending_at_close + 3 > r.buf_size,
               "the core ended the session without its ERROR/BYE");
  }
  g_outcome = std::string(outcome_end(r.m)) + "." + std::to_string(r.m.stats.frames_acked);
  g_mirror = nullptr;
  return 0;
}
