// The web UI pages (web/ui/index.html, view.html and the screen control form) in a real
// headless Chromium against the real server (docs/http-api.md):
//   (a) view.html of a connected display (`tftstream emulate`) shows, pixel for pixel, what
//       `tftstream render` says the screen shows, at 1:1 and zoomed;
//   (b) the overview lists the screen and the display, its thumbnails draw, and they are
//       counted as viewers, not displays;
//   (c) the control form switches the screen's source, changes gamma and rotation (the view
//       follows, bit-exact), puts the server's error for a bad value next to its field, and
//       reports that there is no config file to save to;
//   (d) a server on 0.0.0.0 needs its token (401 without, 200 with; ?token= sets the cookie
//       the pages then use), and refuses to start on 0.0.0.0 without one;
//   (e) a virtual device mirroring its screen (emulate --role source) shows on the overview,
//       bit-exact with its screenshot, and "ask for a complete frame" reaches it.
// Screenshots of each page go to the output directory.
//
// Run: TFTS_BIN=build/bin/tftstream node --test web/test/browser_ui.test.mjs; see README.md.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { readPng } from '../decoder/test/png.mjs';
import {
  BIN, CHROMIUM, Processes, REPO, canvasRgba, differences, launchChromium, outputDir,
  waitFor as waitUntil,
} from './harness.mjs';
import { writePng } from './png_writer.mjs';

const WIDTH = 320, HEIGHT = 240;
const DISPLAY = 'desk';
const TOKEN = 'SECRET';
const kFps = 4;
const kStartTimeoutMs = 20000;
const kPictureTimeoutMs = 30000;

const run = promisify(execFile);
const log = (...a) => console.log('[browser_ui]', ...a);

const OUT = outputDir('tfts-ui-');
const IMAGES_A = join(OUT, 'images_a');
const IMAGES_B = join(OUT, 'images_b');
// The server serves the pages from the repository, so the test exercises these files even
// when the binary embeds older ones.
const ENV = { ...process.env, TFTSTREAM_WEB_DIR: join(REPO, 'web') };

