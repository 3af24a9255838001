// Pieces the stream tests reach only indirectly: the PREDICT tables against the C++ header's
// literals, and CanvasSink's overlap-safe copy against a copy through a temporary.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { CanvasSink, expand565 } from '../canvas_sink.js';
import { PREDICT_DIFF, PREDICT_LUMA_GREEN } from '../decode_predict.js';
import { REPO, rng } from './support.mjs';

function cTable(source, name) {
  const body = source.slice(source.indexOf(name)).match(/\{([^}]*)\}/)[1];
  return body.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
}

test('PREDICT tables equal client/predict_tables.h', () => {
  const header = readFileSync(
    join(REPO, 'firmware', 'TftStream', 'src', 'tfts', 'client', 'predict_tables.h'), 'utf8');
  assert.deepEqual(Array.from(PREDICT_DIFF), cTable(header, 'kPredictDiff[64]'));
  assert.deepEqual(Array.from(PREDICT_LUMA_GREEN), cTable(header, 'kPredictLumaGreen[64]'));
});

test('CanvasSink.copy is overlap-safe in every direction', () => {
  const next = rng(7);
  const W = 13, H = 11;
  for (let round = 0; round < 500; ++round) {
    const sink = new CanvasSink(W, H);
    for (let i = 0; i < W * H; ++i) sink.fill(i % W, Math.floor(i / W), 1, 1, next() & 0xffff);
    const w = 1 + (next() % W), h = 1 + (next() % H);
    const x = next() % (W - w + 1), y = next() % (H - h + 1);
    const sx = next() % (W - w + 1), sy = next() % (H - h + 1);
    const want = sink.pixels.slice();
    const tmp = [];
    for (let r = 0; r < h; ++r) for (let c = 0; c < w; ++c) tmp.push(sink.at(sx + c, sy + r));
    for (let r = 0; r < h; ++r) for (let c = 0; c < w; ++c) want[(y + r) * W + x + c] = tmp[r * w + c];
    sink.copy(x, y, w, h, sx, sy);
    assert.deepEqual(sink.pixels, want, `copy ${w}x${h} (${sx},${sy}) -> (${x},${y})`);
    for (let i = 0; i < W * H; ++i) {
      const rgb = (sink.rgba[4 * i] << 16) | (sink.rgba[4 * i + 1] << 8) | sink.rgba[4 * i + 2];
      assert.equal(rgb, expand565(sink.pixels[i]));
    }
  }
});

test('CanvasSink paints only what the frame changed', () => {
  const calls = [];
  globalThis.ImageData ??= class { constructor(data, w, h) { Object.assign(this, { data, w, h }); } };
  const ctx = { putImageData: (...a) => calls.push(a.slice(1)) };
  const sink = new CanvasSink(8, 6, ctx);
  sink.fill(2, 1, 3, 2, 0xf800);
  sink.writePixels(6, 4, 1, 1, Uint8Array.of(0x07, 0xe0), 2);
  sink.frameDone(0);
  sink.frameDone(1); // nothing changed: no paint
  assert.deepEqual(calls, [[0, 0, 2, 1, 5, 4]]);
});
