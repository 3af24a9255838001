#!/usr/bin/python3
"""The MicroPython mirroring module (firmware/micropython/tfts_mirror.py) under CPython.

  mpy_mirror_test.py encoder CHECKER   its streams, decoded by mirror_stream_check (the real
                                       decoder) in partial / direct / full flushes, both byte
                                       orders, padded strides; drops on a stalled socket, the
                                       refresh once drained, ACK credit, REFRESH, BYE
  mpy_mirror_test.py server TFTSTREAM [LIVE_SOURCE]
                                       a session against `tftstream serve`: connect as source
                                       "mpy", flush a picture in strips, and compare
                                       GET /api/devices/mpy/screenshot.png pixel for pixel;
                                       with LIVE_SOURCE (mirror_live_source), the C core does
                                       the same as device "core"
Exit 0 on success, 1 on failure.
"""
import io
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                "firmware", "micropython"))
import tfts_mirror  # noqa: E402

W, H = 72, 40


def picture(seed):
    """Native RGB565 values: a flat band (fill), runs (rle) and noise (raw)."""
    s = seed * 2654435761 + 1
    px = []
    for y in range(H):
        for x in range(W):
            if y < H // 4:
                v = 0x001F
            elif y < H // 2:
                v = ((x // 5) * 2113 + y * 3 + seed) & 0xFFFF
            else:
                s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
                v = s >> 16
            px.append(v)
    return px


def pack(px, w, x0, y0, aw, ah, stride, swapped):
    """The area (x0, y0, aw, ah) of a picture as the GUI's buffer holds it."""
    out = bytearray(stride * ah)
    for y in range(ah):
        for x in range(aw):
            v = px[(y0 + y) * w + x0 + x]
            o = y * stride + x * 2
            out[o:o + 2] = bytes((v >> 8, v & 255)) if swapped else bytes((v & 255, v >> 8))
    return out


class FakeSocket:
    """Takes `budget` bytes (None: everything); the server's bytes come from `incoming`."""

    def __init__(self):
        self.sent = bytearray()
        self.budget = None
        self.incoming = bytearray()

    def setblocking(self, flag):
        pass

    def send(self, data):
        n = len(data) if self.budget is None else min(len(data), self.budget)
        if n == 0:
            raise OSError(11, "EAGAIN")
        if self.budget is not None:
            self.budget -= n
        self.sent += bytes(data[:n])
        return n

    def recv(self, n):
        if not self.incoming:
            raise OSError(11, "EAGAIN")
        data, self.incoming = bytes(self.incoming[:n]), self.incoming[n:]
        return data

    def fileno(self):
        return -1

    def close(self):
        pass


def welcome(max_in_flight=2, keepalive_ms=2000):
    return b"TFTS\x01\x00\x09" + struct.pack(">HBHI", 0x7F, max_in_flight, keepalive_ms, 1)


def ack(seq):
    return struct.pack(">BIIIIb", 0x13, seq, 1, 0, 0, 127)


def flush_picture(m, px, mode, swapped, pad):
    if mode == "partial":
        for y in range(0, H, 6):
            rows = min(6, H - y)
            for x0, aw in ((0, 30), (30, W - 30)):
                stride = aw * 2 + pad
                buf = pack(px, W, x0, y, aw, rows, stride, swapped)
                m.flush(x0, y, aw, rows, buf, 0, stride, last=(x0 == 30 and y + rows >= H))
        return
    stride = W * 2 + pad
    screen = pack(px, W, 0, 0, W, H, stride, swapped)
    areas = [(0, 0, W, H)] if mode == "full" else [(0, 0, W, 13), (0, 13, 20, H - 13),
                                                    (20, 13, W - 20, H - 13)]
    for i, (x, y, aw, ah) in enumerate(areas):
        m.flush(x, y, aw, ah, screen, y * stride + x * 2, stride, last=(i == len(areas) - 1))


def check_stream(checker, sent, px, label):
    with tempfile.TemporaryDirectory() as d:
        stream, pic = os.path.join(d, "stream"), os.path.join(d, "picture")
        open(stream, "wb").write(bytes(sent))
        open(pic, "wb").write(b"".join(struct.pack("<H", v) for v in px))
        r = subprocess.run([checker, stream, pic, str(W), str(H)], capture_output=True,
                           text=True)
        if r.returncode != 0:
            raise AssertionError("%s: %s %s" % (label, r.stdout, r.stderr))


def new_mirror(swapped=False, buf_size=16384, max_payload=512, **kw):
    m = tfts_mirror.Mirror(W, H, "mpy", buf_size=buf_size, max_payload=max_payload,
                           swapped=swapped)
    sock = FakeSocket()
    m.start(sock)
    m.receive(welcome(**kw))
    assert m.state == tfts_mirror.STREAMING, m.state
    assert m.take_refresh()
    return m, sock


def test_encoder(checker):
    for mode in ("partial", "direct", "full"):
        for swapped in (False, True):
            for pad in (0, 10):
                m, sock = new_mirror(swapped)
                px = picture(3 + pad)
                flush_picture(m, px, mode, swapped, pad)
                assert m.stats["frames_sent"] == 1 and m.stats["frames_dropped"] == 0
                check_stream(checker, sock.sent, px, "%s swapped=%s pad=%d" % (mode, swapped, pad))
    print("encoder: 12 streams decode bit-exact")

    # A stalled socket: frames vanish, flush never waits, the refresh comes once it drains.
    m, sock = new_mirror(buf_size=1024)
    sock.budget = 0
    px = picture(5)
    flush_picture(m, px, "partial", False, 0)
    assert m.stats["frames_dropped"] == 1 and m.stats["frames_sent"] == 1, m.stats
    assert m.tail - m.head == 10  # an empty frame is all that is left of it
    assert not m.take_refresh()
    sock.budget = 200  # a little goes out, then the link stalls again: the frame is cut short
    flush_picture(m, px, "partial", False, 0)
    assert m.stats["frames_sent"] == 2 and m.stats["frames_dropped"] == 2, m.stats
    assert not m.take_refresh()
    sock.budget = None
    m.poll()
    assert not m.take_refresh()  # drained, but both frames still wait for their ACK
    sock.incoming += ack(0)
    m.poll()
    assert m.take_refresh()
    flush_picture(m, px, "full", False, 0)
    check_stream(checker, sock.sent, px, "after drops")
    print("encoder: stalled socket drops and recovers with a full refresh")

    # Credit: one frame in flight at most.
    m, sock = new_mirror(max_in_flight=1)
    flush_picture(m, picture(6), "full", False, 0)
    flush_picture(m, picture(7), "full", False, 0)
    assert m.stats["frames_sent"] == 1 and m.stats["frames_dropped"] == 1
    sock.incoming += ack(0) + b"\x14" + b"\x20"
    for _ in range(3):
        m.poll()
    assert m.stats["frames_acked"] == 1 and m.stats["refresh_requests"] == 1
    assert m.take_refresh()
    flush_picture(m, picture(7), "full", False, 0)
    check_stream(checker, sock.sent, picture(7), "credit")
    sock.incoming += b"\x31\x09\x00"
    m.poll()
    assert m.state == tfts_mirror.CLOSED and m.close_reason == "peer_bye" and m.peer_reason == 9
    print("encoder: ACK credit, REFRESH, BYE")

    # The LVGL hook: the original flush still runs, and the area goes out.
    class Area:
        def __init__(self, x1, y1, x2, y2):
            self.x1, self.y1, self.x2, self.y2 = x1, y1, x2, y2

    class Drv:
        direct_mode = 0
        full_refresh = 0

        def __init__(self):
            self.calls = 0
            self.flush_cb = self.panel_flush

        def panel_flush(self, drv, area, px):
            self.calls += 1

        def flush_is_last(self):
            return True

    m, sock = new_mirror()
    invalidated = []
    drv = Drv()
    m.hook_v8(drv, invalidate=lambda: invalidated.append(1))
    m.need_refresh = True
    m.poll()
    assert invalidated == [1]
    px = picture(8)
    drv.flush_cb(drv, Area(0, 0, W - 1, H - 1), pack(px, W, 0, 0, W, H, W * 2, False))
    assert drv.calls == 1
    check_stream(checker, sock.sent, px, "hook_v8")
    print("encoder: hook_v8 wraps flush_cb")


def http_get(port, path):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=5) as r:
        return r.read()


def compare_screenshot(port, name, px):
    from PIL import Image
    png = Image.open(io.BytesIO(http_get(port, "/api/devices/%s/screenshot.png" % name)))
    png = png.convert("RGB")
    assert png.size == (W, H), png.size
    got = png.load()
    wrong = 0
    for y in range(H):
        for x in range(W):
            v = px[y * W + x]
            r, g, b = v >> 11, (v >> 5) & 63, v & 31
            if got[x, y] != (r << 3 | r >> 2, g << 2 | g >> 4, b << 3 | b >> 2):  # expand565
                wrong += 1
    assert wrong == 0, "%s: %d pixels differ" % (name, wrong)


def test_server(tftstream, live_source=None):
    with tempfile.TemporaryDirectory() as d:
        ready = os.path.join(d, "ready.json")
        proc = subprocess.Popen([tftstream, "serve", "--port", "0", "--http-port", "0",
                                 "--ready-file", ready], stdout=subprocess.DEVNULL,
                                stderr=open(os.path.join(d, "server.log"), "w"))
        try:
            deadline = time.time() + 20
            while not os.path.exists(ready) and time.time() < deadline:
                time.sleep(0.05)
            ports = json.load(open(ready))
            m = tfts_mirror.Mirror(W, H, "mpy", buf_size=8192, max_payload=1024)
            m.connect("127.0.0.1", ports["port"])
            deadline = time.time() + 5
            while m.poll() == tfts_mirror.HANDSHAKE and time.time() < deadline:
                time.sleep(0.01)
            assert m.state == tfts_mirror.STREAMING, (m.state, m.peer_reason)
            assert m.take_refresh()
            px = picture(11)
            flush_picture(m, px, "partial", False, 4)
            deadline = time.time() + 5
            while m.stats["frames_acked"] < 1 and time.time() < deadline:
                m.poll()
                time.sleep(0.01)
            assert m.stats["frames_acked"] == 1, m.stats
            status = json.loads(http_get(ports["http_port"], "/api/status"))
            print("status devices:", json.dumps(status.get("devices"))[:300])
            compare_screenshot(ports["http_port"], "mpy", px)
            m.close()
            print("server: screenshot of device mpy equals the flushed picture")
            if live_source:
                core_px = picture(12)
                pic = os.path.join(d, "core.rgb565")
                open(pic, "wb").write(b"".join(struct.pack("<H", v) for v in core_px))
                r = subprocess.run([live_source, "127.0.0.1", str(ports["port"]), "core", pic,
                                    str(W), str(H)], capture_output=True, text=True, timeout=30)
                assert r.returncode == 0, r.stdout + r.stderr
                compare_screenshot(ports["http_port"], "core", core_px)
                print("server: screenshot of device core (C core) equals its picture;",
                      r.stdout.strip())
            return 0
        finally:
            proc.terminate()
            proc.wait(10)


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("encoder", "server"):
        print(__doc__)
        return 2
    if sys.argv[1] == "encoder":
        test_encoder(sys.argv[2])
        return 0
    return test_server(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)


if __name__ == "__main__":
    sys.exit(main())
