// The browser virtual display (web/ui/display.html) in a real headless Chromium against the
// real server: the page connects to /ws/display, draws the stream, and its canvas must equal,
// pixel for pixel, what `tftstream render` says the screen shows. Also checks that the server
// counts the display, that an idle session stays up (keepalive) and that the page reconnects
// to a restarted server; saves a screenshot.
//
// Run: TFTS_BIN=build/bin/tftstream node --test web/test/browser_display.test.mjs
//      (or `node web/test/browser_display.test.mjs build/bin/tftstream`); see README.md.
// Needs /usr/bin/chromium (or TFTS_CHROMIUM) and `npm ci --prefix web` (playwright-core).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { readPng } from '../decoder/test/png.mjs';
import {
  BIN, CHROMIUM, Processes, canvasRgba, differences, launchChromium, outputDir,
  waitFor as waitUntil,
} from './harness.mjs';
import { writePng } from './png_writer.mjs';

const WIDTH = 320, HEIGHT = 240;
const NAME = 'browser';
const kFps = 2; // the slideshow's pace: 6 pictures take 3 s
const kStartTimeoutMs = 20000;
const kStreamTimeoutMs = 30000;

const run = promisify(execFile);
const log = (...a) => console.log('[browser_display]', ...a);
const OUT = outputDir('tfts-browser-');
const IMAGES = join(OUT, 'images');

