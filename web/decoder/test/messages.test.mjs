// Message builders against the bytes of client/display_messages.cpp. The expected bytes are
// docs/protocol.md §9 where it has them; the rest were printed once by a throwaway program
// linking firmware/TftStream/src/tfts/client/display_messages.cpp (write_hello, write_ack,
// write_refresh, write_keepalive, write_bye with the same arguments).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { buildAck, buildBye, buildHello, buildKeepalive, buildRefresh } from '../messages.js';
import { Reason } from '../wire.js';
import { hex } from './support.mjs';

const demo = { width: 320, height: 240, maxPayload: 8192, codecs: 0x7f, hasFramebuffer: false };

test('HELLO of the worked example (§9)', () => {
  assert.deepEqual(buildHello(demo, 'demo', 0, 0),
                   hex('54 46 54 53 01 00 13 01 40 00 F0 00 01 00 7F 00 00 20 00 00 00 04 64 65 6D 6F'));
});

test('HELLO with framebuffer, rotation 3, role source, UTF-8 name', () => {
  const cfg = { width: 4096, height: 1, maxPayload: 0xdeadbeef, codecs: 0x43, hasFramebuffer: true };
  assert.deepEqual(buildHello(cfg, 'Ünïcode-viewer', 3, 1), hex(
    '54 46 54 53 01 00 1F 10 00 00 01 03 01 00 43 DE AD BE EF 01 01 10 C3 9C 6E C3 AF 63 6F 64 ' +
    '65 2D 76 69 65 77 65 72'));
});

test('HELLO name limits and rotation range (C++ returns 0, JS null)', () => {
  const name32 = 'abcdefghijklmnopqrstuvwxyz012345';
  assert.deepEqual(buildHello(demo, name32, 1, 0), hex(
    '54 46 54 53 01 00 2F 01 40 00 F0 01 01 00 7F 00 00 20 00 00 00 20 61 62 63 64 65 66 67 68 ' +
    '69 6A 6B 6C 6D 6E 6F 70 71 72 73 74 75 76 77 78 79 7A 30 31 32 33 34 35'));
  assert.equal(buildHello(demo, `${name32}6`, 1, 0), null);
  assert.equal(buildHello(demo, 'x', 4, 0), null);
  assert.equal(buildHello(demo, '', 0, 0), null);
  assert.equal(buildHello(demo, '\0abc', 0, 0), null); // strlen() sees an empty name
  assert.deepEqual(buildHello(demo, 'demo\0tail', 0, 0), buildHello(demo, 'demo', 0, 0));
});

test('ACK of the worked example (§9)', () => {
  assert.deepEqual(buildAck(1, { decodeUs: 120, drawUs: 350, freeHeap: 180000, rssi: -61 }),
                   hex('13 00 00 00 01 00 00 00 78 00 00 01 5E 00 02 BF 20 C3'));
});

test('ACK extremes', () => {
  assert.deepEqual(buildAck(0xffffffff, { decodeUs: 0xffffffff, drawUs: 0, freeHeap: 0x80000000, rssi: 127 }),
                   hex('13 FF FF FF FF FF FF FF FF 00 00 00 00 80 00 00 00 7F'));
  assert.deepEqual(buildAck(0, { decodeUs: 0, drawUs: 0, freeHeap: 0, rssi: -128 }),
                   hex('13 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 80'));
  assert.equal(buildAck(5)[17], 0x7f, 'rssi defaults to 127 (unknown)');
});

test('REFRESH, KEEPALIVE, BYE', () => {
  assert.deepEqual(buildRefresh(), hex('14'));
  assert.deepEqual(buildKeepalive(), hex('20'));
  assert.deepEqual(buildBye(Reason.normal), hex('31 00 00'));
  assert.deepEqual(buildBye(Reason.corrupt_payload), hex('31 07 00'));
});
