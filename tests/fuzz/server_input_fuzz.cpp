// libFuzzer target for what the server reads from displays: HelloReader, DisplayInput and
// DisplaySession (input format in server_fuzz.h).
//
// HelloReader gets the stream in fuzzer-chosen chunks. Checked after every consume(): it never
// uses more bytes than given, and all of them while reading; its state and reason agree with a
// reference reading of docs/protocol.md §2.1 (display_stream_model.h); `done` leaves exactly the
// HELLO's bytes used and a Hello within the documented ranges (size 1..4096, name 1..32 bytes,
// fill and raw among the codecs, COPY only with a framebuffer, max_payload >= 256); `failed`
// has a non-empty error, and its refusal (make_refusal) reads as ERROR with that reason on the
// reference display decoder; both states are final. The session checks are listed in
// session_harness.h.
//
// Builds as a libFuzzer target (clang -fsanitize=fuzzer) and, with server_replay_main.cpp, as
// an ordinary program that replays files (any compiler).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <memory>
#include <string>
#include <vector>

#include "display_stream_model.h"
#include "server_fuzz.h"
#include "session_harness.h"
#include "tfts/client/decoder.h"
#include "tfts/client/display_messages.h"
#include "tfts/server/hello.h"
#include "tfts/sim/framebuffer_sink.h"

namespace tfts_fuzz {
namespace {

namespace client = tfts::client;
namespace proto = tfts::proto;
namespace server = tfts::server;
using server::HelloReader;

const size_t kMaxInput = 1 << 14;  // longer inputs are ignored (keeps each run fast)
// A session is only run for displays up to this size: every chunk encodes a frame.
const long kMaxSessionPixels = 64 * 64;
const server::Clock::time_point kStart{std::chrono::hours(1)};

// Keep the tables in sync with make_server_corpus.py.
const int kFloodLimits[8] = {1, 3, 10, 30, 100, 500, 2000, 1000000};
struct Size {
  int width;
  int height;
};
const Size kSessionSizes[4] = {{32, 16}, {17, 5}, {1, 1}, {64, 40}};
const uint32_t kSessionPayloads[4] = {256, 300, 1024, 8192};
const int kSessionMaxErrors[4] = {0, 2, 8, 40};
const uint32_t kAckSeqOffsets[4] = {0, 1, 0xFFFFFFFFu, 0x80000000u};  // 0 = the correct ACK
const uint8_t kCloseReasons[8] = {0, 1, 2, 8, 9, 11, 12, 200};        // 200: unknown to v1
const int kTicksMs[8] = {0, 1, 10, 100, 250, 999, 1000, 5000};

std::string g_outcome;
std::string g_context;
std::string g_detail;

// Connection mode: how the stream is cut into reads.
enum ChunkMode : uint8_t {
  whole = 0,  // one read
  bytewise,   // one byte per read
  fixed,      // 1 + param bytes per read
  random,     // uniform 1 .. 1 + param % 64, seeded by param
};

class Chunker {
 public:
  Chunker(uint8_t mode, uint8_t param) : mode_(mode), param_(param), rng_(0x2545F491u ^ param) {}
  size_t next(size_t left) {
    size_t n = left;
    switch (mode_) {
      case whole:
        break;
      case bytewise:
        n = 1;
        break;
      case fixed:
        n = 1u + param_;
        break;
      default:
        rng_ ^= rng_ << 13;
        rng_ ^= rng_ >> 17;
        rng_ ^= rng_ << 5;
        n = 1u + rng_ % (1u + (param_ & 63u));
        break;
    }
    return n < left ? n : left;
  }

