// The browser virtual display: the page plays the part of a board (docs/protocol.md §2, §3).
// The session itself (HELLO, drawing, ACKs, keepalive, reconnecting with the board's backoff)
// is StreamView's (stream_view.js) with role display; this file reads the query, sizes the
// canvas and shows the status line.
//
// Query: ?name=NAME (HELLO name, 1..32 UTF-8 bytes; "browser"), size=WxH (320x240),
// zoom=N (CSS scale, 2). Tests read window.tftsDisplay (StreamView's `status`).

import { MAX_DIMENSION } from '/app/decoder/wire.js';
import { Role, State, StreamView } from './stream_view.js';

function parseOptions(search) {
  const q = new URLSearchParams(search);
  const opts = { name: q.get('name') || 'browser', width: 320, height: 240, zoom: 2, error: '' };
  const size = q.get('size');
  if (size !== null) {
    const m = /^(\d{1,4})x(\d{1,4})$/.exec(size);
    const w = m ? Number(m[1]) : 0, h = m ? Number(m[2]) : 0;
    if (w >= 1 && w <= MAX_DIMENSION && h >= 1 && h <= MAX_DIMENSION) {
      opts.width = w;
      opts.height = h;
    } else {
      opts.error = `bad size "${size}" (WxH, 1..${MAX_DIMENSION})`;
    }
  }
  const zoom = q.get('zoom');
  if (zoom !== null) {
    const z = Number(zoom);
    if (Number.isFinite(z) && z > 0 && z <= 16) opts.zoom = z;
    else opts.error = `bad zoom "${zoom}" (more than 0, at most 16)`;
  }
  return opts;
}

const opts = parseOptions(location.search);
const canvas = document.getElementById('display');
const statusEl = document.getElementById('status');
canvas.style.width = `${opts.width * opts.zoom}px`;
canvas.style.height = `${opts.height * opts.zoom}px`;
document.title = `${opts.name} — tftstream display`;

function render(status) {
  const parts = [`${opts.name} ${opts.width}x${opts.height}`, status.state.replace('_', ' ')];
  if (status.state === State.streaming) parts.push(`session ${status.sessionId}`);
  parts.push(`frames ${status.frames}`, `${status.fps.toFixed(1)} fps`);
  let text = parts.join(' · ');
  if (status.lastError) text += `\nlast error: ${status.lastError}`;
  if (statusEl.textContent !== text) statusEl.textContent = text;
  statusEl.dataset.state = status.state;
}

const view = new StreamView({
  canvas, name: opts.name, width: opts.width, height: opts.height, role: Role.display,
  onChange: render,
});
window.tftsDisplay = view.status;

if (opts.error) {
  view.status.state = State.stopped;
  view.status.lastError = opts.error;
  render(view.status);
} else {
  view.start();
}
