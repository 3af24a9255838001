#include "tfts/client/decode_status.h"

namespace tfts {
namespace client {

const char* status_name(DecodeStatus s) {
  switch (s) {
    case DecodeStatus::need_more: return "need more";
    case DecodeStatus::welcome: return "welcome";
    case DecodeStatus::frame_done: return "frame done";
    case DecodeStatus::bye: return "server said bye";
    case DecodeStatus::not_configured: return "work buffer too small or bad display config";
    case DecodeStatus::bad_magic: return "not a tftstream server (bad magic)";
    case DecodeStatus::bad_version: return "unsupported protocol version";
    case DecodeStatus::bad_message: return "malformed message";
    case DecodeStatus::bad_sequence: return "frame sequence error";
    case DecodeStatus::rect_out_of_bounds: return "rectangle outside the display";
    case DecodeStatus::payload_too_large: return "payload larger than declared";
    case DecodeStatus::unsupported_codec: return "codec not declared";
    case DecodeStatus::corrupt_payload: return "corrupt payload";
  }
  return "unknown status";
}

proto::Reason reason_for(DecodeStatus s) {
  switch (s) {
    case DecodeStatus::bad_magic: return proto::Reason::bad_magic;
    case DecodeStatus::bad_version: return proto::Reason::unsupported_version;
    case DecodeStatus::rect_out_of_bounds: return proto::Reason::rect_out_of_bounds;
    case DecodeStatus::payload_too_large: return proto::Reason::payload_too_large;
    case DecodeStatus::unsupported_codec: return proto::Reason::unsupported_codec;
    case DecodeStatus::corrupt_payload: return proto::Reason::corrupt_payload;
    case DecodeStatus::bad_message:
    case DecodeStatus::bad_sequence: return proto::Reason::protocol_violation;
    default: return proto::Reason::normal;
  }
}

}  // namespace client
}  // namespace tfts
