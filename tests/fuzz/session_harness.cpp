#include "session_harness.h"

#include <string.h>

#include <algorithm>
#include <chrono>

#include "server_fuzz.h"
#include "tfts/client/display_messages.h"
#include "tfts/pipeline/damage.h"

namespace tfts_fuzz {
namespace {

namespace client = tfts::client;
namespace core = tfts::core;
namespace pipeline = tfts::pipeline;
namespace proto = tfts::proto;
namespace server = tfts::server;
using proto::MessageType;

const uint32_t kSessionId = 7;
const int kKeepaliveMs = 1000;
const uint16_t kUnknownPixel = 0xA55A;  // what the display shows before the first frame

// Records what a DisplayInput reports.
class RecordingHandler final : public server::DisplayInputHandler {
 public:
  std::vector<DisplayMessage> got;

  void on_ack(const server::AckMessage& ack) override {
    DisplayMessage m;
    m.type = MessageType::ack;
    m.ack = ack;
    got.push_back(m);
  }
  void on_refresh() override { got.push_back({MessageType::refresh, {}, 0, {}}); }
  void on_keepalive() override { got.push_back({MessageType::keepalive, {}, 0, {}}); }
  void on_close(MessageType type, proto::Reason reason, std::string text) override {
    got.push_back({type, {}, static_cast<uint8_t>(reason), std::move(text)});
  }
};

bool same_message(const DisplayMessage& a, const DisplayMessage& b) {
  return a.type == b.type && same_ack(a.ack, b.ack) && a.reason == b.reason && a.text == b.text;
}

class Rng {  // xorshift32: the pictures depend on the input only
 public:
  explicit Rng(uint32_t seed) : state_(seed | 1u) {}
  uint32_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint32_t>(n)); }
  uint16_t pixel() { return static_cast<uint16_t>(next() >> 8); }

 private:
  uint32_t state_;
};

void apply_change(core::Rgb565Plane& p, Change change, uint8_t param, Rng& rng) {
  const int w = p.width(), h = p.height();
  switch (change) {
    case Change::none:
      break;
    case Change::box: {
      const int x = rng.below(w), y = rng.below(h);
      const int bw = std::min(1 + rng.below(std::min(w, 12)), w - x);
      const int bh = std::min(1 + rng.below(std::min(h, 12)), h - y);
      const uint16_t c = rng.pixel();
      for (int yy = y; yy < y + bh; ++yy) std::fill_n(p.row(yy) + x, bw, c);
      break;
    }
    case Change::noise:
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) p.at(x, y) = rng.pixel();
      }
      break;
    case Change::scroll: {
      const int k = h > 1 ? 1 + param % (h - 1) : 0;
      for (int y = 0; y + k < h; ++y) std::copy_n(p.row(y + k), w, p.row(y));
      for (int y = std::max(h - k, 0); y < h; ++y) {
        for (int x = 0; x < w; ++x) p.at(x, y) = rng.pixel();
      }
      break;
    }
    case Change::solid:
      std::fill_n(p.data(), static_cast<size_t>(w) * h, rng.pixel());
      break;
    case Change::pixel: {
      const int x = param % w, y = (param / w) % h;
      p.at(x, y) = static_cast<uint16_t>(p.at(x, y) ^ (1 + rng.below(0xFFFF)));
      break;
    }
    case Change::bands: {
      const uint16_t colours[4] = {rng.pixel(), rng.pixel(), rng.pixel(), rng.pixel()};
      const int n = 2 + param % 3, band = 1 + rng.below(4);
      for (int y = 0; y < h; ++y) std::fill_n(p.row(y), w, colours[(y / band) % n]);
      break;
    }
    case Change::gradient:
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          const int r = (x + param) & 31, g = (2 * y + param) & 63, b = (x + y) & 31;
          p.at(x, y) = static_cast<uint16_t>(r << 11 | g << 5 | b);
        }
      }
      break;
  }
}

