// Wire protocol v1 constants for the browser decoder (docs/protocol.md, normative).
// Mirrors firmware/TftStream/src/tfts/proto/wire.h and client/decode_status.h; the section (§)
// each value comes from is named beside it.

export const MAGIC = Object.freeze([0x54, 0x46, 0x54, 0x53]); // "TFTS" §2
export const VERSION = 1; // §2
export const HANDSHAKE_PREFIX_BYTES = 7; // magic(4) version(1) body_len(2) §2
export const HELLO_FIXED_BYTES = 15; // HELLO body without the name §2.1
export const WELCOME_FIXED_BYTES = 9; // WELCOME body v1 §2.2
export const MAX_NAME_BYTES = 32; // §2.1
export const MAX_DIMENSION = 4096; // largest width or height §6
export const MIN_PAYLOAD_LIMIT = 256; // smallest max_payload a display may declare §6
export const FLAG_FRAMEBUFFER = 0x01; // HELLO flag: COPY works §2.1
export const PIXEL_FORMAT_RGB565_BE = 1; // §2.1
export const ACK_BYTES = 18; // §3.1
export const RECT_HEADER_BYTES = 14; // §3.1
export const FRAME_MARK_BYTES = 5; // §3.1

// Rows of decoded pixels handed to the sink per writePixels() call; the same default as
// TFTS_CLIENT_STRIP_ROWS in the C++ library, so both produce the same sink call sequence.
export const STRIP_ROWS = 8;

// §3.1 message types.
export const MessageType = Object.freeze({
  frame_begin: 0x10,
  rect: 0x11,
  frame_end: 0x12,
  ack: 0x13,
  refresh: 0x14,
  keepalive: 0x20,
  auth_challenge: 0x28, // reserved §2.3
  auth_response: 0x29, // reserved §2.3
  error: 0x30,
  bye: 0x31,
});

// §4 codec ids; bit n of a codec mask stands for id n.
export const Codec = Object.freeze({
  fill: 0,
  raw: 1,
  rle: 2,
  palette: 3,
  palette_rle: 4,
  predict: 5,
  copy: 6,
});
export const CODEC_COUNT = 7;
export const ALL_CODECS = (1 << CODEC_COUNT) - 1;
export const codecBit = (codec) => 1 << codec;

// §5 reasons carried by ERROR and BYE.
export const Reason = Object.freeze({
  normal: 0,
  protocol_violation: 1,
  unsupported_version: 2,
  bad_magic: 3,
  payload_too_large: 4,
  rect_out_of_bounds: 5,
  unsupported_codec: 6,
  corrupt_payload: 7,
  timeout: 8,
  server_shutdown: 9,
  auth_failed: 10,
  too_many_frames: 11,
  server_full: 12,
});

const kReasonNames = Object.keys(Reason);

/** The name of a reason value ("rect_out_of_bounds"), or "unknown" (as proto::reason_name). */
export function reasonName(value) {
  return kReasonNames[value] ?? 'unknown';
}

// Every outcome of Decoder.feed(), named as tfts::client::DecodeStatus. The values are the
// names themselves so logs and tests read naturally; ERROR_STATUSES are sticky until reset().
export const DecodeStatus = Object.freeze({
  need_more: 'need_more', // all input consumed; feed more when it arrives
  welcome: 'welcome', // the server's WELCOME was accepted; session is valid
  frame_done: 'frame_done', // a FRAME_END was drawn; ACK frameSeq, then feed the rest
  bye: 'bye', // the server said BYE or ERROR; reason tells why
  not_configured: 'not_configured',
  bad_magic: 'bad_magic',
  bad_version: 'bad_version',
  bad_message: 'bad_message',
  bad_sequence: 'bad_sequence',
  rect_out_of_bounds: 'rect_out_of_bounds',
  payload_too_large: 'payload_too_large',
  unsupported_codec: 'unsupported_codec',
  corrupt_payload: 'corrupt_payload',
});

const kErrorStatuses = new Set([
  'not_configured', 'bad_magic', 'bad_version', 'bad_message', 'bad_sequence',
  'rect_out_of_bounds', 'payload_too_large', 'unsupported_codec', 'corrupt_payload',
]);

/** True for the statuses after which the decoder refuses further input (is_error()). */
export function isError(status) {
  return kErrorStatuses.has(status);
}

/** The reason a display reports in its BYE after error status `status` (§3.6, reason_for()). */
export function reasonFor(status) {
  switch (status) {
    case 'bad_magic': return Reason.bad_magic;
    case 'bad_version': return Reason.unsupported_version;
    case 'rect_out_of_bounds': return Reason.rect_out_of_bounds;
    case 'payload_too_large': return Reason.payload_too_large;
    case 'unsupported_codec': return Reason.unsupported_codec;
    case 'corrupt_payload': return Reason.corrupt_payload;
    case 'bad_message':
    case 'bad_sequence': return Reason.protocol_violation;
    default: return Reason.normal;
  }
}
