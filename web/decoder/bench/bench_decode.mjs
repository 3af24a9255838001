// Decode speed of the JS decoder in Node: every golden vector plus the larger "ok" streams of
// the C++ fuzz corpus, fed whole, into (a) a sink that drops the pixels (decoder cost only)
// and (b) CanvasSink (decoder + framebuffer + RGBA expansion, what the browser pays before
// putImageData). Prints one line per stream: bytes, pixels, µs per decode, ms per megapixel.
//   node web/decoder/bench/bench_decode.mjs [--workloads DIR --size WxH --max-payload N]
// --workloads adds every DIR/NAME.tfts written by `tftstream bench --record DIR` (codecs 0..5,
// no framebuffer) and first checks that decoding it leaves exactly DIR/NAME.rgb565 (the
// server's final picture, big-endian RGB565).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { CanvasSink } from '../canvas_sink.js';
import { Decoder, DecodeStatus as S, isError } from '../decoder.js';
import { ALL_CODECS, Codec } from '../wire.js';
import { CORPUS_DIR, corpusInput, goldenVectors, VECTORS_DIR } from '../test/support.mjs';

const kMinMs = 300; // run each stream at least this long
const kCorpus = [
  'ok.1.predict-long-runs-480x320', 'ok.1.rle-long-runs-across-strips-320x240',
  'ok.1.palette-multi-strip-64x64', 'ok.1.predict-diff-luma-literal-64x64',
  'ok.1.palette_rle-long-runs-320x240', 'ok.1.fill-whole-320x240',
  'ok.2.all-codecs-fixed-128x160', 'ok.1.raw-17x5',
];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function workloads(dir) {
  const [width, height] = arg('--size', '320x240').split('x').map(Number);
  const config = { width, height, maxPayload: Number(arg('--max-payload', '8192')),
                   codecs: ALL_CODECS & ~(1 << Codec.copy), hasFramebuffer: false };
  return readdirSync(dir).filter((f) => f.endsWith('.tfts')).sort().map((f) => {
    const stream = new Uint8Array(readFileSync(join(dir, f)));
    const expected = new Uint8Array(readFileSync(join(dir, f.replace(/\.tfts$/, '.rgb565'))));
    const canvas = new CanvasSink(width, height);
    decodeOnce(config, stream, canvas);
    for (let i = 0; i < width * height; ++i) {
      if (canvas.pixels[i] !== ((expected[2 * i] << 8) | expected[2 * i + 1])) {
        throw new Error(`${f}: pixel ${i % width},${Math.floor(i / width)} differs from the server's`);
      }
    }
    return { name: `workload ${f.replace(/\.tfts$/, '')} ${width}x${height}`, config, stream };
  });
}

function streams() {
  const out = goldenVectors().map(({ name, config }) => ({
    name, config, stream: new Uint8Array(readFileSync(join(VECTORS_DIR, `${name}.tfts`))),
  }));
  const have = new Set(readdirSync(CORPUS_DIR));
  for (const name of kCorpus.filter((n) => have.has(n))) {
    out.push({ name, ...corpusInput(new Uint8Array(readFileSync(join(CORPUS_DIR, name)))) });
  }
  const dir = arg('--workloads', null);
  if (dir) out.push(...workloads(dir));
  return out;
}

const nullSink = { writePixels() {}, fill() {}, copy() {}, frameDone() {} };

function decodeOnce(config, stream, sink) {
  const dec = new Decoder(sink, config);
  let off = 0;
  for (;;) {
    const r = dec.feed(off === 0 ? stream : stream.subarray(off));
    off += r.consumed;
    if (isError(r.status)) throw new Error(`decode failed: ${r.status}`);
    if (r.status === S.bye || off >= stream.length) return dec.pixelsDecoded;
  }
}

function measure(config, stream, makeSink) {
  let pixels = 0;
  for (let i = 0; i < 20; ++i) pixels = decodeOnce(config, stream, makeSink()); // warm up the JIT
  let runs = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < kMinMs) {
    for (let i = 0; i < 10; ++i) decodeOnce(config, stream, makeSink());
    runs += 10;
    t = performance.now();
  }
  const us = ((t - t0) * 1000) / runs;
  return { pixels, us, msPerMp: pixels ? us / 1000 / (pixels / 1e6) : 0 };
}

const all = streams();
console.log(`node ${process.version}, ${kMinMs} ms per stream and sink`);
console.log('stream                                        bytes   pixels   null sink µs (ms/MP)   canvas sink µs (ms/MP)');
for (const { name, config, stream } of all) {
  // A viewer keeps one sink per session: one per stream, reused across runs.
  const canvas = new CanvasSink(config.width, config.height);
  const a = measure(config, stream, () => nullSink);
  const b = measure(config, stream, () => canvas);
  console.log(`${name.padEnd(40)} ${String(stream.length).padStart(8)} ${String(a.pixels).padStart(9)}` +
              `   ${a.us.toFixed(1).padStart(10)} (${a.msPerMp.toFixed(2).padStart(6)})` +
              `   ${b.us.toFixed(1).padStart(10)} (${b.msPerMp.toFixed(2).padStart(6)})`);
}