// The codecs of the RECTs between a frame's markers, as a codec mask; checks the layout.
uint32_t rect_codecs(const std::vector<uint8_t>& frame) {
  uint32_t mask = 0;
  size_t pos = proto::kFrameMarkBytes;
  const size_t end = frame.size() - proto::kFrameMarkBytes;
  while (pos < end) {
    const uint8_t* r = frame.data() + pos;
    FUZZ_CHECK(
        r[0] == static_cast<uint8_t>(MessageType::rect) && end - pos >= proto::kRectHeaderBytes,
        "a frame holds something other than whole RECTs");
    const size_t len = uint32_t{r[10]} << 24 | uint32_t{r[11]} << 16 | uint32_t{r[12]} << 8 | r[13];
    FUZZ_CHECK(len <= end - pos - proto::kRectHeaderBytes, "a RECT payload overruns its frame");
    mask |= r[1] < 32 ? 1u << r[1] : 0x80000000u;
    pos += proto::kRectHeaderBytes + len;
  }
  return mask;
}

std::array<uint8_t, 5> marker(MessageType type, uint32_t seq) {
  return {static_cast<uint8_t>(type), static_cast<uint8_t>(seq >> 24),
          static_cast<uint8_t>(seq >> 16), static_cast<uint8_t>(seq >> 8),
          static_cast<uint8_t>(seq)};
}

}  // namespace

SessionHarness::SessionHarness(const server::Hello& hello, const server::SessionSettings& settings,
                               server::Clock::time_point start)
    : hello_(hello),
      settings_(settings),
      session_(std::make_unique<server::DisplaySession>(kSessionId, hello, settings)),
      now_(start),
      sink_(hello.width, hello.height) {
  const auto& caps = session_->caps();
  // caps().framebuffer means "COPY may be used", which needs the flag and the codec (§2.1).
  const bool copy = (hello.codecs & proto::codec_bit(proto::Codec::copy)) != 0;
  FUZZ_CHECK(caps.width == hello.width && caps.height == hello.height &&
                 caps.codecs == hello.codecs && caps.max_payload == hello.max_payload &&
                 (!caps.framebuffer || (hello.framebuffer && copy)),
             "the session's capabilities differ from the HELLO");
  FUZZ_CHECK(!session_->ready(now_), "ready() before any frame was offered");

  core::Rgb565Plane& fb = sink_.framebuffer();
  std::fill_n(fb.data(), static_cast<size_t>(fb.width()) * fb.height(), kUnknownPixel);
  // The display takes what its HELLO says, except that its payload buffer stops at what any
  // codec can need for this display (3 bytes per pixel: PREDICT literals), so a HELLO with a
  // 4 GB max_payload does not make the harness allocate it.
  const size_t pixels = static_cast<size_t>(hello.width) * static_cast<size_t>(hello.height);
  const uint32_t max_payload =
      static_cast<uint32_t>(std::min<size_t>(hello.max_payload, 3 * pixels + 1024));
  const client::DisplayConfig cfg{static_cast<uint16_t>(hello.width),
                                  static_cast<uint16_t>(hello.height), max_payload, hello.codecs,
                                  hello.framebuffer};
  work_.resize(client::Decoder::work_size_for(cfg.width, cfg.max_payload));
  decoder_ = std::make_unique<client::Decoder>(sink_, cfg, work_.data(), work_.size());
  const std::vector<uint8_t> welcome =
      server::make_welcome(caps.codecs, settings.max_in_flight, kKeepaliveMs, kSessionId);
  const client::FeedResult r = decoder_->feed(welcome.data(), welcome.size());
  FUZZ_CHECK(r.status == client::DecodeStatus::welcome && r.consumed == welcome.size(),
             "the reference display refused the server's WELCOME");
  FUZZ_CHECK(decoder_->session().codecs == caps.codecs &&
                 decoder_->session().max_in_flight == settings.max_in_flight &&
                 decoder_->session().session_id == kSessionId,
             "the WELCOME carries other values than the session's");
}

SessionHarness::~SessionHarness() = default;