// Six pictures shown once, so the picture changes while the page is connected; the last one
// stays on the displays. They mix smooth gradients, hard edges, flat areas and noise, and the
// last four scroll, so several codecs (COPY too) are exercised.
function writePictures() {
  rmSync(IMAGES, { recursive: true, force: true });
  mkdirSync(IMAGES, { recursive: true });
  writeFileSync(join(IMAGES, '1.png'), writePng(WIDTH, HEIGHT, (x, y) => [x % 256, y, 128]));
  writeFileSync(join(IMAGES, '2.png'), writePng(WIDTH, HEIGHT, (x, y) => [255 - y, x % 256, 0]));
  const noise = new Uint8Array(WIDTH * HEIGHT * 3);
  let seed = 12345;
  for (let i = 0; i < noise.length; ++i) noise[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  const mixed = (x, y) => {
    if (y < 80) return [(x * 255) / (WIDTH - 1), (y * 255) / 79, 255 - (x % 256)];
    if (y < 160) return ((x >> 4) + (y >> 4)) % 2 ? [250, 250, 250] : [20, 40, (x >> 5) * 25];
    if (x < 160) return noise.subarray((y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3);
    return [(x * 13) & 0xe0, (y * 7) & 0xe0, ((x + y) * 3) & 0xc0];
  };
  for (let k = 0; k < 4; ++k) {
    writeFileSync(join(IMAGES, `${3 + k}.png`),
                  writePng(WIDTH, HEIGHT, (x, y) => mixed(x, (y + 24 * k) % HEIGHT)));
  }
}

const processes = new Processes();
let server = null; // { proc, exited }: the running `tftstream serve`
let browser = null;
let page = null;
let base = ''; // http://127.0.0.1:PORT
let ports = null; // the first server's { port, http }, reused by the restart
const pageLog = [];

function waitFor(what, timeoutMs, probe) {
  return waitUntil(what, timeoutMs, probe, {
    alive: () => !server || server.proc.exitCode === null,
    context: () => `page log:\n${pageLog.join('\n')}`,
  });
}

// Starts `tftstream serve` (port 0 = any) and resolves with its ready file once written.
async function startServer(port = 0, httpPort = 0) {
  const readyFile = join(OUT, 'ready.json');
  rmSync(readyFile, { force: true }); // a stale one must not be read
  server = processes.start([
    'serve', '--port', String(port), '--http-port', String(httpPort),
    '--set', 'server.bind=127.0.0.1', '--ready-file', readyFile, '--source', `images:${IMAGES}`,
    '--set', 'screens.main.loop=false', '--set', `screens.main.fps=${kFps}`,
  ]);
  const ready = await waitFor('the ready file', kStartTimeoutMs, () => {
    try {
      return { ok: true, ...JSON.parse(readFileSync(readyFile, 'utf8')) };
    } catch {
      return null;
    }
  });
  log(`server pid ${server.proc.pid}: display port ${ready.port}, http port ${ready.http_port}`);
  return ready;
}

const stopServer = () => processes.stop(server);

async function apiStatus() {
  const r = await fetch(`${base}/api/status`);
  assert.equal(r.status, 200);
  return r.json();
}

const ourDisplays = (s) => s.displays.filter((d) => d.name === NAME);
const pageView = () => page.evaluate(() => ({ ...window.tftsDisplay }));

before(async () => {
  assert.ok(existsSync(BIN), `tftstream binary not found: ${BIN} (set TFTS_BIN)`);
  assert.ok(existsSync(CHROMIUM), `chromium not found: ${CHROMIUM} (scripts/setup installs it)`);
  log(`binary ${BIN}; output in ${OUT}`);
  writePictures();
  const ready = await startServer();
  ports = { port: ready.port, http: ready.http_port };
  base = `http://127.0.0.1:${ready.http_port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 640 } });
  page.on('console', (m) => pageLog.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => pageLog.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => pageLog.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
});

after(async () => {
  await browser?.close();
  await processes.stopAll();
  if (pageLog.length) log(`page log:\n${pageLog.join('\n')}`);
});

test('the page and the decoder modules are served with their content types', async () => {
  for (const [path, type] of [['/app/ui/display.html', 'text/html'],
                              ['/app/ui/display.js', 'text/javascript'],
                              ['/app/decoder/decoder.js', 'text/javascript']]) {
    const r = await fetch(base + path);
    assert.equal(r.status, 200, path);
    const got = r.headers.get('content-type') ?? '';
    assert.ok(got.startsWith(type), `${path}: ${got}`);
  }
});

test('the browser display shows exactly what the server renders', async () => {
  await page.goto(`${base}/display?name=${NAME}&size=${WIDTH}x${HEIGHT}`);
  assert.match(page.url(), /\/app\/ui\/display\.html\?name=browser&size=320x240$/);

  // Still: the source has finished, every frame sent is acknowledged, the page has counted
  // all of them, and nothing new was sent between two looks.
  let previousSent = -1;
  const settled = await waitFor('a still, fully acknowledged stream', kStreamTimeoutMs, async () => {
    const view = await pageView();
    const s = await apiStatus();
    const [d] = ourDisplays(s);
    const still = d !== undefined && view.frames >= 1 &&
        s.screens.every((sc) => sc.source_finished) && d.frames_in_flight === 0 &&
        d.frames_acked === d.frames_sent && view.frames === d.frames_acked &&
        d.frames_sent === previousSent;
    previousSent = d ? d.frames_sent : -1;
    return { ok: still, view, display: d };
  });
  log(`still after ${settled.display.frames_sent} frames (${settled.display.bytes_sent} bytes):`,
      JSON.stringify(settled.view));
  assert.equal(settled.view.state, 'streaming');

  const reference = join(OUT, 'render.png');
  await run(BIN, ['render', '--source', `images:${IMAGES}`, '--set', 'screens.main.loop=false',
                  '--set', `screens.main.fps=${kFps}`, '--size', `${WIDTH}x${HEIGHT}`,
                  '--seconds', '100', '--out', reference]);
  const want = readPng(readFileSync(reference));
  assert.deepEqual([want.width, want.height], [WIDTH, HEIGHT]);

  const diffs = differences(await canvasRgba(page, '#display'), want);
  assert.equal(diffs.length, 0, `${diffs.length} pixels differ, e.g. ${diffs.slice(0, 5).join('; ')}`);

  const s = await apiStatus();
  const ours = ourDisplays(s);
  assert.equal(ours.length, 1, JSON.stringify(s.displays));
  assert.deepEqual([ours[0].width, ours[0].height], [WIDTH, HEIGHT]);
  assert.equal(ours[0].last_ack.rssi, 127);
  assert.match(await page.textContent('#status'), /streaming/);

  const shot = join(OUT, 'browser_display.png');
  await page.screenshot({ path: shot });
  log(`screenshot: ${shot}`);
});

test('an idle session stays up on keepalives', async () => {
  const view = await pageView();
  assert.ok(view.keepaliveMs > 0, 'WELCOME gave keepalive_ms');
  const [first] = ourDisplays(await apiStatus());
  // The server drops a display it has not heard from for 3 x keepalive_ms (§3.4).
  await sleep(3.5 * view.keepaliveMs);
  const now = await pageView();
  const [later] = ourDisplays(await apiStatus());
  assert.equal(now.state, 'streaming', now.lastError);
  assert.equal(now.sessions, view.sessions);
  assert.equal(later?.session, first.session);
});

test('the page reconnects to a restarted server', async () => {
  const first = await pageView();
  await stopServer();
  await waitFor('the page to notice', 10000, async () => {
    const view = await pageView();
    return { ok: view.state !== 'streaming', view };
  });
  // The same ports, so the page's URL stays valid, as a board finds its server again.
  await startServer(ports.port, ports.http);
  const back = await waitFor('a new session with a frame', kStreamTimeoutMs, async () => {
    const view = await pageView();
    return { ok: view.state === 'streaming' && view.sessions === first.sessions + 1 &&
                 view.frames > first.frames, view };
  });
  log('after the restart:', JSON.stringify(back.view));
  assert.notEqual(back.view.lastError, '', 'the end of the first session is reported');
  assert.equal(ourDisplays(await apiStatus()).length, 1);
});
