// The browser virtual display: the page plays the part of a board (docs/protocol.md §2, §3).
// It opens ws(s)://<host>/ws/display, sends HELLO, draws the server's frames on the canvas
// with the web decoder, ACKs each frame, keeps the session alive, and reconnects with the
// board's backoff (firmware/TftStream/src/tfts/device/stream_client.h) when it ends.
//
// Query: ?name=NAME (HELLO name, 1..32 UTF-8 bytes; "browser"), size=WxH (320x240),
// zoom=N (CSS scale, 2). Tests read window.tftsDisplay (see `status` below).

import { CanvasSink } from '/app/decoder/canvas_sink.js';
import { Decoder, Reason, reasonFor, reasonName } from '/app/decoder/decoder.js';
import { buildAck, buildBye, buildHello, buildKeepalive } from '/app/decoder/messages.js';
import { ALL_CODECS, MAX_DIMENSION } from '/app/decoder/wire.js';

// Largest RECT payload we accept. A browser has the memory, so allow a full 320x240 raw
// frame and more in one rectangle (the server splits what exceeds it, §4).
const kMaxPayload = 256 * 1024;
// The board's defaults (ClientSettings): first retry after 250 ms, doubling up to 1 s; no
// WELCOME 5 s after HELLO means reconnect.
const kRetryMinMs = 250;
const kRetryMaxMs = 1000;
const kHandshakeTimeoutMs = 5000;
// §3.4: a side that hears nothing for 3 x keepalive_ms may close with reason timeout.
const kSilenceFactor = 3;
// How often keepalive, silence and fps are checked (keepalive_ms is at least 1 s, §2.2).
const kTickMs = 100;

const State = Object.freeze({
  connecting: 'connecting', // WebSocket opening
  handshake: 'handshake', // HELLO sent, waiting for WELCOME
  streaming: 'streaming', // frames are being drawn
  backing_off: 'backing_off', // the last attempt or session failed; retry at a set time
  stopped: 'stopped', // bad query parameters: nothing will happen
});

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

// Public, read by tests and the console: live values, updated in place.
const status = {
  state: State.connecting,
  frames: 0, // frames drawn and acknowledged since the page loaded
  sessions: 0, // WELCOMEs received
  attempts: 0, // connection attempts
  sessionId: 0, // of the current or last session
  keepaliveMs: 0, // the last WELCOME's keepalive_ms
  fps: 0,
  lastError: '', // why the last session or attempt ended ('' = none yet)
};
window.tftsDisplay = status;

const opts = parseOptions(location.search);
const canvas = document.getElementById('display');
const statusEl = document.getElementById('status');
canvas.width = opts.width;
canvas.height = opts.height;
canvas.style.width = `${opts.width * opts.zoom}px`;
canvas.style.height = `${opts.height * opts.zoom}px`;
document.title = `${opts.name} — tftstream display`;

const config = {
  width: opts.width, height: opts.height, maxPayload: kMaxPayload, codecs: ALL_CODECS,
  hasFramebuffer: true, // CanvasSink keeps the pixels, so COPY works
};
const sink = new CanvasSink(opts.width, opts.height, canvas.getContext('2d'));
const decoder = new Decoder(sink, config);
const hello = buildHello(config, opts.name);
if (!hello) opts.error ||= `bad name "${opts.name}" (1..32 UTF-8 bytes)`;

// Draw time: the decoder calls sink.frameDone() (putImageData) just before it reports
// frame_done; time that call alone.
let lastDrawMs = 0;
const paint = sink.frameDone.bind(sink);
sink.frameDone = (seq) => {
  const t = performance.now();
  paint(seq);
  lastDrawMs = performance.now() - t;
};

let ws = null;
let retryDelayMs = kRetryMinMs;
let retryTimer = 0;
let handshakeTimer = 0;
let lastSentAt = 0;
let lastHeardAt = 0;
let frameWorkMs = 0; // decoder time spent on the current frame in earlier messages
let chunkStart = 0;

function setState(state, error) {
  status.state = state;
  if (error !== undefined) status.lastError = error;
  render();
}

function render() {
  const parts = [`${opts.name} ${opts.width}x${opts.height}`, status.state.replace('_', ' ')];
  if (status.state === State.streaming) parts.push(`session ${status.sessionId}`);
  parts.push(`frames ${status.frames}`, `${status.fps.toFixed(1)} fps`);
  let text = parts.join(' · ');
  if (status.lastError) text += `\nlast error: ${status.lastError}`;
  if (statusEl.textContent !== text) statusEl.textContent = text;
  statusEl.dataset.state = status.state;
}

