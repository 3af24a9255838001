// Shared by the tests and the benchmark: where the vectors are, chunkings, a feeding loop that
// checks the feed() contract, and a sink that checks the sink contract.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DecodeStatus as S, isError } from '../decoder.js';
import { ALL_CODECS } from '../wire.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const VECTORS_DIR = join(REPO, 'proto', 'spec', 'vectors');
export const CORPUS_DIR = join(REPO, 'tests', 'fuzz', 'corpus');

/** proto/spec/vectors/vectors.txt: [{ name, config }] */
export function goldenVectors() {
  return readFileSync(join(VECTORS_DIR, 'vectors.txt'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [name, w, h, maxPayload, fb] = l.trim().split(/\s+/);
      return {
        name,
        config: { width: +w, height: +h, maxPayload: +maxPayload, codecs: ALL_CODECS,
                  hasFramebuffer: fb === '1' },
      };
    });
}

/** xorshift32, so "random" chunkings are reproducible. */
export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

/** Chunk lengths for `total` bytes: 'whole', 'bytewise', or a seed for random 1..maxChunk. */
export function chunking(mode, total, maxChunk = 64) {
  if (mode === 'whole') return [total];
  if (mode === 'bytewise') return new Array(total).fill(1);
  const next = rng(mode);
  const out = [];
  for (let left = total; left > 0;) {
    const n = Math.min(left, 1 + (next() % maxChunk));
    out.push(n);
    left -= n;
  }
  return out;
}

/**
 * Feeds `stream` to `dec` in the given chunk lengths, checking the feed() contract as the C++
 * fuzz driver does. Returns { status, frames, welcomes, seqs } where status is the last one.
 */
export function feedStream(dec, stream, lengths) {
  let pos = 0, status = S.need_more, frames = 0, welcomes = 0;
  const seqs = [];
  outer: for (const n of lengths) {
    const chunk = stream.slice(pos, pos + n); // a copy, as a socket would hand it over
    pos += n;
    let off = 0;
    while (off < n) {
      const r = dec.feed(chunk.subarray(off));
      assert.ok(r.consumed <= n - off, 'consumed more than given');
      assert.equal(r.status, dec.status);
      off += r.consumed;
      status = r.status;
      if (status === S.need_more) assert.equal(off, n, 'need_more but input left');
      else if (status === S.welcome) ++welcomes;
      else if (status === S.frame_done) { ++frames; seqs.push(dec.frameSeq); }
      else break outer; // bye or an error: the stream stops
      if (off < n) assert.ok(r.consumed > 0 || status !== S.need_more, 'no progress');
    }
  }
  if (status === S.bye || isError(status)) {
    const again = dec.feed(Uint8Array.of(0x20, 0x20));
    assert.deepEqual(again, { consumed: 0, status }, 'bye/error is not sticky');
  }
  return { status, frames, welcomes, seqs };
}

/** Wraps a sink and checks every call lies inside the display (the sink contract). */
export class CheckingSink {
  constructor(config, inner = null) {
    this.cfg = config;
    this.inner = inner;
    this.pixels = 0;
    this.calls = [];
    this.frames = 0;
  }
  check_(x, y, w, h) {
    assert.ok(w > 0 && h > 0, 'empty rectangle');
    assert.ok(x + w <= this.cfg.width && y + h <= this.cfg.height, 'rectangle leaves the display');
    this.pixels = (this.pixels + w * h) >>> 0;
  }
  writePixels(x, y, w, h, bytes, stride) {
    this.check_(x, y, w, h);
    assert.ok(stride >= w * 2 && bytes.length >= (h - 1) * stride + w * 2, 'pixel bytes short');
    this.inner?.writePixels(x, y, w, h, bytes, stride);
  }
  fill(x, y, w, h, c) {
    this.check_(x, y, w, h);
    assert.ok(c >= 0 && c <= 0xffff);
    this.inner?.fill(x, y, w, h, c);
  }
  copy(x, y, w, h, sx, sy) {
    this.check_(x, y, w, h);
    assert.ok(this.cfg.hasFramebuffer, 'copy() without a framebuffer');
    assert.ok(sx + w <= this.cfg.width && sy + h <= this.cfg.height, 'copy source leaves the display');
    this.inner?.copy(x, y, w, h, sx, sy);
  }
  frameDone(seq) {
    ++this.frames;
    this.inner?.frameDone(seq);
  }
}

export const hex = (s) => Uint8Array.from(s.trim().split(/\s+/).filter(Boolean), (b) => parseInt(b, 16));

// Keep in sync with tests/fuzz/decoder_fuzz.cpp.
const kFuzzDisplays = [
  [1, 1], [17, 5], [320, 240], [2, 2], [5, 17], [7, 1], [1, 7], [31, 3],
  [64, 64], [128, 160], [240, 135], [480, 320], [4096, 1], [1, 4096], [257, 3], [4096, 4096],
];
const kFuzzMaxPayloads = [256, 257, 300, 512, 1000, 2048, 4096, 8192];

/**
 * A tests/fuzz/corpus input (format in tests/fuzz/decoder_fuzz.h) as { config, stream }: the
 * display configuration from the first three bytes and the stream with the handshake the C++
 * fuzz target prepends.
 */
export function corpusInput(data) {
  const [c0, c1, param] = data;
  const [width, height] = kFuzzDisplays[c0 & 15];
  let codecs = ALL_CODECS;
  for (let i = 0; i < 4; ++i) if (c1 & (0x08 << i)) codecs &= ~(1 << (2 + i));
  const config = { width, height, maxPayload: kFuzzMaxPayloads[c0 >> 5], codecs,
                   hasFramebuffer: (c0 & 0x10) !== 0 };
  let prefix = [];
  const welcome = (extra) => {
    const body = 9 + extra;
    const w = [0x54, 0x46, 0x54, 0x53, 1, body >> 8, body & 255, 0x00, 0x7f, 3, 0x09, 0xc4,
               0xc0, 0xff, 0xee, 0x42];
    for (let i = 0; i < extra; ++i) w.push((0xa5 ^ i) & 255);
    return w;
  };
  if (!(c1 & 0x80)) prefix = welcome(0);
  else if ((param & 3) === 0) prefix = welcome(1 + ((param >> 2) % 16));
  else if ((param & 3) === 1) prefix = [0x54, 0x46, 0x54, 0x53, 1, 0, 0];
  else if ((param & 3) === 3) prefix = welcome(200 + (param >> 2));
  const stream = new Uint8Array(prefix.length + data.length - 3);
  stream.set(prefix);
  stream.set(data.subarray(3), prefix.length);
  return { config, stream };
}
