// Malformed input: every error status reachable from hand-made streams (docs/protocol.md §3.6),
// the C++ fuzz corpus replayed with its expectations (tests/fuzz/corpus/EXPECT.FRAMES.name,
// input format in tests/fuzz/decoder_fuzz.h), and a mutation smoke test of the sink contract.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { Decoder, DecodeStatus as S, isError, Reason, reasonFor } from '../decoder.js';
import { ALL_CODECS, Codec } from '../wire.js';
import { CheckingSink, chunking, CORPUS_DIR, corpusInput, feedStream, hex, rng } from './support.mjs';

const kConfig = { width: 16, height: 8, maxPayload: 256, codecs: ALL_CODECS, hasFramebuffer: true };
// A v1 WELCOME: all codecs, max_in_flight 2, keepalive 2000 ms, session 1.
const kWelcome = '54 46 54 53 01 00 09 00 7F 02 07 D0 00 00 00 01';

function run(streamHex, config = kConfig) {
  const stream = hex(streamHex);
  const results = ['whole', 'bytewise', 7].map((mode) => {
    const sink = new CheckingSink(config);
    const dec = new Decoder(sink, config);
    return { ...feedStream(dec, stream, chunking(mode, stream.length, 5)), dec };
  });
  for (const r of results.slice(1)) {
    assert.equal(r.status, results[0].status, 'status depends on the chunking');
    assert.equal(r.frames, results[0].frames, 'frames depend on the chunking');
  }
  return results[0];
}

const rect = (codec, x, y, w, h, payload) => {
  const p = hex(payload);
  const f = (v, n) => v.toString(16).padStart(n, '0').match(/../g).join(' ');
  return `11 ${f(codec, 2)} ${f(x, 4)} ${f(y, 4)} ${f(w, 4)} ${f(h, 4)} ${f(p.length, 8)} ${payload}`;
};
const frame = (body, seq = '00 00 00 00') => `10 ${seq} ${body} 12 ${seq}`;

