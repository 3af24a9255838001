// Golden vectors (docs/protocol.md §10): every proto/spec/vectors/NAME.tfts fed to the JS
// decoder in several chunkings must end cleanly and leave exactly NAME.png on the canvas sink,
// as tests/golden/golden_vectors.cpp checks for the C++ decoder.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { CanvasSink, expand565 } from '../canvas_sink.js';
import { Decoder, DecodeStatus as S } from '../decoder.js';
import { readPng } from './png.mjs';
import { CheckingSink, chunking, feedStream, goldenVectors, VECTORS_DIR } from './support.mjs';

const kChunkings = ['whole', 'bytewise', 1, 2, 3, 0xC0FFEE, 12345];

const vectors = goldenVectors();

test('vectors.txt lists the golden vectors', () => {
  assert.ok(vectors.length >= 8, `only ${vectors.length} vectors`);
});

for (const { name, config } of vectors) {
  const stream = new Uint8Array(readFileSync(join(VECTORS_DIR, `${name}.tfts`)));
  const png = readPng(new Uint8Array(readFileSync(join(VECTORS_DIR, `${name}.png`))));

  for (const mode of kChunkings) {
    test(`golden ${name} (${typeof mode === 'number' ? `random chunks, seed ${mode}` : mode})`, () => {
      const canvas = new CanvasSink(config.width, config.height);
      const sink = new CheckingSink(config, canvas);
      const dec = new Decoder(sink, config);
      const lengths = typeof mode === 'number' && mode < 8 ? chunking(mode, stream.length, 4)
                                                           : chunking(mode, stream.length);
      const out = feedStream(dec, stream, lengths);
      assert.equal(out.welcomes, 1);
      assert.ok(out.status === S.need_more || out.status === S.frame_done,
                `ended in ${out.status}`);
      assert.equal(sink.frames, out.frames);
      assert.equal(dec.pixelsDecoded, sink.pixels);
      assert.equal(png.width, config.width);
      assert.equal(png.height, config.height);
      for (let y = 0; y < config.height; ++y) {
        for (let x = 0; x < config.width; ++x) {
          const i = y * config.width + x;
          const want = png.rgb[i];
          assert.equal(expand565(canvas.at(x, y)), want, `${name} pixel (${x}, ${y})`);
          // What a canvas would show: the RGBA bytes handed to ImageData.
          const got = (canvas.rgba[4 * i] << 16) | (canvas.rgba[4 * i + 1] << 8) | canvas.rgba[4 * i + 2];
          assert.equal(got, want, `${name} RGBA pixel (${x}, ${y})`);
          assert.equal(canvas.rgba[4 * i + 3], 255);
        }
      }
    });
  }
}

test('expand565 is bit replication (core::expand565)', () => {
  assert.equal(expand565(0x0000), 0x000000);
  assert.equal(expand565(0xffff), 0xffffff);
  assert.equal(expand565(0xf800), 0xff0000);
  assert.equal(expand565(0x07e0), 0x00ff00);
  assert.equal(expand565(0x001f), 0x0000ff);
  assert.equal(expand565(0x8410), 0x848284); // r 16 -> 132, g 32 -> 130, b 16 -> 132
});
