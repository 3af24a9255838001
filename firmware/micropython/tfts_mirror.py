# tfts_mirror: mirror an lv_micropython display to a tftstream server (docs/protocol.md §2.4,
# role "source"). Wraps the display's flush_cb (the original still draws the panel), encodes
# each flushed area with fill / rle / raw (§4.1-4.3) into one preallocated buffer and sends it
# over a non-blocking socket. It never waits: when the buffer or the server's credit cannot
# take a frame, the frame is dropped and the screen is invalidated once the link has drained.
#
# Runs under MicroPython and CPython 3 (socket, struct, time; select when present).
#
#   m = tfts_mirror.Mirror(320, 240, "panel")
#   m.connect("192.168.1.10", 8888)
#   m.hook_v8(disp_drv, invalidate=lambda: lv.scr_act().invalidate())   # LVGL 8 driver
#   flush = m.wrap(my_flush, invalidate=...)                             # or any flush_cb
#   while True: lv.task_handler(); m.poll(); time.sleep_ms(5)
import socket
import struct
import time

try:
    import select
except ImportError:  # some ports have no select: the socket is non-blocking anyway
    select = None

try:
    _ticks_ms = time.ticks_ms
    _ticks_diff = time.ticks_diff
except AttributeError:  # CPython
    def _ticks_ms():
        return int(time.monotonic() * 1000)

    def _ticks_diff(a, b):
        return a - b

FILL, RAW, RLE = 0, 1, 2
_CODECS = 0x0007  # what this module sends: fill, raw, rle
_BEGIN, _RECT, _END, _ACK, _REFRESH, _KEEPALIVE, _ERROR, _BYE = (
    0x10, 0x11, 0x12, 0x13, 0x14, 0x20, 0x30, 0x31)
_EAGAIN = (11, 35, 115)  # EAGAIN / EWOULDBLOCK / EINPROGRESS on Linux, macOS, lwIP

CONNECTING, HANDSHAKE, STREAMING, CLOSED = "connecting", "handshake", "streaming", "closed"