const kCases = [
  ['bad_magic', 'a wrong magic', '54 46 54 54 01 00 09'],
  ['bad_version', 'version 2', '54 46 54 53 02 00 09'],
  ['bad_message', 'WELCOME body of 8 bytes', '54 46 54 53 01 00 08'],
  ['bad_message', 'max_in_flight 0', '54 46 54 53 01 00 09 00 7F 00 07 D0 00 00 00 01'],
  ['bad_message', 'unknown type', `${kWelcome} 77`],
  ['bad_message', 'ACK from the server', `${kWelcome} 13`],
  ['bad_message', 'reserved AUTH_CHALLENGE', `${kWelcome} 28`],
  ['bad_sequence', 'nested FRAME_BEGIN', `${kWelcome} 10 00 00 00 00 10 00 00 00 01`],
  ['bad_sequence', 'FRAME_END without FRAME_BEGIN', `${kWelcome} 12 00 00 00 00`],
  ['bad_sequence', 'FRAME_END seq mismatch', `${kWelcome} 10 00 00 00 05 12 00 00 00 06`],
  ['bad_sequence', 'RECT outside a frame', `${kWelcome} ${rect(0, 0, 0, 1, 1, 'F8 00')}`],
  ['bad_sequence', 'FRAME_BEGIN after a refusal', '54 46 54 53 01 00 00 10 00 00 00 00'],
  ['rect_out_of_bounds', 'w = 0', `${kWelcome} 10 00 00 00 00 ${rect(0, 0, 0, 0, 1, 'F8 00')}`],
  ['rect_out_of_bounds', 'h = 0', `${kWelcome} 10 00 00 00 00 ${rect(0, 0, 0, 1, 0, 'F8 00')}`],
  ['rect_out_of_bounds', 'x = width', `${kWelcome} 10 00 00 00 00 ${rect(0, 16, 0, 1, 1, 'F8 00')}`],
  ['rect_out_of_bounds', 'y + h > height', `${kWelcome} 10 00 00 00 00 ${rect(0, 0, 7, 1, 2, 'F8 00')}`],
  ['rect_out_of_bounds', 'x + w overflows 16 bits', `${kWelcome} 10 00 00 00 00 ${rect(0, 1, 0, 0xffff, 1, 'F8 00')}`],
  ['unsupported_codec', 'codec 7', `${kWelcome} 10 00 00 00 00 ${rect(7, 0, 0, 1, 1, 'F8 00')}`],
  ['unsupported_codec', 'codec not in WELCOME',
   `54 46 54 53 01 00 09 00 03 02 07 D0 00 00 00 01 10 00 00 00 00 ${rect(2, 0, 0, 1, 1, '80 F8 00')}`],
  ['payload_too_large', 'length 257 > 256', `${kWelcome} 10 00 00 00 00 11 01 00 00 00 00 00 01 00 01 00 00 01 01`],
  ['payload_too_large', 'length 4 GiB - 1', `${kWelcome} 10 00 00 00 00 11 01 00 00 00 00 00 01 00 01 FF FF FF FF`],
  ['corrupt_payload', 'empty payload', `${kWelcome} 10 00 00 00 00 11 00 00 00 00 00 00 01 00 01 00 00 00 00`],
  ['corrupt_payload', 'fill of 3 bytes', `${kWelcome} ${frame(rect(0, 0, 0, 1, 1, 'F8 00 00'))}`],
  ['corrupt_payload', 'raw one byte short', `${kWelcome} ${frame(rect(1, 0, 0, 2, 1, 'F8 00 F8'))}`],
  ['corrupt_payload', 'rle run past the rectangle', `${kWelcome} ${frame(rect(2, 0, 0, 2, 1, '82 F8 00'))}`],
  ['corrupt_payload', 'rle bytes after the last pixel', `${kWelcome} ${frame(rect(2, 0, 0, 2, 1, '81 F8 00 00'))}`],
  ['corrupt_payload', 'rle literal cut short', `${kWelcome} ${frame(rect(2, 0, 0, 2, 1, '01 F8 00 00'))}`],
  ['corrupt_payload', 'rle too few pixels', `${kWelcome} ${frame(rect(2, 0, 0, 3, 1, '81 F8 00'))}`],
  ['corrupt_payload', 'palette of one colour', `${kWelcome} ${frame(rect(3, 0, 0, 2, 1, '01 F8 00 00'))}`],
  ['corrupt_payload', 'palette index 3 of 3', `${kWelcome} ${frame(rect(3, 0, 0, 2, 1, '03 00 00 FF FF F8 00 30'))}`],
  ['corrupt_payload', 'palette of 17 colours', `${kWelcome} ${frame(rect(3, 0, 0, 2, 1, '11'))}`],
  ['corrupt_payload', 'palette_rle idx >= n', `${kWelcome} ${frame(rect(4, 0, 0, 2, 1, '01 F8 00 11'))}`],
  ['corrupt_payload', 'palette_rle missing extension byte', `${kWelcome} ${frame(rect(4, 0, 0, 16, 1, '01 F8 00 0F'))}`],
  ['corrupt_payload', 'palette_rle n = 0', `${kWelcome} ${frame(rect(4, 0, 0, 2, 1, '00 01'))}`],
  ['corrupt_payload', 'predict reserved tag', `${kWelcome} ${frame(rect(5, 0, 0, 2, 1, '01 FF'))}`],
  ['corrupt_payload', 'predict truncated LUMA', `${kWelcome} ${frame(rect(5, 0, 0, 2, 1, '00 A8'))}`],
  ['corrupt_payload', 'predict truncated literal', `${kWelcome} ${frame(rect(5, 0, 0, 2, 1, '00 FE F8'))}`],
  ['corrupt_payload', 'predict run past the rectangle', `${kWelcome} ${frame(rect(5, 0, 0, 2, 1, '02'))}`],
  ['corrupt_payload', 'copy source outside', `${kWelcome} ${frame(rect(6, 0, 0, 2, 2, '00 0F 00 00'))}`],
  ['corrupt_payload', 'copy of 5 bytes', `${kWelcome} ${frame(rect(6, 0, 0, 2, 2, '00 00 00 00 00'))}`],
  ['bye', 'BYE without text', `${kWelcome} 31 00 00`],
  ['bye', 'ERROR with text inside a frame', `${kWelcome} 10 00 00 00 00 30 07 03 61 62 63`],
  ['bye', 'refusal then ERROR', '54 46 54 53 01 00 00 30 02 00'],
];

for (const [status, what, stream] of kCases) {
  test(`${status}: ${what}`, () => {
    assert.equal(run(stream).status, status);
  });
}