 private:
  const uint8_t mode_;
  const uint8_t param_;
  uint32_t rng_;
};

void check_hello_ranges(const server::Hello& h) {
  const uint16_t mandatory =
      proto::codec_bit(proto::Codec::fill) | proto::codec_bit(proto::Codec::raw);
  FUZZ_CHECK(h.width >= 1 && h.width <= proto::kMaxDimension && h.height >= 1 &&
                 h.height <= proto::kMaxDimension,
             "accepted HELLO: size outside 1..4096");
  FUZZ_CHECK(!h.name.empty() && h.name.size() <= proto::kMaxNameBytes,
             "accepted HELLO: name outside 1..32 bytes");
  FUZZ_CHECK((h.codecs & mandatory) == mandatory && (h.codecs & ~proto::kAllCodecs) == 0,
             "accepted HELLO: codecs without fill and raw, or unknown ones");
  FUZZ_CHECK(h.framebuffer || (h.codecs & proto::codec_bit(proto::Codec::copy)) == 0,
             "accepted HELLO: COPY without a framebuffer");
  FUZZ_CHECK(h.rotation >= 0 && h.rotation <= 3 && h.max_payload >= proto::kMinPayloadLimit &&
                 (h.role == proto::Role::display || h.role == proto::Role::source ||
                  h.role == proto::Role::viewer),
             "accepted HELLO: rotation, max_payload or role out of range");
}

bool same_hello(const server::Hello& a, const server::Hello& b) {
  return a.width == b.width && a.height == b.height && a.rotation == b.rotation &&
         a.codecs == b.codecs && a.max_payload == b.max_payload && a.framebuffer == b.framebuffer &&
         a.role == b.role && a.name == b.name;
}

// One consume() of `used` bytes out of `given`; `seen` is the stream up to the last byte used.
void check_hello_step(HelloReader& reader, size_t used, size_t given,
                      std::span<const uint8_t> seen) {
  FUZZ_CHECK(used <= given, "consume() used more bytes than it was given");
  const HelloExpectation want = expect_hello(seen);
  switch (reader.state()) {
    case HelloReader::State::reading:
      FUZZ_CHECK(used == given, "consume() left bytes while still reading");
      FUZZ_CHECK(want.verdict == HelloVerdict::reading, "HelloReader reads on where it must stop");
      return;
    case HelloReader::State::done:
      FUZZ_CHECK(want.verdict == HelloVerdict::done, "HelloReader accepted a HELLO it must not");
      FUZZ_CHECK(seen.size() == want.bytes, "HelloReader used other bytes than the HELLO's");
      check_hello_ranges(reader.hello());
      FUZZ_CHECK(same_hello(reader.hello(), want.hello), "HELLO fields read wrongly");
      break;
    case HelloReader::State::failed:
      set_detail("error: " + reader.error());
      FUZZ_CHECK(want.verdict != HelloVerdict::reading && want.verdict != HelloVerdict::done,
                 "HelloReader refused a HELLO it must not (yet)");
      FUZZ_CHECK(reader.reason() == refusal_reason(want.verdict), "refusal with the wrong reason");
      FUZZ_CHECK(!reader.error().empty(), "refusal without an error text");
      break;
  }
  // Final: no more bytes are taken and nothing changes.
  const HelloReader::State state = reader.state();
  const uint8_t more[8] = {'T', 'F', 'T', 'S', 1, 0, 16, 0};
  FUZZ_CHECK(reader.consume(more) == 0 && reader.state() == state,
             "HelloReader took bytes after it finished");
}

// The refusal the server sends must read on a display as ERROR with the reason.
void check_refusal(const HelloReader& reader) {
  const std::vector<uint8_t> bytes = server::make_refusal(reader.reason(), reader.error());
  FUZZ_CHECK(bytes.size() <= proto::kHandshakePrefixBytes + 3 + proto::kMaxReasonText,
             "refusal text longer than 64 bytes");
  tfts::sim::FramebufferSink sink(32, 16);
  const client::DisplayConfig cfg{32, 16, 256, proto::kAllCodecs, true};
  std::vector<uint8_t> work(client::Decoder::work_size_for(cfg.width, cfg.max_payload));
  client::Decoder dec(sink, cfg, work.data(), work.size());
  const client::FeedResult r = dec.feed(bytes.data(), bytes.size());
  FUZZ_CHECK(r.status == client::DecodeStatus::bye && r.consumed == bytes.size() &&
                 dec.reason() == reader.reason(),
             "the refusal does not read as ERROR with its reason");
}

const char* hello_outcome(const HelloReader& reader, std::span<const uint8_t> seen) {
  if (reader.state() == HelloReader::State::reading) return "reading";
  if (reader.state() == HelloReader::State::done) return "hello";
  switch (expect_hello(seen).verdict) {
    case HelloVerdict::bad_magic:
      return "bad_magic";
    case HelloVerdict::bad_version:
      return "bad_version";
    default:
      return "bad_hello";
  }
}

// CONNECTION mode: the input is the display's stream, HELLO first.
void run_connection(const uint8_t* data, size_t size) {
  server::SessionSettings settings;
  settings.max_in_flight = 1 + ((data[0] >> 2) & 3);
  settings.max_messages_per_second = kFloodLimits[(data[0] >> 4) & 7];
  const std::span<const uint8_t> stream(data + 2, size - 2);
  set_context("connection: chunking " + std::to_string(data[0] & 3) + "/" +
              std::to_string(data[1]) + ", max_in_flight " +
              std::to_string(settings.max_in_flight) + ", flood limit " +
              std::to_string(settings.max_messages_per_second) + ", " +
              std::to_string(stream.size()) + " stream bytes");

  HelloReader reader;
  size_t hello_used = 0;
  std::unique_ptr<SessionHarness> session;
  Chunker chunker(data[0] & 3, data[1]);
  size_t pos = 0;
  unsigned reads = 0;
  while (pos < stream.size()) {
    const size_t n = chunker.next(stream.size() - pos);
    std::unique_ptr<uint8_t[]> copy(new uint8_t[n]);  // exact size: ASan sees overreads
    memcpy(copy.get(), stream.data() + pos, n);
    pos += n;
    ++reads;
    std::span<const uint8_t> chunk(copy.get(), n);
    if (!session) {
      const size_t used = reader.consume(chunk);
      hello_used += used;
      check_hello_step(reader, used, n, stream.first(hello_used));
      if (reader.state() == HelloReader::State::reading) continue;
      if (reader.state() == HelloReader::State::failed) {
        check_refusal(reader);
        break;
      }
      const server::Hello& h = reader.hello();
      if (static_cast<long>(h.width) * h.height > kMaxSessionPixels) break;
      // As DisplayConnection: the session starts and the screen's current frame goes out.
      session = std::make_unique<SessionHarness>(h, settings, kStart);
      session->offer(Change::gradient, Damage::exact, 0);
      session->send(true);
      chunk = chunk.subspan(used);
      if (chunk.empty()) continue;
    }
    session->receive(chunk);
    if (session->ended()) break;  // DisplayConnection closes
    session->advance(std::chrono::milliseconds(1));
    session->offer(static_cast<Change>(reads % 8), Damage::exact, static_cast<uint8_t>(pos));
    session->send(true);
  }
  if (session) {
    g_outcome = std::string(session->end_name()) + "." + std::to_string(session->frames_acked());
  } else {
    g_outcome = std::string(hello_outcome(reader, stream.first(hello_used))) + ".0";
  }
}

// SESSION mode operations: op & 7.
enum Op : uint8_t {
  say = 0,      // the next arg + 1 input bytes go to the outbox
  deliver = 1,  // receive() the first arg bytes of the outbox (31: all of it; 0: nothing)
  offer = 2,    // a new picture: Change arg & 7, Damage (arg >> 3) % 3, next byte = param
  send = 3,     // send a frame if ready (arg bit 0: all it will send)
  ack = 4,      // outbox += the display's ACK, seq offset kAckSeqOffsets[arg & 3]
  message = 5,  // outbox += REFRESH (the display lost its picture), KEEPALIVE, BYE or ERROR
                //   (arg & 3); for the last two the reason is kCloseReasons[arg >> 2] and
                //   the next byte the text length
  tick = 6,     // the clock moves kTicksMs[arg & 7] ms
  flood = 7,    // outbox += (arg + 1) * 8 KEEPALIVEs
};

void run_session(const uint8_t* data, size_t size) {
  const Size dims = kSessionSizes[data[0] & 3];
  const bool framebuffer = (data[0] & 4) != 0;
  const uint32_t max_payload = kSessionPayloads[(data[0] >> 3) & 3];
  const uint16_t codecs = data[1] & proto::kAllCodecs;
  server::SessionSettings settings;
  settings.max_error = kSessionMaxErrors[(data[0] >> 5) & 3];
  settings.max_in_flight = 1 + (data[2] & 3);
  settings.max_messages_per_second = kFloodLimits[(data[2] >> 2) & 7];
  set_context("session: " + std::to_string(dims.width) + "x" + std::to_string(dims.height) +
              (framebuffer ? " framebuffer" : "") + ", max_payload " + std::to_string(max_payload) +
              ", codecs " + std::to_string(codecs) + ", max_error " +
              std::to_string(settings.max_error) + ", max_in_flight " +
              std::to_string(settings.max_in_flight) + ", flood limit " +
              std::to_string(settings.max_messages_per_second) + ", " + std::to_string(size - 3) +
              " script bytes");

  // The HELLO as the display library writes it, read by the server.
  const client::DisplayConfig cfg{static_cast<uint16_t>(dims.width),
                                  static_cast<uint16_t>(dims.height), max_payload, codecs,
                                  framebuffer};
  uint8_t hello[client::kHelloMaxBytes];
  const size_t hello_len =
      client::write_hello(hello, sizeof hello, cfg, "fuzz", 0, proto::Role::display);
  HelloReader reader;
  FUZZ_CHECK(hello_len > 0 && reader.consume({hello, hello_len}) == hello_len &&
                 reader.state() == HelloReader::State::done,
             "the server refused the display library's HELLO");
  check_hello_ranges(reader.hello());

  SessionHarness s(reader.hello(), settings, kStart);
  std::vector<uint8_t> outbox;
  size_t i = 3;
  auto next_byte = [&]() -> uint8_t { return i < size ? data[i++] : 0; };
  while (i < size) {
    const uint8_t op = data[i++];
    const uint8_t arg = op >> 3;
    switch (static_cast<Op>(op & 7)) {
      case say: {
        const size_t n = std::min<size_t>(arg + 1u, size - i);
        outbox.insert(outbox.end(), data + i, data + i + n);
        i += n;
        break;
      }
      case deliver: {
        const size_t n = arg == 31 ? outbox.size() : std::min<size_t>(arg, outbox.size());
        s.receive({outbox.data(), n});
        outbox.erase(outbox.begin(), outbox.begin() + static_cast<std::ptrdiff_t>(n));
        break;
      }
      case offer:
        s.offer(static_cast<Change>(arg & 7), static_cast<Damage>((arg >> 3) % 3), next_byte());
        break;
      case send:
        s.send((arg & 1) != 0);
        break;
      case ack:
        s.write_ack(kAckSeqOffsets[arg & 3], arg, outbox);
        break;
      case message: {
        static const proto::MessageType kTypes[4] = {
            proto::MessageType::refresh, proto::MessageType::keepalive, proto::MessageType::bye,
            proto::MessageType::error};
        const proto::MessageType type = kTypes[arg & 3];
        if (type == proto::MessageType::refresh) {
          s.write_refresh(outbox);
          break;
        }
        outbox.push_back(static_cast<uint8_t>(type));
        if (type == proto::MessageType::bye || type == proto::MessageType::error) {
          const uint8_t len = next_byte();
          outbox.push_back(kCloseReasons[arg >> 2]);
          outbox.push_back(len);
          for (unsigned k = 0; k < len; ++k) outbox.push_back(static_cast<uint8_t>('a' + k % 26));
        }
        break;
      }
      case tick:
        s.advance(std::chrono::milliseconds(kTicksMs[arg & 7]));
        break;
      case flood:
        outbox.insert(outbox.end(), (arg + 1u) * 8u,
                      static_cast<uint8_t>(proto::MessageType::keepalive));
        break;
    }
  }
  if (!outbox.empty()) s.receive(outbox);
  s.send(true);
  g_outcome = std::string(s.end_name()) + "." + std::to_string(s.frames_acked());
}

}  // namespace

const std::string& last_outcome() { return g_outcome; }

void set_context(const std::string& text) {
  g_context = text;
  g_detail.clear();
}

void set_detail(const std::string& text) { g_detail = text; }

void check_failed(const char* file, int line, const char* cond, const char* what) {
  const char* base = strrchr(file, '/');
  fprintf(stderr, "%s:%d: check failed: %s\n  %s\n  input: %s\n", base ? base + 1 : file, line,
          cond, what, g_context.c_str());
  if (!g_detail.empty()) fprintf(stderr, "  detail: %s\n", g_detail.c_str());
  fflush(stderr);
  abort();
}

}  // namespace tfts_fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tfts_fuzz::g_outcome.clear();
  if (size < 3 || size > tfts_fuzz::kMaxInput) return 0;
  if (data[0] & 0x80) {
    tfts_fuzz::run_connection(data, size);
  } else {
    tfts_fuzz::run_session(data, size);
  }
  return 0;
}
