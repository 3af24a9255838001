// The overview page (index.html, served at /): polls /api/status every second and shows each
// screen, each connected display and each device mirroring its screen (source role) with a
// live thumbnail, its rates and the display's own timings. Each thumbnail is one viewer session (stream_view.js, HELLO role 2): a screen's at
// the size of its first display (so it shares that display's encodes), a display's at the
// display's own size, a device's ("device:NAME") at the device's. Cards are built once and updated in place, so polls keep the canvases,
// their sessions and the forms being edited.

import { describeFailure, getJson, postJson } from './api.js';
import { ScreenForm, loadSchema } from './screen_form.js';
import { RateMeter, deviceRows, displayRows, fillList, screenRows } from './stats.js';
import { StreamView } from './stream_view.js';

const kPollMs = 1000;
// /api/config (the `saved` flag, values changed elsewhere) is read every this many polls
// and after every change made here.
const kConfigEveryPolls = 5;
// Thumbnails are CSS-scaled down to fit this box; the canvas keeps the stream's own size.
const kThumbMaxW = 240;
const kThumbMaxH = 180;
const kDefaultSize = { width: 320, height: 240 };

const $ = (id) => document.getElementById(id);
const screens = new Map(); // screen name -> card entry
const displays = new Map(); // display key (name, "#2" for a second of that name) -> card entry
const devices = new Map(); // device name -> card entry
let polls = 0;
let schema = null; // loadSchema()'s answer once it came
let lastConfig = null;

function el(tag, props = {}, children = []) {
  const e = Object.assign(document.createElement(tag), props);
  for (const c of children) e.append(c);
  return e;
}

// A card with a thumbnail canvas; `entry.viewer` is opened by watch().
function makeCard(kind, name, href) {
  const canvas = el('canvas', { width: kDefaultSize.width, height: kDefaultSize.height });
  const badge = el('span', { className: 'badge' });
  const thumb = href ? el('a', { className: 'thumb', href, title: `open ${name}` }, [canvas, badge])
                     : el('div', { className: 'thumb' }, [canvas, badge]);
  const title = href ? el('a', { href, textContent: name }) : name;
  const dl = el('dl', { className: 'stats' });
  const body = el('div', { className: 'body' }, [el('h3', {}, [title]), dl]);
  const card = el('article', { className: `card ${kind}` }, [thumb, body]);
  card.dataset[kind] = name;
  return { card, body, canvas, badge, dl, viewer: null, watching: '' };
}

// Keeps `entry`'s thumbnail a viewer of `name` at `size`: opens one, or replaces it when what
// it watches or its size changed. At most one viewer per thumbnail.
function watch(entry, name, size) {
  const key = `${name} ${size.width}x${size.height}`;
  if (entry.watching === key) return;
  entry.viewer?.close();
  entry.watching = key;
  const scale = Math.min(1, kThumbMaxW / size.width, kThumbMaxH / size.height);
  entry.canvas.style.width = `${Math.round(size.width * scale)}px`;
  entry.canvas.style.height = `${Math.round(size.height * scale)}px`;
  let shown = '';
  entry.viewer = new StreamView({
    canvas: entry.canvas, name, width: size.width, height: size.height,
    onChange: (status) => {
      // Called for every frame: touch the DOM only when the state changes.
      const text = status.state === 'streaming' ? '' : status.state.replace('_', ' ');
      if (text === shown) return;
      shown = text;
      entry.badge.textContent = text;
      entry.badge.title = status.lastError;
      entry.badge.hidden = text === '';
    },
  });
  entry.viewer.start();
}

function unwatch(entry) {
  entry.viewer?.close();
  entry.viewer = null;
  entry.card.remove();
}

function renderScreens(status) {
  const seen = new Set();
  for (const s of status.screens ?? []) {
    seen.add(s.name);
    let entry = screens.get(s.name);
    if (!entry) {
      entry = makeCard('screen', s.name, `view.html?screen=${encodeURIComponent(s.name)}`);
      entry.details = el('details', { className: 'control' }, [el('summary', {
        textContent: 'Control' })]);
      entry.card.append(entry.details);
      screens.set(s.name, entry);
      $('screens').append(entry.card);
      buildForm(entry, s.name);
    }
    const first = (status.displays ?? []).find((d) => d.screen === s.name);
    const size = first ? { width: first.width, height: first.height } : kDefaultSize;
    const on = (status.displays ?? []).filter((d) => d.screen === s.name).map((d) => d.name);
    fillList(entry.dl, [...screenRows(s), ['displays', on.length ? on.join(', ') : 'none'],
                        ['thumbnail', `${size.width}x${size.height}`]]);
    entry.card.dataset.state = !s.source_ok ? 'error' : s.source_finished ? 'finished' : 'ok';
    // A href to view.html at this size, so the page shows what the thumbnail shows.
    for (const a of entry.card.querySelectorAll('a.thumb, h3 a')) {
      a.href = `view.html?screen=${encodeURIComponent(s.name)}&size=${size.width}x${size.height}`;
    }
    watch(entry, `screen:${s.name}`, size);
  }
  for (const [name, entry] of screens) {
    if (!seen.has(name)) {
      unwatch(entry);
      screens.delete(name);
    }
  }
}