test('every error status but not_configured is reachable from the wire', () => {
  const reached = new Set(kCases.map(([s]) => s));
  for (const s of Object.values(S)) {
    if (isError(s) && s !== S.not_configured) assert.ok(reached.has(s), s);
  }
});

test('not_configured for out-of-range configurations, and it is sticky', () => {
  const bad = [
    { ...kConfig, width: 0 }, { ...kConfig, height: 4097 }, { ...kConfig, maxPayload: 255 },
    { ...kConfig, codecs: 0x7d }, // raw missing
  ];
  for (const cfg of bad) {
    const dec = new Decoder(new CheckingSink(cfg), cfg);
    assert.equal(dec.status, S.not_configured);
    assert.deepEqual(dec.feed(hex(kWelcome)), { consumed: 0, status: S.not_configured });
  }
});

test('bye reports the reason; reasonFor maps errors as §3.6', () => {
  const r = run(`${kWelcome} 30 07 00`);
  assert.equal(r.status, S.bye);
  assert.equal(r.dec.reason, Reason.corrupt_payload);
  assert.equal(reasonFor(S.bad_sequence), Reason.protocol_violation);
  assert.equal(reasonFor(S.bad_version), Reason.unsupported_version);
  assert.equal(reasonFor(S.corrupt_payload), Reason.corrupt_payload);
});

test('copy is refused without the framebuffer flag', () => {
  const cfg = { ...kConfig, hasFramebuffer: false };
  assert.equal(run(`${kWelcome} ${frame(rect(Codec.copy, 0, 0, 1, 1, '00 01 00 01'))}`, cfg).status,
               S.unsupported_codec);
});

test('a longer WELCOME is skipped; reset() accepts a new one', () => {
  const cfg = kConfig;
  const dec = new Decoder(new CheckingSink(cfg), cfg);
  const r = feedStream(dec, hex('54 46 54 53 01 00 0B 00 7F 02 07 D0 00 00 00 2A EE EE 20'), [3, 16]);
  assert.equal(r.welcomes, 1);
  assert.equal(dec.session.sessionId, 42);
  assert.equal(dec.session.codecs, ALL_CODECS);
  dec.reset();
  assert.equal(dec.feed(hex(kWelcome)).status, S.welcome);
});

// ---- The C++ fuzz corpus, replayed with the expectations in the file names.

const corpus = readdirSync(CORPUS_DIR).filter((f) => /^[a-z_]+\.\d+\./.test(f)).sort();

test('the corpus has named expectations', () => assert.ok(corpus.length > 50));

for (const file of corpus) {
  const [expect, framesText] = file.split('.');
  test(`corpus ${file}`, () => {
    const data = new Uint8Array(readFileSync(join(CORPUS_DIR, file)));
    const { config, stream } = corpusInput(data);
    for (const mode of ['whole', 'bytewise', data[2] + 1]) {
      const sink = new CheckingSink(config);
      const dec = new Decoder(sink, config);
      const out = feedStream(dec, stream, chunking(mode, stream.length, 300));
      const clean = [S.need_more, S.welcome, S.frame_done].includes(out.status);
      assert.ok(expect === 'ok' ? clean : out.status === expect,
                `${mode}: expected ${expect}, got ${out.status}`);
      assert.equal(out.frames, Number(framesText), `${mode}: frames`);
      if (!isError(out.status)) assert.equal(sink.pixels, dec.pixelsDecoded);
    }
  });
}

// ---- Mutation smoke test: corrupted corpus streams never break the sink contract or throw.

test('mutated streams keep the sink contract', () => {
  const next = rng(20261121);
  const seeds = corpus.filter((f) => f.startsWith('ok.')).map((f) =>
    corpusInput(new Uint8Array(readFileSync(join(CORPUS_DIR, f)))))
    .filter(({ config }) => config.width * config.height <= 320 * 240);
  for (let i = 0; i < 3000; ++i) {
    const { config, stream: base } = seeds[next() % seeds.length];
    const stream = base.slice();
    const flips = 1 + (next() % 4);
    for (let k = 0; k < flips; ++k) stream[16 + (next() % Math.max(1, stream.length - 16))] = next() & 255;
    const sink = new CheckingSink(config);
    const dec = new Decoder(sink, config);
    const out = feedStream(dec, stream, chunking(1 + (next() % 1000), stream.length, 40));
    if (!isError(out.status)) assert.equal(sink.pixels, dec.pixelsDecoded);
  }
});
