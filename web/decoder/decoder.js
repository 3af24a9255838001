// The display side of the protocol (docs/protocol.md §2, §3) for the browser: a resumable
// decoder of the server's byte stream that draws through a sink. A port of
// firmware/TftStream/src/tfts/client/decoder.cpp with the same states, checks (in the same
// order, §3.6) and statuses; see README.md for the mapping.
//
// Sink contract (all calls synchronous, in stream order, only for rectangles inside the
// configured display with w > 0 and h > 0; the pixel bytes are reused after the call returns):
//   writePixels(x, y, w, h, bytes, strideBytes)  bytes: Uint8Array, RGB565 big-endian, row i
//                                                at bytes[i * strideBytes]
//   fill(x, y, w, h, rgb565)                     rgb565: native value (0xF800 is red)
//   copy(x, y, w, h, srcX, srcY)                 overlap-safe; only with hasFramebuffer
//   frameDone(seq)                               FRAME_END seq was drawn completely

import { decodePalette, decodePaletteRle } from './decode_palette.js';
import { decodePredict } from './decode_predict.js';
import { decodeRle } from './decode_rle.js';
import { StripWriter } from './strip_writer.js';
import {
  Codec, CODEC_COUNT, DecodeStatus as S, FRAME_MARK_BYTES, HANDSHAKE_PREFIX_BYTES, MAGIC,
  MAX_DIMENSION, MessageType as T, MIN_PAYLOAD_LIMIT, RECT_HEADER_BYTES, STRIP_ROWS, VERSION,
  WELCOME_FIXED_BYTES, codecBit, isError,
} from './wire.js';

export { DecodeStatus, Reason, reasonFor, reasonName, isError } from './wire.js';

const Phase = Object.freeze({
  prefix: 0, welcome: 1, message_type: 2, header: 3, payload: 4, skip: 5, closed: 6,
});

const be16 = (b, i) => (b[i] << 8) | b[i + 1];
const be32 = (b, i) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;

export class Decoder {
  /**
   * `sink` as above. `config` = { width, height, maxPayload, codecs, hasFramebuffer } (the
   * C++ DisplayConfig). An out-of-range config leaves the decoder in not_configured.
   */
  constructor(sink, config) {
    this.sink_ = sink;
    this.configure(config);
  }

  /** Re-targets the decoder at a new display configuration, then reset()s. */
  configure(config) {
    const c = { ...config };
    c.codecs = (c.codecs ?? 0) & 0xffff;
    c.hasFramebuffer = Boolean(c.hasFramebuffer);
    const required = codecBit(Codec.fill) | codecBit(Codec.raw);
    const dimOk = (v) => Number.isInteger(v) && v >= 1 && v <= MAX_DIMENSION;
    this.configured_ = dimOk(c.width) && dimOk(c.height) && Number.isInteger(c.maxPayload) &&
        c.maxPayload >= MIN_PAYLOAD_LIMIT && c.maxPayload <= 0xffffffff &&
        (c.codecs & required) === required;
    if (!c.hasFramebuffer) c.codecs &= ~codecBit(Codec.copy);
    this.cfg_ = Object.freeze(c);
    // The C++ decoder borrows one work buffer; here the decoder owns its two parts. The payload
    // buffer grows on demand (a RECT may declare up to maxPayload bytes, but most are small).
    this.payloadBuf_ = new Uint8Array(this.configured_ ? Math.min(c.maxPayload, 1 << 16) : 0);
    this.stripBuf_ = new Uint8Array(this.configured_ ? c.width * 2 * STRIP_ROWS : 0);
    this.strip_ = new StripWriter(this.stripBuf_);
    this.header_ = new Uint8Array(16);
    this.reset();
  }

  /** Forgets the connection: the next byte must start a new WELCOME. */
  reset() {
    this.phase_ = Phase.prefix;
    this.status_ = this.configured_ ? S.need_more : S.not_configured;
    this.headerHave_ = 0;
    this.headerNeed_ = HANDSHAKE_PREFIX_BYTES;
    this.type_ = 0;
    this.skipLeft_ = 0;
    this.welcomeLen_ = 0;
    this.rect_ = { x: 0, y: 0, w: 0, h: 0 };
    this.codec_ = 0;
    this.payloadLen_ = 0;
    this.payloadHave_ = 0;
    this.inFrame_ = false;
    this.openSeq_ = 0;
    this.frameSeq_ = 0;
    this.session_ = { codecs: 0, maxInFlight: 0, keepaliveMs: 0, sessionId: 0 };
    this.reason_ = 0;
    this.pixelsDecoded_ = 0;
  }

  get status() { return this.status_; }
  get config() { return this.cfg_; }
  /** The server's WELCOME: { codecs (ours & the server's), maxInFlight, keepaliveMs, sessionId }. */
  get session() { return this.session_; }
  /** The last completed frame's seq. */
  get frameSeq() { return this.frameSeq_; }
  get inFrame() { return this.inFrame_; }
  /** After bye: the reason value (§5) of the server's BYE or ERROR. */
  get reason() { return this.reason_; }
  /** Pixels of completed rectangles, modulo 2^32 (as the C++ counter). */
  get pixelsDecoded() { return this.pixelsDecoded_; }

