// libFuzzer target for the freestanding display decoder (tfts::client::Decoder).
//
// The first three input bytes pick a display configuration and a chunking pattern (format in
// decoder_fuzz.h); the rest is fed, after a valid WELCOME, to the decoder in chunks. A checking
// sink aborts when the decoder breaks its contract: a rectangle outside the display, pixels
// read outside the memory the decoder owns (every byte handed to write_pixels is read, so ASan
// sees overreads), copy() without a framebuffer, sink calls before WELCOME or after the stream
// stopped. The driver checks the FeedResult contract (never more consumed than given, need_more
// means everything was consumed, events make progress, errors are sticky) and that the pixels
// the sink received match Decoder::pixels_decoded().
//
// Builds as a libFuzzer target (clang -fsanitize=fuzzer) and, with replay_main.cpp, as an
// ordinary program that replays files (any compiler).
#include "decoder_fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <memory>
#include <vector>

#include "tfts/client/decoder.h"
#include "tfts/client/display_sink.h"
#include "tfts/proto/wire.h"

namespace tfts_fuzz {
namespace {

using tfts::client::Decoder;
using tfts::client::DecodeStatus;
using tfts::client::DisplayConfig;
using tfts::client::DisplaySink;
using tfts::client::FeedResult;
using tfts::client::Rect;
namespace proto = tfts::proto;

// Keep in sync with make_corpus.py.
struct Size {
  uint16_t width;
  uint16_t height;
};
const Size kFuzzDisplays[16] = {
    {1, 1},   {17, 5},    {320, 240}, {2, 2},     {5, 17},   {7, 1},    {1, 7},   {31, 3},
    {64, 64}, {128, 160}, {240, 135}, {480, 320}, {4096, 1}, {1, 4096}, {257, 3}, {4096, 4096},
};
const uint32_t kFuzzMaxPayloads[8] = {256, 257, 300, 512, 1000, 2048, 4096, 8192};

const size_t kConfigBytes = 3;
const size_t kMaxInput = 1 << 16;  // longer inputs are ignored (keeps each run fast)
// The sink stops the run once it has read this many pixel bytes (a few RLE/PREDICT payloads
// of long runs on a 4096x4096 display would otherwise take seconds).
const uint64_t kMaxPixelBytes = uint64_t(64) << 20;

const uint16_t kWelcomeCodecs = proto::kAllCodecs;
const uint8_t kWelcomeMaxInFlight = 3;
const uint16_t kWelcomeKeepaliveMs = 2500;
const uint32_t kWelcomeSessionId = 0xC0FFEE42u;

enum ChunkMode : uint8_t {
  whole = 0,         // one feed() with everything
  bytewise = 1,      // one byte per feed()
  fixed = 2,         // 1 + param bytes per feed()
  random_small = 3,  // uniform 1 .. 1 + param % 64
  split = 4,         // the WELCOME alone, then the rest split in two at param / 256 of it
  alternate = 5,     // 1 byte, then 1 + param bytes, repeated
  random_mixed = 6,  // mostly 1..8 bytes, sometimes up to 300
  fibonacci = 7,     // 1, 2, 3, 5, 8, ... 233, then again (started at param % 12)
};

Outcome g_outcome;
char g_context[160];  // printed with every failed check

[[noreturn]] void check_failed(int line, const char* cond, const char* what) {
  fprintf(stderr, "decoder_fuzz.cpp:%d: check failed: %s\n  %s\n  input: %s\n", line, cond, what,
          g_context);
  fflush(stderr);
  abort();
}

#define FUZZ_CHECK(cond, what)                                     \
  do {                                                             \
    if (!(cond)) ::tfts_fuzz::check_failed(__LINE__, #cond, what); \
  } while (0)

struct Range {
  const uint8_t* begin;
  const uint8_t* end;
  bool holds(const uint8_t* p, size_t n) const {
    const uintptr_t b = reinterpret_cast<uintptr_t>(begin);
    const uintptr_t e = reinterpret_cast<uintptr_t>(end);
    const uintptr_t q = reinterpret_cast<uintptr_t>(p);
    return q >= b && q <= e && n <= e - q;
  }
};

class CheckingSink final : public DisplaySink {
 public:
  CheckingSink(const DisplayConfig& cfg, Range work) : cfg_(cfg), work_(work) {
    row_.resize(static_cast<size_t>(cfg.width) * 2);
  }

  // The driver says when calls are legal (between WELCOME and the end of the stream) and
  // which input chunk the decoder is working on (pixels may come straight from it).
  void set_open(bool open) { open_ = open; }
  void set_chunk(Range chunk) { chunk_ = chunk; }

  void write_pixels(const Rect& r, const uint8_t* pixels, size_t stride_bytes) override {
    check_call(r, "write_pixels");
    const size_t row_bytes = static_cast<size_t>(r.w) * 2;
    FUZZ_CHECK(pixels != nullptr, "write_pixels got a null pointer");
    FUZZ_CHECK(stride_bytes >= row_bytes, "write_pixels stride shorter than a row");
    const size_t span = (static_cast<size_t>(r.h) - 1) * stride_bytes + row_bytes;
    FUZZ_CHECK(work_.holds(pixels, span) || chunk_.holds(pixels, span),
               "write_pixels reads outside the work buffer and the current input chunk");
    // Read every byte the sink is allowed to read (ASan reports any that is not addressable).
    for (uint16_t y = 0; y < r.h; ++y) {
      const uint8_t* row = pixels + static_cast<size_t>(y) * stride_bytes;
      memcpy(row_.data(), row, row_bytes);
      checksum_ = checksum_ * 31u + row_[0] + row_[row_bytes - 1];
    }
    pixel_bytes_read_ += static_cast<uint64_t>(row_bytes) * r.h;
    count(r);
  }

  void fill(const Rect& r, uint16_t rgb565) override {
    check_call(r, "fill");
    checksum_ = checksum_ * 31u + rgb565;
    count(r);
  }

  void copy(const Rect& r, uint16_t src_x, uint16_t src_y) override {
    check_call(r, "copy");
    FUZZ_CHECK(cfg_.has_framebuffer, "copy() on a display without a framebuffer");
    FUZZ_CHECK(src_x < cfg_.width && src_y < cfg_.height &&
                   static_cast<uint32_t>(src_x) + r.w <= cfg_.width &&
                   static_cast<uint32_t>(src_y) + r.h <= cfg_.height,
               "copy() source block leaves the display");
    count(r);
  }

  void frame_done(uint32_t seq) override {
    FUZZ_CHECK(open_, "frame_done() before WELCOME or after the stream stopped");
    ++frames_;
    last_seq_ = seq;
  }

  uint32_t pixels() const { return pixels_; }
  uint32_t frames() const { return frames_; }
  uint32_t last_seq() const { return last_seq_; }
  bool over_budget() const { return pixel_bytes_read_ > kMaxPixelBytes; }
  uint32_t checksum() const { return checksum_; }

 private:
  void check_call(const Rect& r, const char* what) {
    FUZZ_CHECK(open_, what);  // a sink call before WELCOME or after the stream stopped
    FUZZ_CHECK(r.w > 0 && r.h > 0, "empty rectangle");
    FUZZ_CHECK(r.x < cfg_.width && r.y < cfg_.height &&
                   static_cast<uint32_t>(r.x) + r.w <= cfg_.width &&
                   static_cast<uint32_t>(r.y) + r.h <= cfg_.height,
               "rectangle leaves the display");
  }

  // Modulo 2^32, like Decoder::pixels_decoded().
  void count(const Rect& r) { pixels_ += static_cast<uint32_t>(r.w) * r.h; }

  const DisplayConfig cfg_;
  const Range work_;
  Range chunk_ = {nullptr, nullptr};
  bool open_ = false;
  std::vector<uint8_t> row_;
  uint32_t pixels_ = 0;
  uint32_t frames_ = 0;
  uint32_t last_seq_ = 0;
  uint32_t checksum_ = 0;
  uint64_t pixel_bytes_read_ = 0;
};

void put_be16(std::vector<uint8_t>& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}

void put_be32(std::vector<uint8_t>& out, uint32_t v) {
  put_be16(out, static_cast<uint16_t>(v >> 16));
  put_be16(out, static_cast<uint16_t>(v));
}

enum Handshake : uint8_t {
  v1_welcome,      // the 16-byte v1 WELCOME
  longer_welcome,  // a newer WELCOME with extra body bytes the decoder must skip
  refused,         // "TFTS" 1 body_len=0: the server refuses; an ERROR should follow
  from_input,      // no WELCOME is added: the input starts with the handshake (fuzzes it)
};

// A v1 WELCOME, optionally with `extra` bytes of a newer, longer body.
std::vector<uint8_t> make_welcome(size_t extra) {
  std::vector<uint8_t> out(proto::kMagic, proto::kMagic + 4);
  out.push_back(proto::kVersion);
  put_be16(out, static_cast<uint16_t>(proto::kWelcomeFixedBytes + extra));
  put_be16(out, kWelcomeCodecs);
  out.push_back(kWelcomeMaxInFlight);
  put_be16(out, kWelcomeKeepaliveMs);
  put_be32(out, kWelcomeSessionId);
  for (size_t i = 0; i < extra; ++i) out.push_back(static_cast<uint8_t>(0xA5 ^ i));
  return out;
}

// Splits a stream of `total` bytes (the first `welcome` of them the WELCOME) into chunks.
class Chunker {
 public:
  Chunker(uint8_t mode, uint8_t param, size_t welcome, size_t total)
      : mode_(mode),
        param_(param),
        welcome_(welcome),
        total_(total),
        rng_(0x9E3779B9u ^ (uint32_t(param) * 0x01000193u)),
        fib_a_(1),
        fib_b_(2) {
    for (unsigned i = 0; i < param % 12u; ++i) next_fib();
  }

  // Length of the chunk starting at `pos` (> 0 while pos < total).
  size_t next(size_t pos) {
    const size_t left = total_ - pos;
    size_t n = left;
    switch (mode_) {
      case whole: break;
      case bytewise: n = 1; break;
      case fixed: n = 1u + param_; break;
      case random_small: n = 1u + rand() % (1u + (param_ & 63u)); break;
      case split:
        if (pos < welcome_) {
          n = welcome_ - pos;
        } else {
          const size_t rest = total_ - welcome_;
          const size_t cut = welcome_ + rest * param_ / 256u;
          n = pos < cut ? cut - pos : left;
        }
        break;
      case alternate: n = (toggle_ = !toggle_) ? 1u : 1u + param_; break;
      case random_mixed: {
        const uint32_t r = rand();
        n = (r & 3u) == 0 ? 1u + (r >> 2) % 300u : 1u + (r >> 2) % 8u;
        break;
      }
      default:  // fibonacci
        n = fib_a_;
        next_fib();
        break;
    }
    return n < left ? n : left;
  }

 private:
  uint32_t rand() {  // xorshift32
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 17;
    rng_ ^= rng_ << 5;
    return rng_;
  }
  void next_fib() {
    const size_t c = fib_a_ + fib_b_;
    fib_a_ = fib_b_;
    fib_b_ = c;
    if (fib_a_ > 233) {
      fib_a_ = 1;
      fib_b_ = 2;
    }
  }

  const uint8_t mode_;
  const uint8_t param_;
  const size_t welcome_;
  const size_t total_;
  uint32_t rng_;
  size_t fib_a_;
  size_t fib_b_;
  bool toggle_ = false;
};

// One input.
void run(const uint8_t* data, size_t size) {
  const uint8_t c0 = data[0];
  const uint8_t c1 = data[1];
  const uint8_t param = data[2];
  const Size dims = kFuzzDisplays[c0 & 15u];

  DisplayConfig cfg;
  cfg.width = dims.width;
  cfg.height = dims.height;
  cfg.max_payload = kFuzzMaxPayloads[c0 >> 5];
  cfg.has_framebuffer = (c0 & 0x10u) != 0;
  cfg.codecs = proto::kAllCodecs;
  for (unsigned i = 0; i < 4; ++i) {  // bits 3..6 drop rle, palette, palette_rle, predict
    if (c1 & (0x08u << i)) cfg.codecs = static_cast<uint16_t>(cfg.codecs & ~(1u << (2 + i)));
  }
  const uint8_t mode = c1 & 7u;
  Handshake handshake = v1_welcome;
  size_t welcome_extra = 0;
  if (c1 & 0x80u) {
    switch (param & 3u) {
      case 0:
        handshake = longer_welcome;
        welcome_extra = 1u + (param >> 2) % 16u;
        break;
      case 1: handshake = refused; break;
      case 2: handshake = from_input; break;
      default:
        handshake = longer_welcome;
        welcome_extra = 200u + (param >> 2);
        break;
    }
  }

  snprintf(g_context, sizeof g_context,
           "display %ux%u framebuffer=%d max_payload=%u codecs=0x%02x chunking=%u/%u "
           "handshake=%u(+%zu), %zu stream bytes",
           cfg.width, cfg.height, cfg.has_framebuffer ? 1 : 0, cfg.max_payload, cfg.codecs, mode,
           param, handshake, welcome_extra, size - kConfigBytes);

  // The work buffer has exactly the requested size, so ASan sees any access past it.
  const size_t work_size = Decoder::work_size_for(cfg.width, cfg.max_payload);
  std::unique_ptr<uint8_t[]> work(new uint8_t[work_size]);
  memset(work.get(), 0xEE, work_size);
  CheckingSink sink(cfg, Range{work.get(), work.get() + work_size});
  Decoder dec(sink, cfg, work.get(), work_size);
  FUZZ_CHECK(dec.status() == DecodeStatus::need_more, "a valid configuration was refused");

  std::vector<uint8_t> stream;
  if (handshake == v1_welcome || handshake == longer_welcome) {
    stream = make_welcome(welcome_extra);
  } else if (handshake == refused) {
    stream.assign(proto::kMagic, proto::kMagic + 4);
    stream.push_back(proto::kVersion);
    put_be16(stream, 0);
  }
  stream.insert(stream.end(), data + kConfigBytes, data + size);

  // What the handshake at the start of the stream says (whoever wrote it).
  const uint8_t* const hs = stream.data();
  const bool good_prefix = stream.size() >= proto::kHandshakePrefixBytes &&
                           memcmp(hs, proto::kMagic, 4) == 0 && hs[4] == proto::kVersion;
  const size_t body_len = good_prefix ? (size_t(hs[5]) << 8 | hs[6]) : 0;
  // After a refusal the decoder goes on without a welcome event (an ERROR should follow). It
  // also takes FRAME_BEGIN/FRAME_END then (empty frames); RECTs fail, the session has no codecs.
  const bool was_refused = good_prefix && body_len == 0;
  const size_t welcome_bytes = proto::kHandshakePrefixBytes + body_len;
  const size_t first_chunk = welcome_bytes < stream.size() ? welcome_bytes : stream.size();

  // An empty feed changes nothing.
  {
    const uint8_t dummy = 0;
    FeedResult r = dec.feed(&dummy, 0);
    FUZZ_CHECK(r.consumed == 0 && r.status == DecodeStatus::need_more, "empty feed()");
  }

  const uint16_t our_codecs = static_cast<uint16_t>(
      cfg.codecs & (cfg.has_framebuffer ? 0xFFFFu : ~proto::codec_bit(proto::Codec::copy)));
  bool welcomed = false;
  uint32_t frames = 0;
  bool stopped = false;
  DecodeStatus last = DecodeStatus::need_more;

  if (was_refused) sink.set_open(true);

  Chunker chunker(mode, param, first_chunk, stream.size());
  size_t pos = 0;
  while (pos < stream.size() && !stopped) {
    const size_t n = chunker.next(pos);
    FUZZ_CHECK(n > 0, "chunker made no progress");
    // An exact-size copy, so ASan catches reads past the chunk the decoder was given.
    std::unique_ptr<uint8_t[]> chunk(new uint8_t[n]);
    memcpy(chunk.get(), stream.data() + pos, n);
    sink.set_chunk(Range{chunk.get(), chunk.get() + n});
    pos += n;

    size_t off = 0;
    while (off < n && !stopped) {
      const FeedResult r = dec.feed(chunk.get() + off, n - off);
      FUZZ_CHECK(r.consumed <= n - off, "feed() consumed more bytes than it was given");
      FUZZ_CHECK(r.status == dec.status(), "feed() result differs from status()");
      off += r.consumed;
      last = r.status;
      switch (r.status) {
        case DecodeStatus::need_more:
          FUZZ_CHECK(off == n, "need_more but not all input consumed");
          break;
        case DecodeStatus::welcome: {
          FUZZ_CHECK(!welcomed && !was_refused, "an unexpected welcome event");
          FUZZ_CHECK(good_prefix && body_len >= proto::kWelcomeFixedBytes,
                     "welcome event for a malformed handshake");
          FUZZ_CHECK(pos - n + off == welcome_bytes, "welcome event not at the end of WELCOME");
          const uint8_t* w = hs + proto::kHandshakePrefixBytes;
          const tfts::client::Session& s = dec.session();
          FUZZ_CHECK(s.codecs == ((w[0] << 8 | w[1]) & our_codecs),
                     "session codecs are not ours & the server's");
          FUZZ_CHECK(s.max_in_flight == w[2] && s.max_in_flight > 0 &&
                         s.keepalive_ms == (w[3] << 8 | w[4]) &&
                         s.session_id == (uint32_t(w[5]) << 24 | uint32_t(w[6]) << 16 |
                                          uint32_t(w[7]) << 8 | w[8]),
                     "session fields differ from the WELCOME");
          if (handshake != from_input) {
            FUZZ_CHECK(
                s.max_in_flight == kWelcomeMaxInFlight && s.keepalive_ms == kWelcomeKeepaliveMs &&
                    s.session_id == kWelcomeSessionId && s.codecs == (kWelcomeCodecs & our_codecs),
                "session fields differ from the WELCOME we sent");
          }
          welcomed = true;
          sink.set_open(true);
          break;
        }
        case DecodeStatus::frame_done:
          FUZZ_CHECK(welcomed || was_refused, "frame_done before welcome");
          ++frames;
          FUZZ_CHECK(sink.frames() == frames, "frame_done event without exactly one sink call");
          FUZZ_CHECK(dec.frame_seq() == sink.last_seq(), "frame_seq() differs from the sink's");
          break;
        case DecodeStatus::bye:
          FUZZ_CHECK(welcomed || was_refused, "bye before welcome");
          stopped = true;
          break;
        default:
          FUZZ_CHECK(tfts::client::is_error(r.status), "unknown status");
          if (!welcomed && !was_refused) {
            FUZZ_CHECK(handshake == from_input, "an error in the WELCOME we sent");
            FUZZ_CHECK(r.status == DecodeStatus::bad_magic ||
                           r.status == DecodeStatus::bad_version ||
                           r.status == DecodeStatus::bad_message,
                       "a handshake error other than bad_magic, bad_version or bad_message");
          }
          stopped = true;
          break;
      }
      FUZZ_CHECK(sink.frames() == frames, "sink frame_done() without a frame_done event");
      if (!tfts::client::is_error(r.status)) {
        // Every completed RECT reaches the sink as exactly w*h pixels; partial output only
        // happens on the way to an error.
        FUZZ_CHECK(sink.pixels() == dec.pixels_decoded(),
                   "pixels given to the sink differ from pixels_decoded()");
      }
      if (!stopped && off < n) {
        FUZZ_CHECK(r.consumed > 0, "an event without progress");
      }
      if (sink.over_budget()) stopped = true;  // enough work for one input
    }
  }
  if (!stopped && handshake != from_input && handshake != refused) {
    FUZZ_CHECK(welcomed, "the whole WELCOME was fed but no welcome event");
  }
  g_outcome.ran = true;
  g_outcome.status = last;
  g_outcome.frames = frames;

  // After the stream stopped the sink must stay untouched.
  sink.set_open(false);
  sink.set_chunk(Range{nullptr, nullptr});
  if (last == DecodeStatus::bye || tfts::client::is_error(last)) {
    const uint8_t more[2] = {0x20, 0x20};
    const FeedResult r = dec.feed(more, sizeof more);
    FUZZ_CHECK(r.consumed == 0 && r.status == last, "bye/error is not sticky");
  }

  // reset() forgets everything; the decoder accepts a new WELCOME.
  dec.reset();
  FUZZ_CHECK(
      dec.status() == DecodeStatus::need_more && dec.pixels_decoded() == 0 && dec.frame_seq() == 0,
      "reset() left state behind");
  std::vector<uint8_t> again = make_welcome(0);
  const FeedResult r = dec.feed(again.data(), again.size());
  FUZZ_CHECK(r.consumed == again.size() && r.status == DecodeStatus::welcome,
             "no welcome after reset()");
}

}  // namespace

const Outcome& last_outcome() { return g_outcome; }

}  // namespace tfts_fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tfts_fuzz::g_outcome = tfts_fuzz::Outcome{false, tfts::client::DecodeStatus::need_more, 0};
  if (size < tfts_fuzz::kConfigBytes || size > tfts_fuzz::kMaxInput) return 0;
  tfts_fuzz::run(data, size);
  return 0;
}