// A: three pictures shown once (the last one stays): gradients, hard edges, noise, so several
// codecs are used. B: one picture, looping, clearly different from A.
function writePictures() {
  for (const dir of [IMAGES_A, IMAGES_B]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  let seed = 987;
  // Math.imul: a plain product exceeds 2^53 and loses the low bits, which makes the "noise"
  // periodic (and cheap to encode).
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
  const noise = Uint8Array.from({ length: WIDTH * HEIGHT * 3 }, rand);
  writeFileSync(join(IMAGES_A, '1.png'), writePng(WIDTH, HEIGHT, (x, y) => [x % 256, y, 90]));
  writeFileSync(join(IMAGES_A, '2.png'), writePng(WIDTH, HEIGHT, (x, y) => [255 - y, x % 256, 0]));
  writeFileSync(join(IMAGES_A, '3.png'), writePng(WIDTH, HEIGHT, (x, y) => {
    if (y < 80) return [(x * 255) / (WIDTH - 1), (y * 255) / 79, 255 - (x % 256)];
    if (y < 160) return ((x >> 4) + (y >> 4)) % 2 ? [250, 250, 250] : [20, 40, (x >> 5) * 25];
    return noise.subarray((y * WIDTH + x) * 3, (y * WIDTH + x) * 3 + 3);
  }));
  // Top and bottom differ, so a 180° rotation is visible; mid greys, so gamma is.
  writeFileSync(join(IMAGES_B, 'only.png'), writePng(WIDTH, HEIGHT, (x, y) =>
    (y < HEIGHT / 2 ? [200, (x * 255) / (WIDTH - 1), 60] : [60, 120, (y * 255) / (HEIGHT - 1)])));
}

const processes = new Processes(ENV); // every child process started, killed by PID in after()
let server = null; // the main server { proc, exited, base, port }
let browser = null;
let viewPage = null;
let overview = null;
const pageLog = [];

const startProcess = (args, options) => processes.start(args, options);
const stopProcess = (entry) => processes.stop(entry);

function waitFor(what, timeoutMs, probe) {
  return waitUntil(what, timeoutMs, probe, {
    alive: () => !server || server.proc.exitCode === null,
    context: () => `page log:\n${pageLog.slice(-30).join('\n')}`,
  });
}

// `tftstream serve` with `extra` arguments; resolves once its ready file is written.
async function startServer(tag, extra) {
  const readyFile = join(OUT, `ready_${tag}.json`);
  rmSync(readyFile, { force: true });
  const entry = startProcess(['serve', '--port', '0', '--http-port', '0',
                              '--set', 'server.bind=127.0.0.1', '--ready-file', readyFile,
                              ...extra]);
  const ready = await waitFor(`the ready file of ${tag}`, kStartTimeoutMs, () => {
    if (entry.proc.exitCode !== null) throw new Error(`${tag} exited: ${entry.stderr}`);
    try {
      return { ok: true, ...JSON.parse(readFileSync(readyFile, 'utf8')) };
    } catch {
      return null;
    }
  });
  entry.base = `http://127.0.0.1:${ready.http_port}`;
  entry.port = ready.port;
  log(`${tag}: pid ${entry.proc.pid}, display port ${ready.port}, http ${entry.base}`);
  return entry;
}

async function apiStatus() {
  const r = await fetch(`${server.base}/api/status`);
  assert.equal(r.status, 200);
  return r.json();
}

// What the screen shows a WIDTHxHEIGHT display, from `tftstream render` with `sets`.
async function expected(tag, source, sets) {
  const file = join(OUT, `expected_${tag}.png`);
  const args = ['render', '--source', source, '--size', `${WIDTH}x${HEIGHT}`, '--seconds', '30',
                '--out', file];
  for (const s of sets) args.push('--set', s);
  await run(BIN, args, { env: ENV });
  const png = readPng(readFileSync(file));
  assert.deepEqual([png.width, png.height], [WIDTH, HEIGHT]);
  return png;
}

// Waits until the view page's 1:1 canvas equals `want`, then checks the zoomed one too.
async function waitForPicture(what, want) {
  await waitFor(what, kPictureTimeoutMs, async () => {
    const diffs = differences(await canvasRgba(viewPage, '#view'), want);
    return { ok: diffs.length === 0, count: diffs.length, first: diffs.slice(0, 3),
             view: await viewPage.evaluate(() => ({ ...window.tftsView })) };
  });
  const zoomedDiffs = differences(await canvasRgba(viewPage, '#zoomed'), want);
  assert.equal(zoomedDiffs.length, 0, `zoomed canvas: ${zoomedDiffs.slice(0, 3).join('; ')}`);
}

async function newPage(context) {
  const page = await context.newPage();
  page.on('console', (m) => pageLog.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => pageLog.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) pageLog.push(`response ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return page;
}

let lastPosted = null; // the body of the form's last POST
const form = () => overview.locator('form.screen-form[data-screen="main"]');
const field = (key) => form().locator(`.field[data-key="${key}"]`);

// Sets a field from the UI, whatever input the schema gave it (select or text/number).
async function setField(key, value) {
  const select = field(key).locator('select');
  if (await select.count()) await select.first().selectOption(String(value));
  else await field(key).locator('input').first().fill(String(value));
}

// Clicks Apply; returns the answer shown and the JSON body the page POSTed.
async function applyForm() {
  const posted = overview.waitForRequest((r) => r.method() === 'POST' &&
                                                r.url().endsWith('/api/screens/main'));
  await form().locator('button[type="submit"]').click();
  const request = await posted;
  assert.equal(request.headers()['content-type'], 'application/json');
  lastPosted = request.postDataJSON();
  const msg = form().locator('.message');
  await waitFor('the answer to Apply', 10000, async () => {
    const text = await msg.textContent();
    return { ok: /^(applied|not applied)/.test(text), text };
  });
  return msg.textContent();
}

before(async () => {
  assert.ok(existsSync(BIN), `tftstream binary not found: ${BIN} (set TFTS_BIN)`);
  assert.ok(existsSync(CHROMIUM), `chromium not found: ${CHROMIUM} (scripts/setup installs it)`);
  log(`binary ${BIN}; output in ${OUT}`);
  writePictures();
  server = await startServer('main', ['--source', `images:${IMAGES_A}`,
                                      '--set', 'screens.main.loop=false',
                                      '--set', `screens.main.fps=${kFps}`]);
  startProcess(['emulate', '--connect', `127.0.0.1:${server.port}`, '--name', DISPLAY,
                '--size', `${WIDTH}x${HEIGHT}`, '--framebuffer', '--seconds', '170']);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  viewPage = await newPage(context);
  overview = await newPage(context);
});

after(async () => {
  await browser?.close();
  await processes.stopAll();
  if (pageLog.length) log(`page log (last 40):\n${pageLog.slice(-40).join('\n')}`);
});

test('(a) view.html shows the display exactly as the server renders it', async () => {
  await waitFor('the emulated display', kStartTimeoutMs, async () => {
    const s = await apiStatus();
    return { ok: s.displays.some((d) => d.name === DISPLAY), s };
  });
  await viewPage.goto(`${server.base}/app/ui/view.html?display=${DISPLAY}&zoom=2`);
  const view = await waitFor('the view streaming', kPictureTimeoutMs, async () => {
    const v = await viewPage.evaluate(() => ({ ...window.tftsView }));
    return { ok: v.state === 'streaming' && v.frames >= 1, v };
  });
  assert.deepEqual([view.v.width, view.v.height], [WIDTH, HEIGHT]);
  const want = await expected('a', `images:${IMAGES_A}`,
                              ['screens.main.loop=false', `screens.main.fps=${kFps}`]);
  await waitForPicture('the last picture of A on view.html', want);
  await viewPage.locator('#stats').getByText('latency p50 / p95').waitFor();
  await viewPage.screenshot({ path: join(OUT, 'view.png'), fullPage: true });

  // A display that is not connected: the page says so and waits (no viewer meanwhile).
  const other = await newPage(viewPage.context());
  await other.goto(`${server.base}/app/ui/view.html?display=nobody`);
  await waitFor('the page to say it waits', 10000, async () => {
    const text = await other.textContent('#state');
    const v = await other.evaluate(() => ({ ...window.tftsView }));
    return { ok: /not connected/.test(text) && v.state === 'waiting', text, v };
  });
  await other.close();
});

test('(b) the overview lists the screen and the display with live thumbnails', async () => {
  await overview.goto(`${server.base}/`);
  assert.match(overview.url(), /\/app\/ui\/index\.html$/);
  const screenCard = overview.locator('article[data-screen="main"]');
  const displayCard = overview.locator(`article[data-display="${DISPLAY}"]`);
  await screenCard.waitFor();
  await displayCard.waitFor();
  assert.match(await overview.textContent('#server'), /server reachable/);
  assert.match(await screenCard.textContent(), /images:/);
  assert.match(await displayCard.textContent(), /320x240/);
  assert.equal(await displayCard.locator(`a[href*="view.html?display=${DISPLAY}"]`).count() > 0,
               true);
  assert.equal(await overview.locator('a[href="/display"]').count() > 0, true);

  // Both thumbnails draw something (the last picture of A is far from black).
  for (const sel of ['article[data-screen="main"] canvas', `article[data-display="${DISPLAY}"] canvas`]) {
    await waitFor(`a picture in ${sel}`, kPictureTimeoutMs, async () => {
      const rgba = await canvasRgba(overview, sel);
      let lit = 0;
      for (let i = 0; i < rgba.length; i += 4) lit += rgba[i] | rgba[i + 1] | rgba[i + 2] ? 1 : 0;
      return { ok: lit > rgba.length / 8, lit };
    });
  }
  // The fps figure comes from two polls.
  await waitFor('an fps figure', 10000, async () => {
    const text = await displayCard.textContent();
    return { ok: /fps\s*\d/.test(text), text };
  });

  // view.html's viewer and the two thumbnails are viewers; only the emulator is a display.
  const s = await apiStatus();
  assert.ok(Array.isArray(s.viewers), `no viewers list in /api/status: ${JSON.stringify(s)}`);
  assert.ok(s.viewers.length >= 3, `viewers: ${JSON.stringify(s.viewers)}`);
  assert.deepEqual(s.displays.map((d) => d.name), [DISPLAY]);
  await overview.screenshot({ path: join(OUT, 'overview.png'), fullPage: true });
});

test('(c) the control form changes the screen at once, and shows the server\'s errors', async () => {
  await overview.locator('article[data-screen="main"] details.control > summary').click();
  await field('source').waitFor();
  for (const key of ['gamma', 'rotation', 'loop', 'crop', 'white_balance']) {
    assert.equal(await field(key).count(), 1, `no field ${key}`);
  }

  // Another source: B (one picture, looping, so later changes have frames to apply to).
  const kind = field('source').locator('select.source-kind');
  if (await kind.count()) {
    await kind.selectOption('images');
    await field('source').locator('input.source-arg').fill(IMAGES_B);
  } else {
    await field('source').locator('input').first().fill(`images:${IMAGES_B}`);
  }
  await field('loop').locator('input[type="checkbox"]').check();
  assert.match(await applyForm(), /^applied/);
  assert.deepEqual(lastPosted, { source: `images:${IMAGES_B}`, loop: 'true' },
                   'only the changed keys are sent');
  const common = ['screens.main.loop=true', `screens.main.fps=${kFps}`];
  await waitForPicture('picture B after the source switch',
                       await expected('b', `images:${IMAGES_B}`, common));
  // /api/status describes the source ("images:DIR (1 files, ...)"); it starts with the text.
  const status = await apiStatus();
  assert.ok(status.screens[0].source.startsWith(`images:${IMAGES_B}`), status.screens[0].source);

  await setField('gamma', '2.2');
  assert.match(await applyForm(), /^applied/);
  assert.deepEqual(lastPosted, { gamma: '2.2' });
  await waitForPicture('B with gamma 2.2', await expected('b_gamma', `images:${IMAGES_B}`,
                                                          [...common, 'screens.main.gamma=2.2']));

  await setField('rotation', '180');
  assert.match(await applyForm(), /^applied/);
  await waitForPicture('B with gamma 2.2, rotated 180°',
                       await expected('b_rot', `images:${IMAGES_B}`,
                                      [...common, 'screens.main.gamma=2.2',
                                       'screens.main.rotation=180']));

  // Out of range (0.1..5): the server refuses it and the form says why beside the field.
  await setField('gamma', '10');
  assert.match(await applyForm(), /^not applied/);
  const error = await field('gamma').locator('.error').textContent();
  assert.ok(error.trim().length > 0, 'no error beside the gamma field');
  log(`the server's error for gamma 10: ${error}`);
  const config = await (await fetch(`${server.base}/api/config`)).json();
  assert.equal(Number(config.screens.main.gamma), 2.2, 'a refused change left gamma alone');
  await overview.screenshot({ path: join(OUT, 'control.png'), fullPage: true });

  // Started without --config: nothing to save to, and the page says so.
  await overview.locator('#save').click();
  await waitFor('the answer to Save', 10000, async () => {
    const text = await overview.textContent('#save-message');
    return { ok: /without --config/.test(text), text };
  });
});

test('(d) off loopback the token is required, and the pages get it from ?token=', async () => {
  // No token on 0.0.0.0: serve refuses to start and names the missing key.
  const bare = startProcess(['serve', '--port', '0', '--http-port', '0', '--source', 'test',
                             '--set', 'server.http_bind=0.0.0.0'], { quiet: true });
  const code = await Promise.race([bare.exited, sleep(10000).then(() => 'running')]);
  assert.notEqual(code, 'running', 'serve kept running on 0.0.0.0 without a token');
  assert.notEqual(code, 0);
  assert.match(bare.stderr, /http_token/);

  const secured = await startServer('token', ['--source', `images:${IMAGES_B}`,
                                              '--set', 'server.http_bind=0.0.0.0',
                                              '--set', `server.http_token=${TOKEN}`]);
  const base = secured.base;
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const json = { 'Content-Type': 'application/json' };
  const gammaOne = JSON.stringify({ gamma: '1' });
  assert.equal((await fetch(`${base}/api/status`)).status, 401);
  assert.equal((await fetch(`${base}/api/screens/main`, { method: 'POST', headers: json,
                                                          body: gammaOne })).status, 401);
  assert.equal((await fetch(`${base}/api/status`, { headers: auth })).status, 200);
  assert.equal((await fetch(`${base}/api/screens/main`, { method: 'POST',
                                                          headers: { ...auth, ...json },
                                                          body: gammaOne })).status, 200);
  assert.equal((await fetch(`${base}/healthz`)).status, 200, '/healthz needs no token');

  // A fresh browser profile: refused at first, then ?token= once sets the cookie for the
  // page, its API calls and its WebSockets.
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    assert.equal((await page.goto(`${base}/app/ui/index.html`)).status(), 401);
    await page.goto(`${base}/?token=${TOKEN}`);
    const cookies = await context.cookies(base);
    assert.ok(cookies.some((c) => c.name === 'tftstream_token' && c.value === TOKEN),
              JSON.stringify(cookies));
    await page.goto(`${base}/app/ui/index.html`); // no token in the URL now: the cookie
    await page.locator('article[data-screen="main"]').waitFor();
    await waitFor('the overview on the token server', 10000, async () => {
      const text = await page.textContent('#server');
      return { ok: /server reachable/.test(text), text };
    });
    await waitFor('a thumbnail over the cookie-authorised WebSocket', kPictureTimeoutMs,
                  async () => {
                    const rgba = await canvasRgba(page, 'article[data-screen="main"] canvas');
                    return { ok: rgba.some((v, i) => i % 4 !== 3 && v !== 0) };
                  });
    await page.screenshot({ path: join(OUT, 'token_overview.png'), fullPage: true });
  } finally {
    await context.close();
    await stopProcess(secured);
  }
});