const char* SessionHarness::end_name() const {
  switch (ended_) {
    case End::open:
      return "open";
    case End::malformed:
      return "malformed";
    case End::bad_ack:
      return "bad_ack";
    case End::flood:
      return "flood";
    case End::closed:
      return "closed";
  }
  return "?";
}

void SessionHarness::receive(std::span<const uint8_t> bytes) {
  std::unique_ptr<uint8_t[]> copy(new uint8_t[bytes.size()]);
  if (!bytes.empty()) memcpy(copy.get(), bytes.data(), bytes.size());
  const std::span<const uint8_t> chunk(copy.get(), bytes.size());
  check_standalone_input(chunk);

  if (ended()) {
    const proto::Reason reason = session_->close_reason();
    const std::string text = session_->close_text();
    FUZZ_CHECK(!session_->receive(chunk, now_), "receive() returned true after the session ended");
    FUZZ_CHECK(session_->close_reason() == reason && session_->close_text() == text,
               "the close reason changed after the session ended");
    check_counts();
    return;
  }

  // The model: the flood window, then each message in order. Everything a display may send
  // but ERROR/BYE counts against the limit; the limit is checked after the whole chunk.
  if (now_ - window_start_ >= std::chrono::seconds(1)) {
    window_start_ = now_;
    window_messages_ = 0;
  }
  End end = End::open;
  bool close_after_end = false;
  uint8_t close_reason = 0;
  for (const DisplayMessage& m : session_messages_.feed(chunk)) {
    switch (m.type) {
      case MessageType::ack:
        ++window_messages_;
        if (end != End::open) break;
        if (in_flight_.empty() || in_flight_.front() != m.ack.seq) {
          end = End::bad_ack;
        } else {
          in_flight_.pop_front();
          ++acked_;
          last_ack_ = m.ack;
        }
        break;
      case MessageType::refresh:
        ++window_messages_;
        need_full_ = true;
        break;
      case MessageType::keepalive:
        ++window_messages_;
        break;
      default:  // ERROR or BYE: the last message the model reads
        if (end == End::open) {
          end = End::closed;
          close_reason = m.reason;
        } else {
          close_after_end = true;
        }
        break;
    }
  }
  if (end == End::open && session_messages_.malformed()) end = End::malformed;
  if (end == End::open && window_messages_ > settings_.max_messages_per_second) end = End::flood;

  const bool ok = session_->receive(chunk, now_);
  ended_ = end;
  if (ok != (end == End::open)) {
    set_detail("session end expected: " + std::string(end_name()) +
               ", close text: " + session_->close_text());
    FUZZ_CHECK(ok == (end == End::open), "receive() disagrees with the model");
  }
  if (end == End::closed) {
    FUZZ_CHECK(session_->peer_closed() &&
                   session_->close_reason() == static_cast<proto::Reason>(close_reason),
               "the display's ERROR/BYE is not reported as its own close");
  } else if (end != End::open && !close_after_end) {
    // (An ERROR/BYE later in the same chunk may still be reported as the display's close.)
    FUZZ_CHECK(
        !session_->peer_closed() && session_->close_reason() == proto::Reason::protocol_violation,
        "a violation is not reported as protocol_violation");
  }
  if (end != End::open) {
    FUZZ_CHECK(!session_->close_text().empty(), "the session ended without a close text");
  }
  check_counts();
}

void SessionHarness::check_standalone_input(std::span<const uint8_t> chunk) {
  RecordingHandler rec;
  const bool ok = input_.feed(chunk, rec);
  const std::vector<DisplayMessage> want = input_messages_.feed(chunk);
  FUZZ_CHECK(ok == !input_messages_.malformed() && input_.failed() == !ok,
             "DisplayInput::feed() disagrees with the model about a malformed stream");
  FUZZ_CHECK(ok || !input_.error().empty(), "DisplayInput failed without an error text");
  FUZZ_CHECK(rec.got.size() == want.size(), "DisplayInput reported another number of messages");
  for (size_t i = 0; i < want.size(); ++i) {
    FUZZ_CHECK(same_message(rec.got[i], want[i]), "DisplayInput reported another message");
  }
}