class Mirror:
    """One device's mirroring session. `swapped`: the GUI's RGB565 bytes are hi, lo
    (LV_COLOR_16_SWAP / RGB565_SWAPPED); otherwise lo, hi (plain RGB565 on a little-endian
    CPU). `buf_size` bounds the memory used for queued bytes; max_payload is capped to fit."""

    def __init__(self, width, height, name, buf_size=16384, max_payload=4096, swapped=False,
                 handshake_timeout_ms=5000):
        self.width, self.height, self.name, self.swapped = width, height, name, swapped
        self.buf = bytearray(buf_size)
        self.max_payload = max(256, min(max_payload, buf_size - 32))
        self.handshake_timeout_ms = handshake_timeout_ms
        self.sock = None
        self.stats = {"frames_sent": 0, "frames_dropped": 0, "frames_acked": 0, "rects": 0,
                      "bytes_sent": 0, "refresh_requests": 0, "full_refreshes": 0}
        self.invalidate = None
        self._reset()
        self.state = CONNECTING

    # --- session -------------------------------------------------------------------------
    def _reset(self):
        self.head = self.tail = 0
        self.seq = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.keepalive_ms = 0
        self.session_id = 0
        self.frame = 0  # 0 none, 1 open, 2 dropping until its end
        self.frame_start = 0  # self.queued at this frame's FRAME_BEGIN
        self.queued = 0       # bytes ever queued: positions that survive compaction
        self.need_refresh = False
        self.rx = b""
        self.welcomed = False
        self.close_reason = None
        self.peer_reason = None

    def connect(self, host, port):
        """Blocking connect (once, before the UI runs), then start()."""
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.connect(socket.getaddrinfo(host, port)[0][-1])
        self.start(s)

    def start(self, sock):
        """`sock` is connected: send HELLO (role 1) and wait for WELCOME from poll()."""
        self.sock = sock
        sock.setblocking(False)
        self._reset()
        name = self.name.encode()
        body = struct.pack(">HHBBHIBBB", self.width, self.height, 0, 1, _CODECS,
                           self.max_payload, 0, 1, len(name)) + name
        self._queue(b"TFTS\x01" + struct.pack(">H", len(body)) + body)
        self.state = HANDSHAKE
        self.t_start = self.t_rx = self.t_tx = _ticks_ms()
        self._send()

    def close(self, reason=0):
        if self.state != CLOSED:
            self._queue(bytes((_BYE, reason, 0)))
            self._send()
            self._closed("local")

    def _closed(self, why, peer_reason=None):
        self.state, self.close_reason, self.peer_reason = CLOSED, why, peer_reason
        self.frame = 0
        if self.sock:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None

    # --- buffer and socket ------------------------------------------------------------------
    def _room(self):
        return len(self.buf) - (self.tail - self.head)

    def _reserve(self, n):
        """Start index of n free bytes at the tail, or -1."""
        if self._room() < n:
            return -1
        if len(self.buf) - self.tail < n:
            pending = self.tail - self.head
            self.buf[0:pending] = self.buf[self.head:self.tail]
            self.head, self.tail = 0, pending
        return self.tail

    def _queue(self, data):
        at = self._reserve(len(data))
        if at >= 0:
            self.buf[at:at + len(data)] = data
            self.tail += len(data)
            self.queued += len(data)
        return at >= 0

    def _send(self):
        while self.sock and self.tail > self.head:
            try:
                n = self.sock.send(memoryview(self.buf)[self.head:self.tail])
            except OSError as e:
                if e.args and e.args[0] in _EAGAIN:
                    n = 0
                else:
                    self._closed("disconnected")
                    return
            if not n:
                break
            self.head += n
            self.stats["bytes_sent"] += n
            self.t_tx = _ticks_ms()
        if self.head == self.tail:
            self.head = self.tail = 0

    # --- frames -------------------------------------------------------------------------------
    def begin_frame(self):
        if self.frame:
            return
        self.frame = 2
        if self.state != STREAMING:
            return
        if self.in_flight >= self.max_in_flight or self._room() < 10:
            self._drop(False)
            return
        self.frame_start = self.queued
        self._queue(struct.pack(">BI", _BEGIN, self.seq))
        self.in_flight += 1
        self.frame = 1

    def end_frame(self):
        if self.frame == 1:
            self._queue(struct.pack(">BI", _END, self.seq))
            self.seq = (self.seq + 1) & 0xFFFFFFFF
            self.stats["frames_sent"] += 1
            self._send()
        self.frame = 0

    def _drop(self, opened=True):
        """The frame cannot go on: its unsent rectangles are discarded and it ends now. Kept
        as an empty frame when none of it was sent: draining those 10 bytes shows the link
        moves again before the refresh is offered."""
        if opened:
            frame_bytes = self.queued - self.frame_start
            if self.tail - self.head >= frame_bytes:
                self.tail -= frame_bytes - 5
                self.queued -= frame_bytes - 5
            self._queue(struct.pack(">BI", _END, self.seq))
            self.seq = (self.seq + 1) & 0xFFFFFFFF
            self.stats["frames_sent"] += 1
        self.stats["frames_dropped"] += 1
        self.need_refresh = True
        self.frame = 2

    def flush(self, x, y, w, h, data, offset=0, stride=None, last=True):
        """One flushed area: its top-left pixel at data[offset], rows `stride` bytes apart
        (default w * 2). Opens a frame when none is open; `last` ends it."""
        self.begin_frame()
        if self.frame == 1 and 0 <= x < self.width and 0 <= y < self.height and w > 0 and h > 0:
            stride = stride or w * 2
            w, h = min(w, self.width - x), min(h, self.height - y)
            max_px = self.max_payload // 2
            tw = min(w, max_px)
            th = min(h, max_px // tw)
            ok = True
            ty = 0
            while ok and ty < h:
                tx = 0
                while ok and tx < w:
                    ok = self._rect(x + tx, y + ty, min(tw, w - tx), min(th, h - ty), data,
                                    offset + ty * stride + tx * 2, stride)
                    tx += tw
                ty += th
            if not ok:
                self._drop()
            self._send()
        if last:
            self.end_frame()

    def _rect(self, x, y, w, h, data, offset, stride):
        raw = 2 * w * h
        if self._room() < 14 + raw + 5:
            self._send()
        at = self._reserve(14 + raw + 5)  # the worst case plus the frame's FRAME_END
        if at < 0:
            return False
        codec, n = self._encode(data, offset, stride, w, h, at + 14, raw)
        struct.pack_into(">BBHHHHI", self.buf, at, _RECT, codec, x, y, w, h, n)
        self.tail = at + 14 + n
        self.queued += 14 + n
        self.stats["rects"] += 1
        return True

    def _encode(self, data, offset, stride, w, h, at, raw):
        """Writes the payload at buf[at]; rle is tried first and given up once it is no
        smaller than raw (then a flat area becomes fill)."""
        buf, hi, lo = self.buf, (0 if self.swapped else 1), (1 if self.swapped else 0)
        first = data[offset + hi] << 8 | data[offset + lo]
        flat = True
        n = 0            # payload bytes written
        lit_at = -1      # header index of the open literal, -1 when none
        lit = 0
        cur, run = first, 0
        for row in range(h):
            i = offset + row * stride
            for _ in range(w):
                v = data[i + hi] << 8 | data[i + lo]
                i += 2
                if v == cur and run < 128:
                    run += 1
                    continue
                if v != cur:
                    flat = False
                n, lit_at, lit = self._item(buf, at, n, lit_at, lit, cur, run)
                if n >= raw:
                    return self._raw(data, offset, stride, w, h, at)
                cur, run = v, 1
        if flat:
            buf[at], buf[at + 1] = first >> 8, first & 255
            return FILL, 2
        n, lit_at, lit = self._item(buf, at, n, lit_at, lit, cur, run)
        if lit_at >= 0:
            buf[at + lit_at] = lit - 1
        if n >= raw:
            return self._raw(data, offset, stride, w, h, at)
        return RLE, n

    @staticmethod
    def _item(buf, at, n, lit_at, lit, v, run):
        if run == 1:  # gathered into a literal of up to 128 pixels
            if lit_at < 0:
                lit_at, lit = n, 0
                n += 1
            buf[at + n], buf[at + n + 1] = v >> 8, v & 255
            n += 2
            lit += 1
            if lit == 128:
                buf[at + lit_at] = 127
                lit_at = -1
            return n, lit_at, lit
        if lit_at >= 0:
            buf[at + lit_at] = lit - 1
            lit_at = -1
        buf[at + n], buf[at + n + 1], buf[at + n + 2] = 0x80 | (run - 1), v >> 8, v & 255
        return n + 3, lit_at, lit

    def _raw(self, data, offset, stride, w, h, at):
        buf, hi, lo = self.buf, (0 if self.swapped else 1), (1 if self.swapped else 0)
        o = at
        for row in range(h):
            i = offset + row * stride
            if self.swapped:  # already in wire order: copy the row
                buf[o:o + 2 * w] = data[i:i + 2 * w]
                o += 2 * w
                continue
            for _ in range(w):
                buf[o], buf[o + 1] = data[i + hi], data[i + lo]
                o += 2
                i += 2
        return RAW, 2 * w * h

    # --- the server's side -------------------------------------------------------------------
    def take_refresh(self):
        """True once when the whole screen should be sent and the link can take it now."""
        if (not self.need_refresh or self.state != STREAMING or self.frame
                or self.in_flight >= self.max_in_flight or self.tail != self.head):
            return False
        self.need_refresh = False
        self.stats["full_refreshes"] += 1
        return True

    def poll(self):
        """Call from the UI loop: reads, sends, keepalives, timeouts, and invalidates the
        screen when a full refresh is due. Returns the state."""
        now = _ticks_ms()
        self._read(now)
        self._send()
        if self.state == HANDSHAKE and _ticks_diff(now, self.t_start) > self.handshake_timeout_ms:
            self._closed("timeout")
        elif self.state == STREAMING and self.keepalive_ms:
            if _ticks_diff(now, self.t_rx) > 3 * self.keepalive_ms:
                self._queue(bytes((_ERROR, 8, 0)))
                self._send()
                self._closed("timeout")
            elif _ticks_diff(now, self.t_tx) >= self.keepalive_ms and self.tail == self.head:
                self._queue(bytes((_KEEPALIVE,)))
                self._send()
        if self.invalidate and self.take_refresh():
            self.invalidate()
        return self.state

    def _read(self, now):
        if not self.sock or self.state == CLOSED:
            return
        if select is not None and hasattr(select, "select"):
            try:
                if not select.select([self.sock], [], [], 0)[0]:
                    return
            except (OSError, ValueError):
                pass
        try:
            data = self.sock.recv(256)
        except OSError as e:
            if e.args and e.args[0] in _EAGAIN:
                return
            self._closed("disconnected")
            return
        if not data:
            self._closed("disconnected")
            return
        self.t_rx = now
        self.receive(data)

    def receive(self, data):
        """The server's bytes, any chunking."""
        self.rx += data
        while self.state not in (CLOSED,) and self.rx:
            used = self._parse(self.rx)
            if not used:
                return
            self.rx = self.rx[used:]

    def _parse(self, b):
        """Bytes used by the first complete item of b, 0 when it is incomplete."""
        if not self.welcomed:
            if len(b) < 7:
                return 0
            if b[0:4] != b"TFTS" or b[4] != 1:
                return self._violation(3 if b[0:4] != b"TFTS" else 2)
            body = b[5] << 8 | b[6]
            if body == 0:  # refused: ERROR follows
                if len(b) < 9:
                    return 0
                self._closed("refused", b[8])
                return len(b)
            if len(b) < 7 + body:
                return 0
            if body < 9 or b[9] == 0:
                return self._violation(1)
            self.welcomed = True
            self.max_in_flight = b[9]
            self.keepalive_ms, self.session_id = struct.unpack(">HI", b[10:16])
            self.state = STREAMING
            self.need_refresh = True  # §2.4: the server's copy starts black
            return 7 + body
        t = b[0]
        if t == _ACK:
            if len(b) < 18:
                return 0
            if self.in_flight == 0:
                return self._violation(1)
            self.in_flight -= 1
            self.stats["frames_acked"] += 1
            return 18
        if t == _REFRESH:
            self.need_refresh = True
            self.stats["refresh_requests"] += 1
            return 1
        if t == _KEEPALIVE:
            return 1
        if t in (_ERROR, _BYE):
            if len(b) < 2:
                return 0
            self._closed("peer_error" if t == _ERROR else "peer_bye", b[1])
            return len(b)
        return self._violation(1)

    def _violation(self, reason):
        self._queue(bytes((_ERROR, reason, 0)))
        self._send()
        self._closed("protocol")
        return len(self.rx) or 1

    # --- LVGL hooks ---------------------------------------------------------------------------
    def wrap(self, original, invalidate=None, screen_sized=False):
        """A flush_cb (v8: (drv, area, color_p), v9: (disp, area, px_map)) that sends the area,
        then calls `original`. screen_sized: DIRECT/FULL render modes (the buffer is the whole
        screen and the area sits at its own position inside it)."""
        if invalidate:
            self.invalidate = invalidate

        def flush_cb(disp, area, px):
            w, h = area.x2 - area.x1 + 1, area.y2 - area.y1 + 1
            stride = self.width * 2 if screen_sized else w * 2
            offset = area.y1 * stride + area.x1 * 2 if screen_sized else 0
            size = stride * (self.height if screen_sized else h)
            data = px.__dereference(size) if hasattr(px, "__dereference") else px
            last = disp.flush_is_last() if hasattr(disp, "flush_is_last") else True
            self.flush(area.x1, area.y1, w, h, data, offset, stride, last)
            original(disp, area, px)
        return flush_cb

    def hook_v8(self, disp_drv, invalidate=None):
        """Wraps an LVGL 8 lv_disp_drv_t's flush_cb in place (call before registering it)."""
        screen = bool(getattr(disp_drv, "direct_mode", 0) or getattr(disp_drv, "full_refresh", 0))
        disp_drv.flush_cb = self.wrap(disp_drv.flush_cb, invalidate, screen)
