// Figures about a display (or a mirrored device) shared by the overview (index.js) and the
// per-display page (view.js): rates from successive polls of /api/status and the rows of its
// stats table.

/** A number with at most `digits` decimals, or "–" when unknown. */
export function num(v, digits = 1) {
  return Number.isFinite(v) ? (Math.round(v * 10 ** digits) / 10 ** digits).toString() : '–';
}

/** Bytes as B, kB, MB (powers of 1000, as network rates are usually given). */
export function bytes(v) {
  if (!Number.isFinite(v)) return '–';
  if (v < 1000) return `${Math.round(v)} B`;
  if (v < 1e6) return `${(v / 1e3).toFixed(1)} kB`;
  return `${(v / 1e6).toFixed(2)} MB`;
}

/**
 * fps and bytes/s of one display from frames_acked and bytes_sent of successive polls. A new
 * session (or counters going back) starts over, since the counters are per session.
 */
export class RateMeter {
  constructor() {
    this.prev_ = null;
    this.fps = NaN;
    this.bytesPerSecond = NaN;
  }

  update(display, nowMs) {
    const p = this.prev_;
    const cur = { t: nowMs, session: display.session, frames: display.frames_acked,
                  bytes: display.bytes_sent };
    if (p && p.session === cur.session && cur.frames >= p.frames && cur.bytes >= p.bytes &&
        cur.t > p.t) {
      const dt = (cur.t - p.t) / 1000;
      this.fps = (cur.frames - p.frames) / dt;
      this.bytesPerSecond = (cur.bytes - p.bytes) / dt;
    } else {
      this.fps = this.bytesPerSecond = NaN;
    }
    this.prev_ = cur;
  }
}

/** [label, value] rows for a display of /api/status, with its RateMeter. */
export function displayRows(d, rates) {
  const ack = d.last_ack ?? {};
  const rssi = ack.rssi === undefined ? '–' : ack.rssi === 127 ? 'n/a' : `${ack.rssi} dBm`;
  return [
    ['screen', d.screen],
    ['size', `${d.width}x${d.height}`],
    ['fps', num(rates.fps)],
    ['bytes/s', bytes(rates.bytesPerSecond)],
    ['latency p50 / p95', `${num(d.latency_p50_ms)} / ${num(d.latency_p95_ms)} ms`],
    ['frames sent / acked', `${d.frames_sent} / ${d.frames_acked}`],
    ['in flight', String(d.frames_in_flight)],
    ['decode / draw', `${num(ack.decode_us / 1000, 2)} / ${num(ack.draw_us / 1000, 2)} ms`],
    ['free heap', bytes(ack.free_heap)],
    ['rssi', rssi],
    ['peer', `${d.peer} · session ${d.session}`],
  ];
}

/** [label, value] rows for a device of /api/status (one mirroring its screen, source role). */
export function deviceRows(d, rates) {
  return [
    ['size', `${d.width}x${d.height}`],
    ['fps', num(rates.fps)],
    ['bytes/s', bytes(rates.bytesPerSecond)],
    ['frames', String(d.frames)],
    ['decode', `${num(d.last_decode_us / 1000, 2)} ms`],
    ['peer', `${d.peer} · session ${d.session}`],
  ];
}

/** [label, value] rows for a screen of /api/status. */
export function screenRows(s) {
  return [
    ['source', s.source],
    ['state', screenState(s)],
    ['frames', `${s.source_frames} of ${s.grabs} grabs, ${s.source_errors} errors`],
  ];
}

/** "ok", "finished" or the source's error in words. */
export function screenState(s) {
  if (!s.source_ok) return `error: ${s.source_error || 'unknown'}`;
  return s.source_finished ? 'finished (last picture stays)' : 'ok';
}

/** Fills a <dl> with rows, reusing its elements so a poll does not rebuild the page. */
export function fillList(dl, rows) {
  while (dl.children.length > rows.length * 2) dl.lastElementChild.remove();
  rows.forEach(([label, value], i) => {
    let dt = dl.children[2 * i], dd = dl.children[2 * i + 1];
    if (!dt) {
      dt = dl.appendChild(document.createElement('dt'));
      dd = dl.appendChild(document.createElement('dd'));
    }
    if (dt.textContent !== label) dt.textContent = label;
    if (dd.textContent !== value) dd.textContent = value;
  });
}