void SessionHarness::check_counts() const {
  const server::DisplaySession& s = *session_;
  const server::SessionStats& st = s.stats();
  FUZZ_CHECK(s.in_flight() <= static_cast<size_t>(settings_.max_in_flight),
             "more frames in flight than max_in_flight");
  FUZZ_CHECK(s.in_flight() == in_flight_.size(), "in_flight() differs from the model");
  FUZZ_CHECK(st.frames_sent == next_seq_ && st.frames_acked == acked_,
             "frames sent/acked differ from the model");
  FUZZ_CHECK(st.frames_sent - st.frames_acked == s.in_flight(),
             "in_flight() is not frames sent minus frames acked");
  FUZZ_CHECK(acked_ == 0 || same_ack(st.last_ack, last_ack_),
             "the last ACK's fields differ from the bytes");
  // The window adapts to the display (CreditWindow) but never leaves 1..max_in_flight.
  const auto now = now_;
  const int window = s.credit().window(now);
  FUZZ_CHECK(window >= 1 && window <= settings_.max_in_flight,
             "credit window outside 1..max_in_flight");
  const bool credit = s.in_flight() < static_cast<size_t>(window);
  if (s.ready(now)) {
    FUZZ_CHECK(!ended() && newest_ && credit,
               "ready() after the end, without a frame, or without credit");
  } else if (!ended() && newest_ && credit) {
    // Nothing to send must mean the display shows the picture already (a display that lost
    // it counts only once the session read its REFRESH).
    FUZZ_CHECK(!need_full_ && (lost_ || sink_.framebuffer() == newest_->target),
               "not ready() although it has credit and the display is stale");
  }
}

void SessionHarness::offer(Change change, Damage damage, uint8_t param) {
  core::Rgb565Plane picture =
      newest_ ? newest_->target : core::Rgb565Plane(hello_.width, hello_.height);
  Rng rng(static_cast<uint32_t>(frame_id_ + 1) * 0x9E3779B9u ^ param);
  apply_change(picture, change, param, rng);

  auto f = std::make_shared<server::ScreenFrame>();
  f->id = ++frame_id_;
  f->target = std::move(picture);
  f->damage = pipeline::TileMask(hello_.width, hello_.height);
  if (newest_) {
    pipeline::mark_changed_tiles(f->target.view(), newest_->target.view(), f->damage);
  } else {
    f->damage.set_all();
  }
  f->captured = now_;
  pipeline::TileMask given = f->damage;
  if (damage == Damage::plus_one) {
    given.set(param % given.cols(), (param / given.cols()) % given.rows());
  } else if (damage == Damage::all) {
    given.set_all();
  }
  session_->offer(f, given);
  newest_ = std::move(f);
  fresh_ = true;
  check_counts();
}

void SessionHarness::send(bool drain) {
  while (session_->ready(now_)) {
    const bool lossy = settings_.max_error > 0 && fresh_ && !need_full_;
    const bool full = need_full_;
    std::optional<server::OutgoingFrame> f = session_->next_frame(cache_, now_);
    fresh_ = false;
    need_full_ = false;
    if (f) {
      FUZZ_CHECK(f->seq == next_seq_, "frame seqs do not count up from 0");
      ++next_seq_;
      in_flight_.push_back(f->seq);
      draw(*f);
      if (full) lost_ = false;
    }
    // The display now shows the newest picture (a missing frame means nothing differed).
    if (!lost_) check_display(lossy ? settings_.max_error : 0);
    check_counts();
    if (!drain) break;
  }
}

