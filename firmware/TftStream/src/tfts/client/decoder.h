// The display side of the protocol (docs/protocol.md): a resumable decoder of the server's
// byte stream that draws through a DisplaySink. Freestanding: no heap, no exceptions, no RTTI,
// no std::, C headers only; compiles as gnu++11.
#ifndef TFTS_CLIENT_DECODER_H
#define TFTS_CLIENT_DECODER_H

#include <stddef.h>
#include <stdint.h>

#include "tfts/client/config.h"
#include "tfts/client/decode_status.h"
#include "tfts/client/display_sink.h"
#include "tfts/proto/wire.h"

namespace tfts {
namespace client {

// What this display is and can do; sent in HELLO and enforced on every rectangle.
struct DisplayConfig {
  uint16_t width;
  uint16_t height;
  uint32_t max_payload;  // largest RECT payload accepted (bytes), >= proto::kMinPayloadLimit
  uint16_t codecs;       // bit n = proto::Codec n; fill and raw are always required
  bool has_framebuffer;  // the sink implements copy()
};

// The server's WELCOME.
struct Session {
  uint16_t codecs;        // codecs the server may use (a subset of ours)
  uint8_t max_in_flight;  // frames the server sends before it waits for ACKs
  uint16_t keepalive_ms;  // the server sends something at least this often
  uint32_t session_id;
};

struct FeedResult {
  size_t consumed;  // bytes of the input used; feed the rest again after an event
  DecodeStatus status;
};

class Decoder {
 public:
  // Bytes of work buffer needed for a display `width` pixels wide that declares max_payload.
  static size_t work_size_for(uint16_t width, uint32_t max_payload);

  // `sink` and `work` are borrowed and must outlive the decoder; `work` must hold
  // work_size_for(cfg.width, cfg.max_payload) bytes (else the first feed() says not_configured).
  Decoder(DisplaySink& sink, const DisplayConfig& cfg, uint8_t* work, size_t work_size);

  // Re-targets the decoder at a new display configuration and work buffer, then reset()s.
  // For devices whose size is only known after the panel's init()/setRotation() (the device
  // StreamClient calls it before every connection); same rules as the constructor.
  void configure(const DisplayConfig& cfg, uint8_t* work, size_t work_size);

  // Consumes bytes from the server, any chunking (one byte at a time works). Returns early,
  // with `consumed` < len, on an event (welcome, frame_done, bye) so the caller can react;
  // errors are sticky until reset(). Never writes outside the declared display.
  FeedResult feed(const uint8_t* data, size_t len);

  // Forgets the connection: the next byte must start a new WELCOME.
  void reset();

  DecodeStatus status() const { return status_; }
  const Session& session() const { return session_; }
  uint32_t frame_seq() const { return frame_seq_; }      // the last completed frame
  bool in_frame() const { return in_frame_; }             // a FRAME_BEGIN is open
  proto::Reason reason() const { return reason_; }         // after bye
  uint32_t pixels_decoded() const { return pixels_decoded_; }

 private:
  enum class Phase : uint8_t { prefix, welcome, message_type, header, payload, skip, closed };

  FeedResult fail(size_t consumed, DecodeStatus s);
  DecodeStatus start_header(uint8_t type);
  DecodeStatus finish_header();
  DecodeStatus check_rect();
  DecodeStatus decode_payload(const uint8_t* payload);
  DecodeStatus parse_prefix();
  DecodeStatus parse_welcome();

  DisplaySink& sink_;
  DisplayConfig cfg_;
  uint8_t* payload_buf_;
  uint8_t* strip_buf_;
  size_t strip_bytes_;
  bool configured_;

  Phase phase_;
  DecodeStatus status_;
  uint8_t header_[16];
  uint8_t header_have_;
  uint8_t header_need_;
  uint8_t type_;
  uint32_t skip_left_;
  uint16_t welcome_len_;

  Rect rect_;
  uint8_t codec_;
  uint32_t payload_len_;
  uint32_t payload_have_;

  bool in_frame_;
  uint32_t open_seq_;
  uint32_t frame_seq_;
  Session session_;
  proto::Reason reason_;
  uint32_t pixels_decoded_;
};

}  // namespace client
}  // namespace tfts

#endif
