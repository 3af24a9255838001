#!/usr/bin/python3
"""A mirroring device whose server stops answering: it drops frames and never waits, and when
the server is back it sends one complete frame and the server's copy is exact again.

  mirror_stall_test.py TFTSTREAM MIRROR_STALL_SOURCE      (ctest: mirror_stall)

The C core (mirror_stall_source) runs on a real socket against `tftstream serve`. After its
first frame is ACKed, the server is stopped with SIGSTOP (the process is ours), the device
flushes 40 pictures 10 ms apart, and after a second the server gets SIGCONT. Every process
started here is stopped here, by PID; every wait is bounded.
"""
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

W, H = 96, 64


def picture(k):
    """mirror_stall_source's picture k, as RGB565 values."""
    out = []
    for y in range(H):
        for x in range(W):
            v = (((y // 8 + k) % 4) * 0x2104 + x * 3) & 0xFFFF
            if x // 16 == k % (W // 16) and y > H // 3:
                v = 0xF800 | k
            out.append(v)
    return out


def main():
    tftstream, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as d:
        ready = os.path.join(d, "ready.json")
        server = subprocess.Popen([tftstream, "serve", "--port", "0", "--http-port", "0",
                                   "--set", "server.bind=127.0.0.1", "--ready-file", ready],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        device = None
        try:
            deadline = time.time() + 20
            while not (os.path.exists(ready) and os.path.getsize(ready)) and time.time() < deadline:
                time.sleep(0.05)
            ports = json.load(open(ready))
            device = subprocess.Popen([source, "127.0.0.1", str(ports["port"]), "stalled",
                                       str(W), str(H)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True)
            assert device.stdout.readline().strip() == "READY"
            os.kill(server.pid, signal.SIGSTOP)
            try:
                device.stdin.write("go\n")
                device.stdin.flush()
                time.sleep(1.0)  # 40 pictures at 10 ms: all of them while the server sleeps
            finally:
                os.kill(server.pid, signal.SIGCONT)
            out, _ = device.communicate(timeout=30)
            stats = json.loads(out.strip().splitlines()[-1])
            print("device:", json.dumps(stats))
            assert device.returncode == 0 and stats["ok"], stats
            assert stats["frames_dropped"] >= 1, "nothing was dropped: the stall was not felt"
            assert stats["full_refreshes"] >= 2, "no full refresh after the drop"
            # Never waits: a flush call with the server stopped is as quick as any other.
            assert stats["longest_flush_us"] < 50000, stats
            from PIL import Image
            import io
            png = urllib.request.urlopen(
                "http://127.0.0.1:%d/api/devices/stalled/screenshot.png" % ports["http_port"],
                timeout=10).read()
            got = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
            want = bytearray()
            for v in picture(40):
                r, g, b = v >> 11, (v >> 5) & 63, v & 31
                want += bytes((r << 3 | r >> 2, g << 2 | g >> 4, b << 3 | b >> 2))
            assert got == bytes(want), "the server's copy is not the last picture"
            print("the server's copy equals the last picture after the stall")
            return 0
        finally:
            if device is not None and device.poll() is None:
                device.kill()
                device.wait()
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