void SessionHarness::draw(const server::OutgoingFrame& f) {
  FUZZ_CHECK(f.encoded && f.encoded->bytes.size() >= 2 * proto::kFrameMarkBytes,
             "a frame without its markers");
  const std::vector<uint8_t>& body = f.encoded->bytes;
  FUZZ_CHECK(f.begin == marker(MessageType::frame_begin, f.seq) &&
                 f.end == marker(MessageType::frame_end, f.seq),
             "frame markers do not carry the frame's seq");
  FUZZ_CHECK(body[0] == static_cast<uint8_t>(MessageType::frame_begin) &&
                 body[body.size() - proto::kFrameMarkBytes] ==
                     static_cast<uint8_t>(MessageType::frame_end),
             "the encoded frame does not start with FRAME_BEGIN and end with FRAME_END");
  const uint32_t used = rect_codecs(body);
  if ((used & ~uint32_t{hello_.codecs}) != 0) {
    set_detail("RECT codecs " + std::to_string(used) + ", declared " +
               std::to_string(hello_.codecs) + (hello_.framebuffer ? " with" : " without") +
               " framebuffer");
    FUZZ_CHECK((used & ~uint32_t{hello_.codecs}) == 0,
               "the session used a codec the display did not declare");
  }
  // Exactly what DisplayConnection::write_frame() puts on the wire.
  const size_t n = body.size();
  std::unique_ptr<uint8_t[]> wire(new uint8_t[n]);
  memcpy(wire.get(), f.begin.data(), proto::kFrameMarkBytes);
  memcpy(wire.get() + proto::kFrameMarkBytes, body.data() + proto::kFrameMarkBytes,
         n - 2 * proto::kFrameMarkBytes);
  memcpy(wire.get() + n - proto::kFrameMarkBytes, f.end.data(), proto::kFrameMarkBytes);

  const uint32_t frames_before = sink_.frames();
  const client::FeedResult r = decoder_->feed(wire.get(), n);
  if (r.status != client::DecodeStatus::frame_done) {
    set_detail(std::string("the display says ") + client::status_name(r.status));
  }
  FUZZ_CHECK(r.status == client::DecodeStatus::frame_done && r.consumed == n,
             "the display cannot decode the frame the session sent");
  FUZZ_CHECK(sink_.frames() == frames_before + 1 && sink_.last_seq() == f.seq &&
                 decoder_->frame_seq() == f.seq,
             "the display did not finish the frame with its seq");
  unacked_by_display_.push_back(f.seq);
}

void SessionHarness::check_display(int max_error) const {
  if (!newest_) return;
  const core::Rgb565Plane& shown = sink_.framebuffer();
  const core::Rgb565Plane& want = newest_->target;
  for (int y = 0; y < want.height(); ++y) {
    for (int x = 0; x < want.width(); ++x) {
      const uint16_t a = shown.at(x, y), b = want.at(x, y);
      if (a == b || (max_error > 0 && !pipeline::exceeds_error(a, b, max_error))) continue;
      set_detail("pixel (" + std::to_string(x) + "," + std::to_string(y) + ") shows " +
                 std::to_string(a) + ", the picture has " + std::to_string(b) + ", max_error " +
                 std::to_string(max_error));
      FUZZ_CHECK(false, "the display does not show the newest picture after a frame");
    }
  }
}

void SessionHarness::write_refresh(std::vector<uint8_t>& out) {
  core::Rgb565Plane& fb = sink_.framebuffer();
  std::fill_n(fb.data(), static_cast<size_t>(fb.width()) * fb.height(), kUnknownPixel);
  lost_ = true;
  out.push_back(static_cast<uint8_t>(MessageType::refresh));
}

void SessionHarness::write_ack(uint32_t seq_offset, uint8_t param, std::vector<uint8_t>& out) {
  uint32_t seq = next_seq_;
  if (!unacked_by_display_.empty()) {
    seq = unacked_by_display_.front();
    if (seq_offset == 0) unacked_by_display_.pop_front();
  }
  const client::AckStats stats{param * 1000u, param * 17u, 100000u + param,
                               static_cast<int8_t>(param - 128)};
  uint8_t ack[proto::kAckBytes];
  FUZZ_CHECK(client::write_ack(ack, sizeof ack, seq + seq_offset, stats) == sizeof ack,
             "client::write_ack() failed");
  out.insert(out.end(), ack, ack + sizeof ack);
}

}  // namespace tfts_fuzz
