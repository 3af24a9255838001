// Builders for the messages a display sends (docs/protocol.md §2.1, §3): HELLO, ACK, REFRESH,
// KEEPALIVE, BYE. Byte for byte what client/display_messages.cpp writes; where the C++ builder
// returns 0 (an argument out of range) these return null.

import {
  ACK_BYTES, FLAG_FRAMEBUFFER, HANDSHAKE_PREFIX_BYTES, HELLO_FIXED_BYTES, MAGIC, MAX_NAME_BYTES,
  MessageType, PIXEL_FORMAT_RGB565_BE, VERSION,
} from './wire.js';

const kUtf8 = new TextEncoder();

function putBe16(out, i, v) {
  out[i] = (v >>> 8) & 0xff;
  out[i + 1] = v & 0xff;
}

function putBe32(out, i, v) {
  putBe16(out, i, (v >>> 16) & 0xffff);
  putBe16(out, i + 2, v & 0xffff);
}

/**
 * HELLO (§2.1). `config` is the decoder's { width, height, maxPayload, codecs, hasFramebuffer };
 * `name` a string sent as UTF-8, 1..32 bytes (as the C++ strlen(), it ends at a NUL);
 * `rotation` 0..3; `role` 0 display, 1 source. Returns a Uint8Array, or null when out of range.
 */
export function buildHello(config, name, rotation = 0, role = 0) {
  let nameBytes = kUtf8.encode(name ?? '');
  const nul = nameBytes.indexOf(0);
  if (nul >= 0) nameBytes = nameBytes.subarray(0, nul);
  const body = HELLO_FIXED_BYTES + nameBytes.length;
  if (nameBytes.length === 0 || nameBytes.length > MAX_NAME_BYTES || !(rotation >= 0 && rotation <= 3)) {
    return null;
  }
  const out = new Uint8Array(HANDSHAKE_PREFIX_BYTES + body);
  out.set(MAGIC, 0);
  out[4] = VERSION;
  putBe16(out, 5, body);
  putBe16(out, 7, config.width);
  putBe16(out, 9, config.height);
  out[11] = rotation;
  out[12] = PIXEL_FORMAT_RGB565_BE;
  putBe16(out, 13, config.codecs);
  putBe32(out, 15, config.maxPayload);
  out[19] = config.hasFramebuffer ? FLAG_FRAMEBUFFER : 0;
  out[20] = role & 0xff;
  out[21] = nameBytes.length;
  out.set(nameBytes, 22);
  return out;
}

/**
 * ACK (§3.3) for frame `seq` with { decodeUs, drawUs, freeHeap, rssi } (rssi in dBm, -128..127;
 * 127 = unknown, the right value for a browser).
 */
export function buildAck(seq, stats = {}) {
  const out = new Uint8Array(ACK_BYTES);
  out[0] = MessageType.ack;
  putBe32(out, 1, seq >>> 0);
  putBe32(out, 5, (stats.decodeUs ?? 0) >>> 0);
  putBe32(out, 9, (stats.drawUs ?? 0) >>> 0);
  putBe32(out, 13, (stats.freeHeap ?? 0) >>> 0);
  out[17] = (stats.rssi ?? 127) & 0xff;
  return out;
}

/** REFRESH (§3.4): asks the server for every pixel in its next frame. */
export function buildRefresh() {
  return Uint8Array.of(MessageType.refresh);
}

/** KEEPALIVE (§3.4). */
export function buildKeepalive() {
  return Uint8Array.of(MessageType.keepalive);
}

/** BYE (§3.5) with `reason` (§5) and an empty text, e.g. 31 00 00 for a normal close. */
export function buildBye(reason) {
  return Uint8Array.of(MessageType.bye, reason & 0xff, 0);
}
