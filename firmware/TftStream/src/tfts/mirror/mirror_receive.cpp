// tfts_mirror, the server's side of the wire (docs/protocol.md §2.4 item 5): the WELCOME or
// refusal, then ACK (credit back), REFRESH, KEEPALIVE, ERROR and BYE. Resumable at any byte,
// so the bytes may come one at a time. Anything else the server could send is a protocol
// violation: the session ends with ERROR. Freestanding.
#include <string.h>

#include "tfts/client/byte_order.h"
#include "tfts/mirror/mirror_internal.h"

using tfts::client::load_be16;
using tfts::client::load_be32;
using tfts::proto::MessageType;
using tfts::proto::Reason;

namespace tfts {
namespace mirror {
namespace {

// tfts_mirror_t::rx_phase
enum : uint8_t {
  kPrefix,          // collecting the 7-byte handshake prefix
  kWelcome,         // collecting the WELCOME fields this version knows
  kSkip,            // skipping rx_body_left bytes (WELCOME fields of later versions)
  kType,            // the next byte is a message type
  kFields,          // collecting the fields after the type byte
  kRefusalType,     // after a refusal prefix: ERROR must follow
  kRefusalFields,   // its reason and text length
  kDone,            // the session is over; bytes are ignored
};

void protocol_error(tfts_mirror_t* m, Reason reason) {
  close_session(m, TFTS_MIRROR_CLOSE_PROTOCOL, 0, static_cast<int>(MessageType::error), reason);
  m->rx_phase = kDone;
}

void collect(tfts_mirror_t* m, uint8_t phase, uint8_t need) {
  m->rx_phase = phase;
  m->rx_have = 0;
  m->rx_need = need;
}

void start_message(tfts_mirror_t* m, uint8_t type) {
  m->rx_type = type;
  if (m->rx_phase == kRefusalType) {
    if (type == static_cast<uint8_t>(MessageType::error) ||
        type == static_cast<uint8_t>(MessageType::bye)) {
      collect(m, kRefusalFields, 2);
    } else {
      protocol_error(m, Reason::protocol_violation);
    }
    return;
  }
  switch (static_cast<MessageType>(type)) {
    case MessageType::ack:
      collect(m, kFields, proto::kAckBytes - 1);
      return;
    case MessageType::refresh:
      m->need_refresh = true;
      m->stats.refresh_requests++;
      return;
    case MessageType::keepalive:
      return;
    case MessageType::error:
    case MessageType::bye:
      collect(m, kFields, 2);  // reason, text_len; the text does not matter once it ends
      return;
    default:
      protocol_error(m, Reason::protocol_violation);  // frames never go server -> source
      return;
  }
}

void parse_prefix(tfts_mirror_t* m) {
  if (memcmp(m->rx, proto::kMagic, 4) != 0) return protocol_error(m, Reason::bad_magic);
  if (m->rx[4] != proto::kVersion) return protocol_error(m, Reason::unsupported_version);
  const uint16_t body_len = load_be16(m->rx + 5);
  if (body_len == 0) {
    m->rx_phase = kRefusalType;
    return;
  }
  const uint8_t known = body_len < proto::kWelcomeFixedBytes
                            ? static_cast<uint8_t>(body_len)
                            : static_cast<uint8_t>(proto::kWelcomeFixedBytes);
  m->rx_body_left = static_cast<uint16_t>(body_len - known);
  collect(m, kWelcome, known);
}

void parse_welcome(tfts_mirror_t* m) {
  // §2.2: a body of 1..8 bytes or max_in_flight 0 is a bad WELCOME.
  if (m->rx_need < proto::kWelcomeFixedBytes || m->rx[2] == 0) {
    return protocol_error(m, Reason::protocol_violation);
  }
  on_welcome(m, load_be16(m->rx), m->rx[2], load_be16(m->rx + 3), load_be32(m->rx + 5));
  m->rx_phase = m->rx_body_left ? kSkip : kType;
}

void complete(tfts_mirror_t* m) {
  switch (m->rx_phase) {
    case kPrefix: return parse_prefix(m);
    case kWelcome: return parse_welcome(m);
    case kRefusalFields:
      close_session(m, TFTS_MIRROR_CLOSE_REFUSED, m->rx[0], -1, Reason::normal);
      m->rx_phase = kDone;
      return;
    default: break;
  }
  if (m->rx_type == static_cast<uint8_t>(MessageType::ack)) {
    // Lenient on the seq: the count is what bounds the frames in flight.
    if (m->in_flight == 0) return protocol_error(m, Reason::protocol_violation);
    m->in_flight--;
    m->stats.frames_acked++;
    m->rx_phase = kType;
    return;
  }
  const bool is_error = m->rx_type == static_cast<uint8_t>(MessageType::error);
  close_session(m, is_error ? TFTS_MIRROR_CLOSE_PEER_ERROR : TFTS_MIRROR_CLOSE_PEER_BYE,
                m->rx[0], -1, Reason::normal);
  m->rx_phase = kDone;
}

}  // namespace

void reset_receiver(tfts_mirror_t* m) {
  collect(m, kPrefix, static_cast<uint8_t>(proto::kHandshakePrefixBytes));
  m->rx_body_left = 0;
}

}  // namespace mirror
}  // namespace tfts

extern "C" void tfts_mirror_receive(tfts_mirror_t* m, const uint8_t* data, size_t n) {
  using namespace tfts::mirror;
  if (n) m->last_rx_ms = m->now_ms;
  size_t i = 0;
  while (i < n && m->rx_phase != kDone && m->state != TFTS_MIRROR_CLOSED) {
    if (m->rx_phase == kSkip) {
      const size_t take = n - i < m->rx_body_left ? n - i : m->rx_body_left;
      i += take;
      m->rx_body_left = static_cast<uint16_t>(m->rx_body_left - take);
      if (m->rx_body_left == 0) m->rx_phase = kType;
    } else if (m->rx_phase == kType || m->rx_phase == kRefusalType) {
      start_message(m, data[i++]);
    } else {
      size_t take = static_cast<size_t>(m->rx_need - m->rx_have);
      if (take > n - i) take = n - i;
      memcpy(m->rx + m->rx_have, data + i, take);
      i += take;
      m->rx_have = static_cast<uint8_t>(m->rx_have + take);
      if (m->rx_have == m->rx_need) complete(m);
    }
  }
}
