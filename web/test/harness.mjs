// What the browser tests share: where the binary and Chromium are, an output directory, child
// processes stopped by PID, bounded waiting, and reading a canvas back to compare it with an
// expected picture pixel for pixel.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = resolve(process.env.TFTS_BIN || process.argv[2] ||
                           join(REPO, 'build', 'bin', 'tftstream'));
export const CHROMIUM = process.env.TFTS_CHROMIUM || '/usr/bin/chromium';

/** TFTS_TEST_OUT (CMake sets it under the build dir), else a fresh directory in /tmp. */
export function outputDir(prefix) {
  const out = process.env.TFTS_TEST_OUT;
  if (!out) return mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(out, { recursive: true });
  return out;
}

/** Headless Debian Chromium as the issue prescribes it. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The tftstream processes a test starts; each is stopped by its own PID, never by name. */
export class Processes {
  constructor(env = process.env) {
    this.env_ = env;
    this.all_ = [];
  }

  /** `tftstream ARGS`; stderr is kept (and echoed unless quiet). */
  start(args, { quiet = false } = {}) {
    const proc = spawn(BIN, args, { env: this.env_, stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'pipe'] });
    const entry = { proc, stderr: '', exited: new Promise((res) => proc.on('exit', res)) };
    proc.stderr.on('data', (b) => {
      entry.stderr += b;
      if (!quiet) process.stderr.write(b);
    });
    this.all_.push(entry);
    return entry;
  }

  /** SIGTERM, then SIGKILL after 5 s. */
  async stop(entry) {
    if (!entry || entry.proc.exitCode !== null || entry.proc.signalCode !== null) return;
    process.kill(entry.proc.pid, 'SIGTERM');
    const stopped = await Promise.race([entry.exited.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped) {
      process.kill(entry.proc.pid, 'SIGKILL');
      await entry.exited;
    }
  }

  async stopAll() {
    for (const p of [...this.all_].reverse()) await this.stop(p);
  }
}

/**
 * Calls `probe` until it answers { ok: true, ... } (returned) or `timeoutMs` passes (throws,
 * with the last answer and `context()`'s text). `alive()` returning false ends the wait early,
 * for a server that died.
 */
export async function waitFor(what, timeoutMs, probe, { alive = () => true, context = () => '' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last?.ok) return last;
    if (!alive()) throw new Error(`the server exited while waiting for ${what}`);
    await sleep(120);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 2000)}\n` +
                  context());
}

/** A canvas's pixels as RGBA bytes (base64 over CDP: 300 K numbers as JSON are slow). */
export async function canvasRgba(page, selector) {
  return Buffer.from(await page.evaluate((sel) => {
    const c = document.querySelector(sel);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
    }
    return btoa(s);
  }, selector), 'base64');
}

/** Pixels where RGBA bytes differ from `want` (readPng()'s { width, height, rgb }), as text. */
export function differences(rgba, want) {
  if (rgba.length !== want.width * want.height * 4) return [`size: ${rgba.length} bytes`];
  const diffs = [];
  for (let i = 0; i < want.width * want.height; ++i) {
    const got = (rgba[4 * i] << 16) | (rgba[4 * i + 1] << 8) | rgba[4 * i + 2];
    if (got !== want.rgb[i] || rgba[4 * i + 3] !== 255) {
      diffs.push(`(${i % want.width},${Math.floor(i / want.width)}) got ${got.toString(16)} ` +
                 `want ${want.rgb[i].toString(16)}`);
    }
  }
  return diffs;
}