function send(bytes) {
  if (ws?.readyState !== WebSocket.OPEN) return;
  ws.send(bytes);
  lastSentAt = performance.now();
}

function connect() {
  retryTimer = 0;
  ++status.attempts;
  decoder.reset();
  frameWorkMs = 0;
  setState(State.connecting);
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/display`;
  const sock = new WebSocket(url);
  ws = sock;
  sock.binaryType = 'arraybuffer';
  // Counted from the attempt, so a connect that hangs is retried too.
  handshakeTimer = setTimeout(() => endSession('no WELCOME in time', Reason.timeout),
                              kHandshakeTimeoutMs);
  sock.onopen = () => {
    lastHeardAt = performance.now();
    send(hello);
    setState(State.handshake);
  };
  sock.onmessage = (event) => {
    if (sock !== ws || typeof event.data === 'string') return; // the protocol is binary only
    onBytes(new Uint8Array(event.data));
  };
  sock.onclose = (event) => {
    if (sock !== ws) return;
    endSession(`connection closed (${event.code}${event.reason ? ' ' + event.reason : ''})`);
  };
  sock.onerror = () => {}; // onclose follows and says what happened
}

const handlers = {
  onWelcome(session) {
    clearTimeout(handshakeTimer);
    retryDelayMs = kRetryMinMs; // a session got going: the next failure retries quickly
    ++status.sessions;
    status.sessionId = session.sessionId;
    status.keepaliveMs = session.keepaliveMs;
    setState(State.streaming);
  },
  onFrameDone(seq) {
    const now = performance.now();
    const totalMs = frameWorkMs + (now - chunkStart);
    frameWorkMs = 0;
    chunkStart = now;
    send(buildAck(seq, {
      decodeUs: Math.round(Math.max(0, totalMs - lastDrawMs) * 1000),
      drawUs: Math.round(lastDrawMs * 1000),
      freeHeap: 0,
      rssi: 127,
    }));
    ++status.frames;
  },
  onBye(reason) {
    endSession(`server said ${reasonName(reason)}`);
  },
  onError(decodeStatus) {
    endSession(`decoder: ${decodeStatus}`, reasonFor(decodeStatus));
  },
};

function onBytes(bytes) {
  lastHeardAt = chunkStart = performance.now();
  decoder.feedAll(bytes, handlers);
  if (decoder.inFrame) frameWorkMs += performance.now() - chunkStart;
  // Browsers throttle timers in background tabs (down to one a minute), but messages still
  // arrive: an idle server's KEEPALIVE is answered here, so tick() being late is harmless.
  keepAlive(performance.now());
}

function keepAlive(now) {
  const keepaliveMs = decoder.session.keepaliveMs;
  if (ws && status.state === State.streaming && keepaliveMs > 0 &&
      now - lastSentAt >= keepaliveMs) {
    send(buildKeepalive());
  }
}

// Ends the current connection (sending BYE `reason` first if given and possible) and
// schedules the next attempt.
function endSession(error, reason) {
  const sock = ws;
  ws = null;
  clearTimeout(handshakeTimer);
  if (sock) {
    if (reason !== undefined && sock.readyState === WebSocket.OPEN) sock.send(buildBye(reason));
    sock.onclose = sock.onmessage = sock.onopen = null;
    sock.close();
  }
  setState(State.backing_off, error);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(connect, retryDelayMs);
  retryDelayMs = Math.min(retryDelayMs * 2, kRetryMaxMs);
}

// Keepalive both ways (§3.4), and the fps figure.
let fpsFrames = 0;
let fpsSince = performance.now();
function tick() {
  const now = performance.now();
  const keepaliveMs = decoder.session.keepaliveMs;
  keepAlive(now);
  if (ws && status.state === State.streaming && keepaliveMs > 0 &&
      now - lastHeardAt > kSilenceFactor * keepaliveMs) {
    endSession(`server silent for ${Math.round(now - lastHeardAt)} ms`, Reason.timeout);
  }
  if (now - fpsSince >= 1000) {
    status.fps = ((status.frames - fpsFrames) * 1000) / (now - fpsSince);
    fpsFrames = status.frames;
    fpsSince = now;
  }
  render();
}

if (opts.error) {
  setState(State.stopped, opts.error);
} else {
  // Sending BYE normal on leaving lets the server drop the session at once.
  addEventListener('pagehide', () => {
    if (ws?.readyState === WebSocket.OPEN) ws.send(buildBye(Reason.normal));
  });
  setInterval(tick, kTickMs);
  connect();
}
