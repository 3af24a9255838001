// One protocol session into a canvas, for every page that shows a stream: the browser virtual
// display (display.js, role display) and the live views of the overview and the per-display
// page (role viewer, docs/http-api.md "Viewers"). It opens ws(s)://<host>/ws/display, sends
// HELLO, draws the server's frames with the web decoder, ACKs each frame, keeps the session
// alive (docs/protocol.md §3.4), and reconnects with the board's backoff
// (firmware/TftStream/src/tfts/device/stream_client.h) until close() is called.

import { CanvasSink } from '/app/decoder/canvas_sink.js';
import { Decoder, Reason, reasonFor, reasonName } from '/app/decoder/decoder.js';
import { buildAck, buildBye, buildHello, buildKeepalive } from '/app/decoder/messages.js';
import { ALL_CODECS } from '/app/decoder/wire.js';

// HELLO roles (docs/protocol.md §2.1): a display is counted and driven by the server; a
// viewer gets the same stream without being one.
export const Role = Object.freeze({ display: 0, viewer: 2 });

export const State = Object.freeze({
  connecting: 'connecting', // WebSocket opening
  handshake: 'handshake', // HELLO sent, waiting for WELCOME
  streaming: 'streaming', // frames are being drawn
  backing_off: 'backing_off', // the last attempt or session failed; retry at a set time
  stopped: 'stopped', // bad parameters, or close() was called: nothing more will happen
});

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
// How often keepalive, silence and fps are checked (keepalive_ms is at least 100 ms).
const kTickMs = 100;

export class StreamView {
  /**
   * A session for `name` (HELLO name, 1..32 UTF-8 bytes; for a viewer a display's name or
   * `screen:NAME`) at `width` x `height`, drawn into `canvas` (resized to that). `onChange`
   * (optional) is called with `status` whenever the state or the frame count changes.
   * Nothing happens before start().
   */
  constructor({ canvas, name, width, height, role = Role.viewer, onChange = null }) {
    this.name = name;
    this.width = width;
    this.height = height;
    this.role = role;
    this.onChange = onChange;
    // Live values, updated in place so a page can hand the object to tests (window.tfts*).
    this.status = {
      state: State.connecting,
      frames: 0, // frames drawn and acknowledged since start()
      sessions: 0, // WELCOMEs received
      attempts: 0, // connection attempts
      sessionId: 0, // of the current or last session
      keepaliveMs: 0, // the last WELCOME's keepalive_ms
      fps: 0,
      lastError: '', // why the last session or attempt ended ('' = none yet)
    };
    this.onFrame = null; // optional callback(seq) after a frame was painted

    canvas.width = width;
    canvas.height = height;
    this.config_ = {
      width, height, maxPayload: kMaxPayload, codecs: ALL_CODECS,
      hasFramebuffer: true, // CanvasSink keeps the pixels, so COPY works
    };
    this.sink_ = new CanvasSink(width, height, canvas.getContext('2d'));
    this.decoder_ = new Decoder(this.sink_, this.config_);
    this.hello_ = buildHello(this.config_, name, 0, role);

    // Draw time for the ACK: the decoder calls sink.frameDone() (putImageData) just before it
    // reports frame_done; time that call alone.
    this.lastDrawMs_ = 0;
    const paint = this.sink_.frameDone.bind(this.sink_);
    this.sink_.frameDone = (seq) => {
      const t = performance.now();
      paint(seq);
      this.lastDrawMs_ = performance.now() - t;
      this.onFrame?.(seq);
    };

    this.ws_ = null;
    this.retryDelayMs_ = kRetryMinMs;
    this.retryTimer_ = 0;
    this.handshakeTimer_ = 0;
    this.tickTimer_ = 0;
    this.lastSentAt_ = 0;
    this.lastHeardAt_ = 0;
    this.frameWorkMs_ = 0; // decoder time spent on the current frame in earlier messages
    this.chunkStart_ = 0;
    this.fpsFrames_ = 0;
    this.fpsSince_ = 0;
    // Sending BYE normal on leaving lets the server drop the session at once.
    this.onPageHide_ = () => this.sendBye_(Reason.normal);
    this.handlers_ = {
      onWelcome: (session) => this.onWelcome_(session),
      onFrameDone: (seq) => this.onFrameDone_(seq),
      onBye: (reason) => this.endSession_(`server said ${reasonName(reason)}`),
      onError: (decodeStatus) =>
        this.endSession_(`decoder: ${decodeStatus}`, reasonFor(decodeStatus)),
    };
  }

  /** Connects, and keeps reconnecting until close(). Returns false for a bad name or size. */
  start() {
    if (!this.hello_) {
      this.setState_(State.stopped, `bad name "${this.name}" (1..32 UTF-8 bytes)`);
      return false;
    }
    if (this.decoder_.status === 'not_configured') {
      this.setState_(State.stopped, `bad size ${this.width}x${this.height}`);
      return false;
    }
    addEventListener('pagehide', this.onPageHide_);
    this.fpsSince_ = performance.now();
    this.tickTimer_ = setInterval(() => this.tick_(), kTickMs);
    this.connect_();
    return true;
  }

