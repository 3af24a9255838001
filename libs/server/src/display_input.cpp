#include "tfts/server/display_input.h"

#include <algorithm>
#include <cstdio>

namespace tfts::server {
namespace {

using proto::MessageType;

uint32_t be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

}  // namespace

size_t DisplayInput::fixed_size(uint8_t type) {
  switch (static_cast<MessageType>(type)) {
    case MessageType::ack: return proto::kAckBytes;
    case MessageType::refresh:
    case MessageType::keepalive: return 1;
    case MessageType::error:
    case MessageType::bye: return 3;  // header; the text length is in byte 2
    default: return 0;
  }
}

bool DisplayInput::feed(std::span<const uint8_t> chunk, DisplayInputHandler& handler) {
  size_t i = 0;
  while (!failed_ && !closed_ && i < chunk.size()) {
    if (have_ == 0) {
      need_ = fixed_size(chunk[i]);
      if (need_ == 0) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "message type 0x%02x is not one a display sends",
                      chunk[i]);
        failed_ = true;
        error_ = buf;
        break;
      }
    }
    const size_t take = std::min(need_ - have_, chunk.size() - i);
    std::copy_n(chunk.begin() + static_cast<std::ptrdiff_t>(i), take, pending_.begin() + have_);
    have_ += take;
    i += take;
    const auto type = static_cast<MessageType>(pending_[0]);
    const bool close_type = type == MessageType::error || type == MessageType::bye;
    if (close_type && have_ == 3 && need_ == 3) need_ = 3 + pending_[2];  // now the text length
    if (have_ < need_) continue;
    have_ = 0;
    switch (type) {
      case MessageType::ack: {
        const uint8_t* p = pending_.data() + 1;
        handler.on_ack({be32(p), be32(p + 4), be32(p + 8), be32(p + 12),
                        static_cast<int8_t>(p[16])});
        break;
      }
      case MessageType::refresh: handler.on_refresh(); break;
      case MessageType::keepalive: handler.on_keepalive(); break;
      default:
        closed_ = true;  // nothing may follow ERROR or BYE
        handler.on_close(type, static_cast<proto::Reason>(pending_[1]),
                         std::string(reinterpret_cast<const char*>(pending_.data() + 3),
                                     pending_[2]));
        break;
    }
  }
  return !failed_;
}

}  // namespace tfts::server
