// The live view of one display or screen (view.html):
//   ?display=NAME           what display NAME shows, at its size (from /api/status), with its
//                           figures; while it is not connected the page says so and waits
//   ?screen=NAME&size=WxH   screen NAME at that size (320x240 when not given)
//   &zoom=N                 the zoomed picture's scale, 1..8 (3)
// One viewer session (stream_view.js, HELLO role 2) draws the 1:1 canvas; each frame is copied
// onto the zoomed canvas, which has the same pixel size and is scaled by CSS without smoothing.
// Tests read window.tftsView = { state, frames, width, height }.

import { MAX_DIMENSION } from '/app/decoder/wire.js';
import { describeFailure, getJson } from './api.js';
import { RateMeter, displayRows, fillList, screenRows } from './stats.js';
import { StreamView } from './stream_view.js';

const kPollMs = 1000;
const kDefaultZoom = 3;

const $ = (id) => document.getElementById(id);
const canvas = $('view');
const zoomed = $('zoomed');
const zoomedContext = zoomed.getContext('2d');
const zoomSelect = $('zoom');

// Public, read by tests: `state` is the viewer's (stream_view.js State), or "waiting" while
// the display is not connected, or "stopped" for a bad query.
const status = { state: 'waiting', frames: 0, width: 0, height: 0, lastError: '' };
window.tftsView = status;

function parseQuery(search) {
  const q = new URLSearchParams(search);
  const zoom = Number(q.get('zoom') ?? kDefaultZoom);
  const target = { kind: '', name: '', size: null, error: '',
                   zoom: Number.isInteger(zoom) && zoom >= 1 && zoom <= 8 ? zoom : kDefaultZoom };
  if (q.get('display')) {
    target.kind = 'display';
    target.name = q.get('display');
  } else if (q.get('screen')) {
    target.kind = 'screen';
    target.name = q.get('screen');
    const m = /^(\d{1,4})x(\d{1,4})$/.exec(q.get('size') ?? '320x240');
    const w = m ? Number(m[1]) : 0, h = m ? Number(m[2]) : 0;
    if (w >= 1 && w <= MAX_DIMENSION && h >= 1 && h <= MAX_DIMENSION) {
      target.size = { width: w, height: h };
    } else {
      target.error = `bad size "${q.get('size')}" (WxH, 1..${MAX_DIMENSION})`;
    }
  } else {
    target.error = 'say what to show: ?display=NAME or ?screen=NAME&size=WxH';
  }
  return target;
}

const target = parseQuery(location.search);
let viewer = null;
let watching = '';
const rates = new RateMeter();

function say(text, tone) {
  const line = $('state');
  if (line.textContent !== text) line.textContent = text;
  line.dataset.tone = tone;
}

function applyZoom() {
  const z = Number(zoomSelect.value);
  zoomed.style.width = `${zoomed.width * z}px`;
  zoomed.style.height = `${zoomed.height * z}px`;
  $('zoom-caption').textContent = `×${z}`;
}

// Keeps one viewer of `name` at `size`; a new size means a new session (HELLO declares it).
function watch(name, size) {
  const key = `${name} ${size.width}x${size.height}`;
  if (watching === key) return;
  viewer?.close();
  watching = key;
  zoomed.width = size.width;
  zoomed.height = size.height;
  applyZoom();
  Object.assign(status, { frames: 0, width: size.width, height: size.height });
  viewer = new StreamView({
    canvas, name, width: size.width, height: size.height,
    onChange: (s) => {
      status.state = s.state;
      status.frames = s.frames;
      status.lastError = s.lastError;
    },
  });
  viewer.onFrame = () => zoomedContext.drawImage(canvas, 0, 0);
  viewer.start();
}

function unwatch() {
  viewer?.close();
  viewer = null;
  watching = '';
  status.state = 'waiting';
}

function streamText() {
  if (!viewer) return '';
  const s = viewer.status;
  const state = s.state === 'streaming' ? `live, ${s.fps.toFixed(1)} fps in this page`
                                        : s.state.replace('_', ' ');
  return s.lastError && s.state !== 'streaming' ? `${state} (${s.lastError})` : state;
}

async function poll() {
  const started = performance.now();
  const r = await getJson('/api/status');
  if (!r.ok) {
    say(`server not reachable: ${describeFailure(r)} (trying again every second)`, 'bad');
  } else if (target.kind === 'display') {
    const d = (r.body.displays ?? []).find((x) => x.name === target.name);
    if (!d) {
      unwatch();
      say(`display "${target.name}" is not connected; waiting for it`, 'warn');
      fillList($('stats'), []);
    } else {
      watch(target.name, { width: d.width, height: d.height });
      rates.update(d, started);
      fillList($('stats'), displayRows(d, rates));
      say(`${d.width}x${d.height} on screen "${d.screen}" · ${streamText()}`,
          status.state === 'streaming' ? 'ok' : 'warn');
    }
  } else {
    const s = (r.body.screens ?? []).find((x) => x.name === target.name);
    if (!s) {
      unwatch();
      say(`there is no screen "${target.name}"; waiting for it`, 'warn');
      fillList($('stats'), []);
    } else {
      watch(`screen:${target.name}`, target.size);
      fillList($('stats'), [...screenRows(s), ['size', `${target.size.width}x${target.size.height}`]]);
      say(`screen "${s.name}" at ${target.size.width}x${target.size.height} · ${streamText()}`,
          status.state === 'streaming' ? 'ok' : 'warn');
    }
  }
  setTimeout(poll, Math.max(0, kPollMs - (performance.now() - started)));
}

zoomSelect.value = String(target.zoom);
zoomSelect.addEventListener('change', applyZoom);
if (target.error) {
  status.state = 'stopped';
  status.lastError = target.error;
  say(target.error, 'bad');
} else {
  const what = target.kind === 'display' ? `display ${target.name}` : `screen ${target.name}`;
  $('title').textContent = what;
  document.title = `${what} — tftstream`;
  poll();
}