  /** Ends the session (BYE normal) for good; the canvas keeps the last picture. */
  close() {
    removeEventListener('pagehide', this.onPageHide_);
    clearInterval(this.tickTimer_);
    clearTimeout(this.retryTimer_);
    clearTimeout(this.handshakeTimer_);
    const sock = this.ws_;
    this.ws_ = null;
    if (sock) {
      if (sock.readyState === WebSocket.OPEN) sock.send(buildBye(Reason.normal));
      sock.onclose = sock.onmessage = sock.onopen = null;
      sock.close();
    }
    this.setState_(State.stopped);
  }

  setState_(state, error) {
    this.status.state = state;
    if (error !== undefined) this.status.lastError = error;
    this.onChange?.(this.status);
  }

  send_(bytes) {
    if (this.ws_?.readyState !== WebSocket.OPEN) return;
    this.ws_.send(bytes);
    this.lastSentAt_ = performance.now();
  }

  sendBye_(reason) {
    if (this.ws_?.readyState === WebSocket.OPEN) this.ws_.send(buildBye(reason));
  }

  connect_() {
    this.retryTimer_ = 0;
    ++this.status.attempts;
    this.decoder_.reset();
    this.frameWorkMs_ = 0;
    this.setState_(State.connecting);
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/display`;
    const sock = new WebSocket(url);
    this.ws_ = sock;
    sock.binaryType = 'arraybuffer';
    // Counted from the attempt, so a connect that hangs is retried too.
    this.handshakeTimer_ = setTimeout(
        () => this.endSession_('no WELCOME in time', Reason.timeout), kHandshakeTimeoutMs);
    sock.onopen = () => {
      this.lastHeardAt_ = performance.now();
      this.send_(this.hello_);
      this.setState_(State.handshake);
    };
    sock.onmessage = (event) => {
      if (sock !== this.ws_ || typeof event.data === 'string') return; // binary only
      this.onBytes_(new Uint8Array(event.data));
    };
    sock.onclose = (event) => {
      if (sock !== this.ws_) return;
      this.endSession_(
          `connection closed (${event.code}${event.reason ? ' ' + event.reason : ''})`);
    };
    sock.onerror = () => {}; // onclose follows and says what happened
  }

  onWelcome_(session) {
    clearTimeout(this.handshakeTimer_);
    this.retryDelayMs_ = kRetryMinMs; // a session got going: the next failure retries quickly
    ++this.status.sessions;
    this.status.sessionId = session.sessionId;
    this.status.keepaliveMs = session.keepaliveMs;
    this.setState_(State.streaming);
  }

  onFrameDone_(seq) {
    const now = performance.now();
    const totalMs = this.frameWorkMs_ + (now - this.chunkStart_);
    this.frameWorkMs_ = 0;
    this.chunkStart_ = now;
    this.send_(buildAck(seq, {
      decodeUs: Math.round(Math.max(0, totalMs - this.lastDrawMs_) * 1000),
      drawUs: Math.round(this.lastDrawMs_ * 1000),
      freeHeap: 0,
      rssi: 127, // unknown: a browser has no radio
    }));
    ++this.status.frames;
    this.onChange?.(this.status);
  }

  onBytes_(bytes) {
    this.lastHeardAt_ = this.chunkStart_ = performance.now();
    this.decoder_.feedAll(bytes, this.handlers_);
    if (this.decoder_.inFrame) this.frameWorkMs_ += performance.now() - this.chunkStart_;
    // Browsers throttle timers in background tabs (down to one a minute), but messages still
    // arrive: an idle server's KEEPALIVE is answered here, so a late tick_() is harmless.
    this.keepAlive_(performance.now());
  }

  keepAlive_(now) {
    const keepaliveMs = this.decoder_.session.keepaliveMs;
    if (this.ws_ && this.status.state === State.streaming && keepaliveMs > 0 &&
        now - this.lastSentAt_ >= keepaliveMs) {
      this.send_(buildKeepalive());
    }
  }

  // Ends the current connection (sending BYE `reason` first if given and possible) and
  // schedules the next attempt.
  endSession_(error, reason) {
    const sock = this.ws_;
    this.ws_ = null;
    clearTimeout(this.handshakeTimer_);
    if (sock) {
      if (reason !== undefined && sock.readyState === WebSocket.OPEN) sock.send(buildBye(reason));
      sock.onclose = sock.onmessage = sock.onopen = null;
      sock.close();
    }
    this.setState_(State.backing_off, error);
    clearTimeout(this.retryTimer_);
    this.retryTimer_ = setTimeout(() => this.connect_(), this.retryDelayMs_);
    this.retryDelayMs_ = Math.min(this.retryDelayMs_ * 2, kRetryMaxMs);
  }

  // Keepalive both ways (§3.4), and the fps figure.
  tick_() {
    const now = performance.now();
    const keepaliveMs = this.decoder_.session.keepaliveMs;
    this.keepAlive_(now);
    if (this.ws_ && this.status.state === State.streaming && keepaliveMs > 0 &&
        now - this.lastHeardAt_ > kSilenceFactor * keepaliveMs) {
      this.endSession_(`server silent for ${Math.round(now - this.lastHeardAt_)} ms`,
                       Reason.timeout);
    }
    if (now - this.fpsSince_ >= 1000) {
      this.status.fps = ((this.status.frames - this.fpsFrames_) * 1000) / (now - this.fpsSince_);
      this.fpsFrames_ = this.status.frames;
      this.fpsSince_ = now;
      this.onChange?.(this.status);
    }
  }
}