test('(e) a device mirroring its screen shows live on the overview, as the server holds it', async () => {
  // The virtual device flushes the pictures of A in strips, like LVGL's partial mode.
  startProcess(['emulate', '--role', 'source', '--frames', IMAGES_A, '--name', 'lvgl',
                '--connect', `127.0.0.1:${server.port}`, '--fps', '10', '--seconds', '60']);
  await waitFor('the device in /api/status', kStartTimeoutMs, async () => {
    const s = await apiStatus();
    const d = (s.devices ?? []).find((x) => x.name === 'lvgl');
    return { ok: d !== undefined && d.frames >= 3, devices: s.devices };
  });
  const shot = await fetch(`${server.base}/api/devices/lvgl/screenshot.png`);
  assert.equal(shot.status, 200);
  const want = readPng(Buffer.from(await shot.arrayBuffer()));
  assert.deepEqual([want.width, want.height], [WIDTH, HEIGHT]);

  await overview.goto(`${server.base}/`);
  const card = overview.locator('article[data-device="lvgl"]');
  await card.waitFor();
  assert.match(await card.textContent(), /320x240/);
  // The thumbnail is a viewer of "device:lvgl": its canvas holds exactly the device's pixels.
  await waitFor('the device thumbnail equal to the screenshot', kPictureTimeoutMs, async () => {
    const diffs = differences(await canvasRgba(overview, 'article[data-device="lvgl"] canvas'), want);
    return { ok: diffs.length === 0, count: diffs.length, first: diffs.slice(0, 3) };
  });
  // "ask for a complete frame" reaches the device: one more frame comes.
  const before = (await apiStatus()).devices.find((x) => x.name === 'lvgl').frames;
  await card.getByRole('button', { name: 'ask for a complete frame' }).click();
  await waitFor('the complete frame the button asked for', 10000, async () => {
    const d = (await apiStatus()).devices.find((x) => x.name === 'lvgl');
    return { ok: d.frames > before && d.refreshes_requested === 1, d };
  });
  await overview.screenshot({ path: join(OUT, 'devices.png'), fullPage: true });
});