function renderDisplays(status, nowMs) {
  const seen = new Set();
  const count = new Map();
  for (const d of status.displays ?? []) {
    const n = (count.get(d.name) ?? 0) + 1;
    count.set(d.name, n);
    const key = n === 1 ? d.name : `${d.name}#${n}`;
    seen.add(key);
    let entry = displays.get(key);
    if (!entry) {
      entry = makeCard('display', d.name, `view.html?display=${encodeURIComponent(d.name)}`);
      entry.rates = new RateMeter();
      displays.set(key, entry);
      $('displays').append(entry.card);
    }
    entry.rates.update(d, nowMs);
    fillList(entry.dl, displayRows(d, entry.rates));
    watch(entry, d.name, { width: d.width, height: d.height });
  }
  for (const [key, entry] of displays) {
    if (!seen.has(key)) {
      unwatch(entry);
      displays.delete(key);
    }
  }
  $('no-displays').hidden = displays.size > 0;
  const viewers = status.viewers?.length;
  $('viewer-count').textContent = viewers === undefined ? '' : `${viewers} viewer(s) watching`;
}

function renderDevices(status, nowMs) {
  const seen = new Set();
  for (const d of status.devices ?? []) {
    seen.add(d.name);
    let entry = devices.get(d.name);
    if (!entry) {
      const shot = `/api/devices/${encodeURIComponent(d.name)}/screenshot.png`;
      entry = makeCard('device', d.name, shot);
      entry.rates = new RateMeter();
      const refresh = el('button', { type: 'button', textContent: 'ask for a complete frame' });
      const note = el('span', { className: 'message', role: 'status' });
      refresh.addEventListener('click', async () => {
        const r = await postJson(`/api/devices/${encodeURIComponent(d.name)}/refresh`);
        note.textContent = r.ok ? 'asked' : describeFailure(r);
        note.dataset.tone = r.ok ? 'ok' : 'bad';
      });
      entry.body.append(el('p', { className: 'actions-inline' }, [
        el('a', { href: shot, download: `${d.name}.png`, textContent: 'screenshot (PNG)' }), ' ',
        refresh, ' ', note]));
      devices.set(d.name, entry);
      $('devices').append(entry.card);
    }
    entry.rates.update({ session: d.session, frames_acked: d.frames, bytes_sent: d.bytes }, nowMs);
    fillList(entry.dl, deviceRows(d, entry.rates));
    watch(entry, `device:${d.name}`, { width: d.width, height: d.height });
  }
  for (const [name, entry] of devices) {
    if (!seen.has(name)) {
      unwatch(entry);
      devices.delete(name);
    }
  }
  $('no-devices').hidden = devices.size > 0;
}

async function buildForm(entry, name) {
  const host = el('div', { className: 'form-host', textContent: 'loading the schema…' });
  entry.details.append(host);
  try {
    schema ??= await loadSchema();
  } catch (e) {
    host.textContent = `no control: ${e.message}`;
    host.classList.add('bad');
    return;
  }
  host.textContent = '';
  entry.form = new ScreenForm(host, name, schema, () => refreshConfig());
  if (lastConfig?.screens?.[name]) entry.form.fill(lastConfig.screens[name]);
  else refreshConfig();
}

async function refreshConfig() {
  const r = await getJson('/api/config');
  const state = $('config-state');
  if (!r.ok) {
    state.textContent = `config: ${describeFailure(r)}`;
    state.dataset.tone = 'bad';
    return;
  }
  lastConfig = r.body;
  for (const [name, entry] of screens) {
    if (lastConfig.screens?.[name]) entry.form?.fill(lastConfig.screens[name]);
  }
  if (lastConfig.path === null || lastConfig.path === undefined) {
    state.textContent = 'no config file (started without --config): changes last until restart';
    state.dataset.tone = 'info';
  } else {
    state.textContent = `${lastConfig.path}: ${lastConfig.saved ? 'saved' : 'unsaved changes'}`;
    state.dataset.tone = lastConfig.saved ? 'ok' : 'warn';
  }
  state.dataset.saved = String(Boolean(lastConfig.saved));
}

async function save() {
  const msg = $('save-message');
  $('save').disabled = true;
  msg.textContent = 'saving…';
  msg.dataset.tone = 'info';
  const r = await postJson('/api/config/save');
  $('save').disabled = false;
  if (r.ok) {
    msg.textContent = `saved to ${r.body?.path} (${r.body?.bytes} bytes)`;
    msg.dataset.tone = 'ok';
  } else if (r.status === 409) {
    msg.textContent = 'The server was started without --config, so there is no file to save to.';
    msg.dataset.tone = 'bad';
  } else {
    msg.textContent = `not saved: ${describeFailure(r)}`;
    msg.dataset.tone = 'bad';
  }
  refreshConfig();
}

function showServer(text, tone) {
  const line = $('server');
  if (line.textContent !== text) line.textContent = text;
  line.dataset.tone = tone;
}

async function poll() {
  const started = performance.now();
  const r = await getJson('/api/status');
  if (r.ok) {
    const s = r.body;
    renderScreens(s);
    renderDisplays(s, started);
    renderDevices(s, started);
    const n = (list) => (list ? list.length : 0);
    showServer(`server reachable · ${n(s.screens)} screen(s) · ${n(s.displays)} display(s)` +
               ` · ${n(s.devices)} device(s)` + (s.viewers ? ` · ${n(s.viewers)} viewer(s)` : ''),
               'ok');
    if (polls++ % kConfigEveryPolls === 0) refreshConfig();
  } else {
    showServer(`server not reachable: ${describeFailure(r)} (trying again every second)`, 'bad');
  }
  setTimeout(poll, Math.max(0, kPollMs - (performance.now() - started)));
}

$('save').addEventListener('click', save);
poll();