  /**
   * Consumes bytes from the server, any chunking. Returns { consumed, status }, early (consumed
   * < chunk.length) on an event (welcome, frame_done, bye) so the caller can react; feed the
   * rest again. Errors are sticky until reset(). Never draws outside the configured display.
   */
  feed(chunk) {
    if (isError(this.status_) || this.phase_ === Phase.closed) {
      return { consumed: 0, status: this.status_ };
    }
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      switch (this.phase_) {
        case Phase.prefix:
        case Phase.welcome:
        case Phase.header: {
          const take = Math.min(this.headerNeed_ - this.headerHave_, len - pos);
          this.header_.set(chunk.subarray(pos, pos + take), this.headerHave_);
          this.headerHave_ += take;
          pos += take;
          if (this.headerHave_ < this.headerNeed_) break;
          let s = this.phase_ === Phase.prefix ? this.parsePrefix_()
              : this.phase_ === Phase.welcome ? this.parseWelcome_()
              : this.finishHeader_();
          if (isError(s)) return this.fail_(pos, s);
          if (this.phase_ === Phase.payload && len - pos >= this.payloadLen_) {
            // Fast path: the whole payload is in this chunk; decode it in place.
            s = this.decodePayload_(chunk, pos);
            pos += this.payloadLen_;
            if (isError(s)) return this.fail_(pos, s);
            this.phase_ = Phase.message_type;
          }
          if (s !== S.need_more) {
            this.status_ = s;
            return { consumed: pos, status: s };
          }
          break;
        }
        case Phase.message_type: {
          const s = this.startHeader_(chunk[pos++]);
          if (isError(s)) return this.fail_(pos, s);
          break;
        }
        case Phase.payload: {
          const take = Math.min(this.payloadLen_ - this.payloadHave_, len - pos);
          this.payloadBuf_.set(chunk.subarray(pos, pos + take), this.payloadHave_);
          this.payloadHave_ += take;
          pos += take;
          if (this.payloadHave_ < this.payloadLen_) break;
          const s = this.decodePayload_(this.payloadBuf_, 0);
          if (isError(s)) return this.fail_(pos, s);
          this.phase_ = Phase.message_type;
          break;
        }
        case Phase.skip: {
          const take = Math.min(this.skipLeft_, len - pos);
          this.skipLeft_ -= take;
          pos += take;
          if (this.skipLeft_ > 0) break;
          if (this.type_ === 0) { // the rest of a longer (newer) WELCOME body
            this.phase_ = Phase.message_type;
            this.status_ = S.welcome;
            return { consumed: pos, status: S.welcome };
          }
          this.phase_ = Phase.closed; // the text of ERROR or BYE
          this.status_ = S.bye;
          return { consumed: pos, status: S.bye };
        }
        default: // closed
          return { consumed: pos, status: this.status_ };
      }
    }
    this.status_ = S.need_more;
    return { consumed: pos, status: S.need_more };
  }

  /**
   * Convenience loop over feed() for event-driven callers (a WebSocket onmessage): consumes
   * the whole chunk, calling handlers.onWelcome(session), onFrameDone(seq), onBye(reason) and
   * onError(status) as the events occur. Returns the final status.
   */
  feedAll(chunk, handlers = {}) {
    let off = 0;
    for (;;) {
      const r = this.feed(off === 0 ? chunk : chunk.subarray(off));
      off += r.consumed;
      switch (r.status) {
        case S.welcome: handlers.onWelcome?.(this.session_); break;
        case S.frame_done: handlers.onFrameDone?.(this.frameSeq_); break;
        case S.bye: handlers.onBye?.(this.reason_); return r.status;
        case S.need_more: return r.status;
        default: handlers.onError?.(r.status); return r.status;
      }
      if (off >= chunk.length) return r.status;
    }
  }

  fail_(consumed, s) {
    this.status_ = s;
    this.phase_ = Phase.closed;
    return { consumed, status: s };
  }

  parsePrefix_() {
    const h = this.header_;
    if (h[0] !== MAGIC[0] || h[1] !== MAGIC[1] || h[2] !== MAGIC[2] || h[3] !== MAGIC[3]) {
      return S.bad_magic;
    }
    if (h[4] !== VERSION) return S.bad_version;
    this.welcomeLen_ = be16(h, 5);
    this.headerHave_ = 0;
    if (this.welcomeLen_ === 0) { // refused: an ERROR message follows
      this.phase_ = Phase.message_type;
      return S.need_more;
    }
    if (this.welcomeLen_ < WELCOME_FIXED_BYTES) return S.bad_message;
    this.phase_ = Phase.welcome;
    this.headerNeed_ = WELCOME_FIXED_BYTES;
    return S.need_more;
  }

  parseWelcome_() {
    const h = this.header_;
    this.session_ = {
      codecs: be16(h, 0) & this.cfg_.codecs,
      maxInFlight: h[2],
      keepaliveMs: be16(h, 3),
      sessionId: be32(h, 5),
    };
    this.headerHave_ = 0;
    if (this.session_.maxInFlight === 0) return S.bad_message;
    this.skipLeft_ = this.welcomeLen_ - WELCOME_FIXED_BYTES;
    if (this.skipLeft_ > 0) {
      this.type_ = 0;
      this.phase_ = Phase.skip;
      return S.need_more;
    }
    this.phase_ = Phase.message_type;
    return S.welcome;
  }

  startHeader_(type) {
    this.type_ = type;
    this.headerHave_ = 0;
    const frameMessage = type === T.frame_begin || type === T.frame_end || type === T.rect;
    // After a refusal (no WELCOME, so maxInFlight is still 0) only ERROR or BYE may follow.
    if (frameMessage && this.session_.maxInFlight === 0) return S.bad_sequence;
    switch (type) {
      case T.frame_begin:
      case T.frame_end:
        this.headerNeed_ = FRAME_MARK_BYTES - 1;
        break;
      case T.rect:
        this.headerNeed_ = RECT_HEADER_BYTES - 1;
        break;
      case T.error:
      case T.bye:
        this.headerNeed_ = 2;
        break;
      case T.keepalive:
        return S.need_more; // nothing follows; phase stays message_type
      default:
        return S.bad_message;
    }
    this.phase_ = Phase.header;
    return S.need_more;
  }

  finishHeader_() {
    const h = this.header_;
    this.headerHave_ = 0;
    this.phase_ = Phase.message_type;
    switch (this.type_) {
      case T.frame_begin:
        if (this.inFrame_) return S.bad_sequence;
        this.inFrame_ = true;
        this.openSeq_ = be32(h, 0);
        return S.need_more;
      case T.frame_end:
        if (!this.inFrame_ || be32(h, 0) !== this.openSeq_) return S.bad_sequence;
        this.inFrame_ = false;
        this.frameSeq_ = this.openSeq_;
        this.sink_.frameDone(this.frameSeq_);
        return S.frame_done;
      case T.rect:
        return this.checkRect_();
      default: // error or bye: reason, then text we skip
        this.reason_ = h[0];
        this.skipLeft_ = h[1];
        if (this.skipLeft_ > 0) {
          this.phase_ = Phase.skip;
          return S.need_more;
        }
        this.phase_ = Phase.closed;
        return S.bye;
    }
  }

  checkRect_() {
    if (!this.inFrame_) return S.bad_sequence;
    const h = this.header_;
    const cfg = this.cfg_;
    const r = this.rect_;
    this.codec_ = h[0];
    r.x = be16(h, 1);
    r.y = be16(h, 3);
    r.w = be16(h, 5);
    r.h = be16(h, 7);
    this.payloadLen_ = be32(h, 9);
    this.payloadHave_ = 0;
    if (r.w === 0 || r.h === 0 || r.x >= cfg.width || r.y >= cfg.height ||
        r.w > cfg.width - r.x || r.h > cfg.height - r.y) {
      return S.rect_out_of_bounds;
    }
    if (this.codec_ >= CODEC_COUNT || !(this.session_.codecs & (1 << this.codec_))) {
      return S.unsupported_codec;
    }
    if (this.payloadLen_ > cfg.maxPayload) return S.payload_too_large;
    this.phase_ = Phase.payload;
    if (this.payloadLen_ === 0) return S.corrupt_payload; // no codec has an empty payload
    if (this.payloadBuf_.length < this.payloadLen_) {
      this.payloadBuf_ = new Uint8Array(Math.min(cfg.maxPayload, this.payloadLen_ * 2));
    }
    return S.need_more;
  }

  // Decodes the payload at src[pos .. pos + payloadLen_).
  decodePayload_(src, pos) {
    const len = this.payloadLen_;
    const { x, y, w, h } = this.rect_;
    const cfg = this.cfg_;
    const sink = this.sink_;
    let ok = false;
    switch (this.codec_) {
      case Codec.fill:
        ok = len === 2;
        if (ok) sink.fill(x, y, w, h, be16(src, pos));
        break;
      case Codec.raw:
        ok = len === w * h * 2;
        if (ok) sink.writePixels(x, y, w, h, src.subarray(pos, pos + len), w * 2);
        break;
      case Codec.copy: {
        if (len !== 4) break;
        const sx = be16(src, pos);
        const sy = be16(src, pos + 2);
        ok = sx < cfg.width && sy < cfg.height && w <= cfg.width - sx && h <= cfg.height - sy;
        if (ok) sink.copy(x, y, w, h, sx, sy);
        break;
      }
      default: {
        const out = this.strip_;
        out.begin(sink, x, y, w, h);
        switch (this.codec_) {
          case Codec.rle: ok = decodeRle(src, pos, len, out); break;
          case Codec.palette: ok = decodePalette(src, pos, len, w, h, out); break;
          case Codec.palette_rle: ok = decodePaletteRle(src, pos, len, out); break;
          case Codec.predict: ok = decodePredict(src, pos, len, out); break;
          default: break;
        }
      }
    }
    if (!ok) return S.corrupt_payload;
    this.pixelsDecoded_ = (this.pixelsDecoded_ + w * h) >>> 0;
    return S.need_more;
  }
}
