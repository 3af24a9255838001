// Drives one tfts::server::DisplaySession the way DisplayConnection does, with a reference
// display on the other end, and checks after every step (FUZZ_CHECK aborts):
//  - receive() returns what the spec model says: false exactly when the bytes hold a type a
//    display never sends, an ACK that is not for the oldest frame in flight, more messages in
//    a second than the flood limit, or ERROR/BYE; close_reason(), peer_closed() and a
//    non-empty close_text() then say which. Once false, it stays false and nothing changes.
//  - ACKs are counted and their fields parsed as the model reads them (SessionStats).
//  - A standalone DisplayInput fed the same bytes reports the model's messages, in order.
//  - in_flight() never exceeds max_in_flight and equals frames sent minus frames acked;
//    ready() is never true with no credit, no frame, or after the end, and always true with
//    credit while the display does not show the newest picture (as far as the session knows).
//  - Frames count seq up from 0 with matching markers, hold whole RECTs of declared codecs
//    only (COPY needs the framebuffer flag too), decode on a display with the HELLO's
//    capabilities without error, and leave it showing the newest offered picture: exactly,
//    or within max_error after a lossy frame. No frame (nullopt) only when nothing differs.
//    A display that lost its picture and sent REFRESH shows it again after the next frame.
#ifndef TFTS_TESTS_FUZZ_SESSION_HARNESS_H
#define TFTS_TESTS_FUZZ_SESSION_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include <deque>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "display_stream_model.h"
#include "tfts/client/decoder.h"
#include "tfts/server/display_input.h"
#include "tfts/server/display_session.h"
#include "tfts/server/encode_cache.h"
#include "tfts/sim/framebuffer_sink.h"

namespace tfts_fuzz {

// How an offered picture differs from the previous one (SessionHarness::offer).
enum class Change : uint8_t {
  none,      // the same pixels again
  box,       // a small box of one colour
  noise,     // every pixel new
  scroll,    // rows move up, new rows at the bottom (COPY on framebuffer displays)
  solid,     // one colour everywhere
  pixel,     // one pixel flips
  bands,     // a few colours in horizontal bands (palette codecs)
  gradient,  // a smooth ramp with a new phase (PREDICT)
};

// The damage passed to offer() with a picture.
enum class Damage : uint8_t {
  exact,     // the tiles that changed (what a ScreenFeed computes)
  plus_one,  // those and one more tile (damage may be larger than the change)
  all,       // every tile
};

class SessionHarness {
 public:
  SessionHarness(const tfts::server::Hello& hello, const tfts::server::SessionSettings& settings,
                 tfts::server::Clock::time_point start);
  ~SessionHarness();

  // Display -> server: one DisplaySession::receive() of `bytes` (an exact-size copy, so ASan
  // sees overreads), checked against the model.
  void receive(std::span<const uint8_t> bytes);
  // The screen has a new picture (`param` places and colours the change).
  void offer(Change change, Damage damage, uint8_t param);
  // Sends one frame if the session is ready (all it will send, if `drain`).
  void send(bool drain);
  // Appends to `out` the display's ACK for the oldest frame it drew and has not acked, with
  // `seq_offset` added to that frame's seq (0 = the correct ACK; others are wrong on purpose).
  // With nothing to ack, the seq is that of the next frame (never sent).
  void write_ack(uint32_t seq_offset, uint8_t param, std::vector<uint8_t>& out);
  // Appends to `out` the REFRESH of a display that lost its picture: the framebuffer is wiped,
  // and shows the picture again only after a frame the session sent once it read the REFRESH.
  void write_refresh(std::vector<uint8_t>& out);
  void advance(std::chrono::milliseconds ms) { now_ += ms; }

  bool ended() const { return ended_ != End::open; }
  const tfts::server::DisplaySession& session() const { return *session_; }
  // "open", "malformed", "bad_ack", "flood" or "closed" (see server_fuzz.h).
  const char* end_name() const;
  uint64_t frames_acked() const { return acked_; }

 private:
  enum class End : uint8_t { open, malformed, bad_ack, flood, closed };

  void check_standalone_input(std::span<const uint8_t> bytes);
  void check_counts() const;
  void draw(const tfts::server::OutgoingFrame& f);
  void check_display(int max_error) const;

  const tfts::server::Hello hello_;
  const tfts::server::SessionSettings settings_;
  std::unique_ptr<tfts::server::DisplaySession> session_;
  tfts::server::EncodeCache cache_;
  tfts::server::Clock::time_point now_;

  // The model of the session.
  End ended_ = End::open;
  MessageModel session_messages_;   // the bytes the session parsed
  std::deque<uint32_t> in_flight_;  // seqs sent, not yet acked
  uint32_t next_seq_ = 0;
  uint64_t acked_ = 0;
  tfts::server::AckMessage last_ack_;
  tfts::server::Clock::time_point window_start_{};
  long window_messages_ = 0;
  bool need_full_ = true;  // nothing sent yet, or REFRESH since the last frame
  bool fresh_ = false;     // a picture was offered since the last frame
  uint64_t frame_id_ = 0;
  tfts::server::ScreenFramePtr newest_;

  // The same bytes through a DisplayInput of its own.
  tfts::server::DisplayInput input_;
  MessageModel input_messages_;

  // The display: the reference decoder drawing into a framebuffer.
  tfts::sim::FramebufferSink sink_;
  std::vector<uint8_t> work_;
  std::unique_ptr<tfts::client::Decoder> decoder_;
  std::deque<uint32_t> unacked_by_display_;  // drawn, no ACK written yet
  bool lost_ = false;                        // wiped by write_refresh(), no full frame drawn since
};

}  // namespace tfts_fuzz

#endif
